package siglab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups of writer folds from run folders alone: the table, the verdict, folds.json and compare --sweep. */
class FoldSummaryTest {

    static final String GROUP = "20261128-090000-f01d";

    @TempDir
    Path experiments;

    List<RunFolder> threeFolds(double thirdEer) throws Exception {
        return List.of(
                new RunFolder(FakeRuns.fold(experiments, "20261128-100000-0001", GROUP, 1, 3, 0.10, 0.30)),
                new RunFolder(FakeRuns.fold(experiments, "20261128-100000-0002", GROUP, 2, 3, 0.20, 0.30)),
                new RunFolder(FakeRuns.fold(experiments, "20261128-100000-0003", GROUP, 3, 3, thirdEer, 0.30)),
                new RunFolder(FakeRuns.finished(experiments, "quick", "20261128-100000-0004", 42, 128, 0.5, 0.1)));
    }

    @Test
    void aGroupHasEachFoldTheMeanAndSdAndTheUntrainedEncoderBeside() throws Exception {
        List<FoldSummary> groups = FoldSummary.groups(threeFolds(0.15));

        assertEquals(1, groups.size(), "the run of no group is left out");
        FoldSummary summary = groups.get(0);
        assertEquals(GROUP, summary.group());
        assertTrue(summary.complete());
        // EER 0.10, 0.20, 0.15: mean 0.15, sample SD 0.05.
        double[] eer = summary.meanAndSd(FoldSummary.TEST.get(0), false);
        assertEquals(0.15, eer[0], 1e-12);
        assertEquals(0.05, eer[1], 1e-12);
        String text = summary.text();
        assertTrue(text.startsWith("writer folds of quick (group " + GROUP + "): all 3 folds\n"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("test EER\\s+10\\.00%\\s+20\\.00%\\s+15\\.00%\\s+15\\.00 \u00b1 5\\.00%")),
                text);
        assertTrue(text.lines().anyMatch(l -> l.matches("untrained test EER\\s+30\\.00%\\s+30\\.00%\\s+30\\.00%\\s+30\\.00 \u00b1 0\\.00%")),
                text);
        assertTrue(text.lines().anyMatch(l -> l.matches("test pairs\\s+40\\s+40\\s+40\\s+40")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("EER below untrained\\s+yes\\s+yes\\s+yes\\s+3 of 3")), text);
        assertTrue(text.endsWith("every fold beat its untrained encoder (lower test EER): yes\n"), text);

        Map<String, Object> json = summary.json(List.of("seed=1"));
        assertEquals(List.of("seed=1"), json.get("point"));
        assertEquals(true, json.get("every_fold_beats_untrained"));
        assertEquals(120L, json.get("test_pairs_total"));
        assertEquals(0.15, (Double) ((Map<?, ?>) json.get("mean")).get("eer"), 1e-12);
        assertEquals(0.30, (Double) ((Map<?, ?>) json.get("untrained_mean")).get("eer"), 1e-12);
    }

    @Test
    void aFoldWorseThanItsUntrainedEncoderIsNamed() throws Exception {
        FoldSummary summary = FoldSummary.groups(threeFolds(0.35)).get(0);
        assertFalse(summary.everyFoldBeatsUntrained());
        assertEquals("every fold beat its untrained encoder (lower test EER): no; these did not: fold 3 (35.00% vs "
                + "30.00% untrained)", summary.verdict());
    }

    @Test
    void aGroupWithAFailedFoldSaysSoAndAveragesTheOthers() throws Exception {
        List<RunFolder> runs = List.of(
                new RunFolder(FakeRuns.fold(experiments, "20261128-100000-0001", GROUP, 1, 3, 0.10, 0.30)),
                new RunFolder(FakeRuns.fold(experiments, "20261128-100000-0003", GROUP, 3, 3, 0.20, 0.30)));
        FoldSummary summary = FoldSummary.groups(runs).get(0);
        assertFalse(summary.complete());
        assertEquals(List.of(2), summary.missing());
        assertEquals("writer folds of quick (group " + GROUP + "): 2 of 3 folds finished, the mean is over those",
                summary.title());
        assertEquals("every fold beat its untrained encoder (lower test EER): not known; fold 2 did not finish",
                summary.verdict());
        assertTrue(summary.text().lines().anyMatch(l -> l.matches("test EER\\s+10\\.00%\\s+\u2014\\s+20\\.00%\\s+15\\.00 \u00b1 7\\.07%")),
                summary.text());
        assertNull(FoldSummary.beatsUntrained(new RunFolder(experiments.resolve("nowhere"))));
    }

    @Test
    void compareSweepWritesTheGroupsSummaryIntoTheSweepFolderAndGroupsTheFoldsInOneColumn() throws Exception {
        List<RunFolder> runs = threeFolds(0.15);
        Path sweep = Files.createDirectories(experiments.resolve("_sweeps").resolve(GROUP));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            items.append(i > 0 ? "," : "").append("{\"index\": ").append(i).append(", \"overrides\": [\"dataset.split.fold=")
                    .append(i + 1).append("\"], \"status\": \"finished\", \"run\": \"").append(runs.get(i).path())
                    .append("\", \"group\": \"").append(GROUP).append("\", \"fold\": ").append(i + 1).append(", \"folds\": 3}");
        }
        Files.writeString(sweep.resolve("sweep.json"), "{\"id\": \"" + GROUP + "\", \"groups\": [{\"group\": \"" + GROUP
                + "\", \"point\": [], \"folds\": 3}], \"items\": [" + items + "]}");

        CompareCommandTest.Result result = CompareCommandTest.compare("--sweep", GROUP, "--experiments", experiments.toString());

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("writer folds of quick (group " + GROUP + "): all 3 folds"), result.out());
        assertTrue(result.out().contains("20261128-100000-0001+2: mean \u00b1 SD of 3 runs that differ only by writer fold"),
                result.out());
        JsonNode written = new ObjectMapper().readTree(sweep.resolve(FoldSummary.FILE).toFile());
        assertEquals(GROUP, written.path("sweep").asText());
        assertEquals(0.15, written.path("groups").get(0).path("mean").path("eer").asDouble(), 1e-12);
        assertEquals(Path.of(result.lastLine()).toString(), written.path("page").asText());
        String html = Files.readString(Path.of(result.lastLine()));
        assertTrue(html.contains("<h2 id=\"folds\">Writer folds</h2>") && html.contains("mean \u00b1 SD of 3 writer folds"));
        assertTrue(html.contains("every fold beat its untrained encoder (lower test EER): yes"), "the verdict is on the page");
        HtmlRunReporterTest.assertNoNetwork(html);
    }
}
