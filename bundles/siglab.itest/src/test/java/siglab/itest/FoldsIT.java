package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer-fold cross-validation through ./siglab: three folds as a group, their summary, runs and rerun. */
class FoldsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nine synthetic writers, one epoch of two steps on small images with a narrow encoder. */
    static final List<String> TINY = List.of("training.epochs=1", "training.steps-per-epoch=2", "image.height=64",
            "image.width=96", "encoder.width=4", "encoder.hidden=32", "encoder.embedding=16", "dataset.writers=9",
            "dataset.genuine=4", "dataset.forged=4", "validation.triplets=20", "plots=[roc]");

    @TempDir
    Path work;

    @Test
    void threeFoldsTestEveryWriterOnceAndTheirSummaryIsTheMeanAndSdOfTheFolds() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        List<String> args = new ArrayList<>(List.of("run", "configs/quickstart.yaml"));
        args.addAll(TINY);
        args.addAll(List.of("dataset.split={folds: 3}", "-q", "--experiments", experiments.toString()));

        Siglab.Result tooMany = Siglab.run(plugins, Duration.ofMinutes(2), replace(args, "dataset.split={folds: 12}"));
        assertEquals(2, tooMany.exitCode(), tooMany.toString());
        assertTrue(tooMany.err().contains("dataset.split.folds: 12 folds need at least 12 writers"), tooMany.toString());
        assertFalse(Files.exists(experiments.resolve("_sweeps")), "nothing starts when the folds cannot work");

        Siglab.Result result = Siglab.run(plugins, Duration.ofMinutes(5), args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.toString());
        Path sweep = Path.of(result.lastLine());
        String group = sweep.getFileName().toString();
        JsonNode record = JSON.readTree(sweep.resolve("sweep.json").toFile());
        assertEquals(group, record.path("groups").get(0).path("group").asText());

        // Three run folders, fold 1, 2, 3 of one group; each writer a test writer exactly once.
        List<Path> runs = new ArrayList<>();
        Set<String> tested = new HashSet<>();
        int testWriters = 0;
        for (JsonNode item : record.path("items")) {
            assertEquals("finished", item.path("status").asText(), item.toString());
            Path run = Path.of(item.path("run").asText());
            runs.add(run);
            JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
            assertEquals(runs.size(), provenance.path("fold").path("index").asInt());
            assertEquals(3, provenance.path("fold").path("folds").asInt());
            assertEquals(group, provenance.path("fold").path("group").asText());
            JsonNode split = provenance.path("split");
            Set<String> parts = new HashSet<>();
            for (String part : List.of("train", "val", "test")) {
                split.path(part).forEach(w -> assertTrue(parts.add(w.asText()), w + " is in two parts of a fold"));
            }
            assertEquals(9, parts.size(), "every writer takes part in every fold");
            split.path("test").forEach(w -> tested.add(w.asText()));
            testWriters += split.path("test").size();
            String config = Files.readString(run.resolve("config.yaml"));
            assertTrue(config.contains("    folds: 3\n    fold: " + runs.size() + "\n"), config);
        }
        assertEquals(3, runs.size());
        assertEquals(9, tested.size(), "every writer is a test writer");
        assertEquals(9, testWriters, "and only once");

        // The summary: the mean and sample SD of the folds' own metrics.json values.
        JsonNode summary = JSON.readTree(sweep.resolve("folds.json").toFile()).path("groups").get(0);
        assertEquals(group, summary.path("group").asText());
        assertTrue(summary.path("complete").asBoolean());
        boolean everyFoldBeatsUntrained = true;
        for (String metric : List.of("eer", "auc", "far_skilled", "far_random", "frr", "accuracy", "pairs")) {
            double[] values = new double[3];
            double[] untrained = new double[3];
            for (int i = 0; i < 3; i++) {
                JsonNode metrics = JSON.readTree(runs.get(i).resolve("metrics.json").toFile());
                values[i] = metrics.path("metrics").path(metric).asDouble();
                untrained[i] = metrics.path("untrained").path("metrics").path(metric).asDouble();
                if (metric.equals("eer")) {
                    everyFoldBeatsUntrained &= values[i] < untrained[i];
                    assertEquals(values[i], summary.path("runs").get(i).path("test").path("eer").asDouble(), 1e-12);
                }
            }
            assertEquals(mean(values), summary.path("mean").path(metric).asDouble(), 1e-12, metric);
            assertEquals(sd(values), summary.path("sd").path(metric).asDouble(), 1e-12, metric);
            if (!metric.equals("pairs")) {
                assertEquals(mean(untrained), summary.path("untrained_mean").path(metric).asDouble(), 1e-12, metric);
                assertEquals(sd(untrained), summary.path("untrained_sd").path(metric).asDouble(), 1e-12, metric);
            }
        }
        assertEquals(everyFoldBeatsUntrained, summary.path("every_fold_beats_untrained").asBoolean());
        assertTrue(result.out().contains("writer folds of quickstart (group " + group + "): all 3 folds"), result.out());
        assertTrue(result.out().contains("every fold beat its untrained encoder (lower test EER): "
                + (everyFoldBeatsUntrained ? "yes" : "no")), result.out());
        Path page = Path.of(JSON.readTree(sweep.resolve("folds.json").toFile()).path("page").asText());
        assertTrue(Files.readString(page).contains("Writer folds"), page.toString());

        // runs: the three folds together, then the group's mean ± SD.
        Siglab.Result listed = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments", experiments.toString());
        assertEquals(0, listed.exitCode(), listed.toString());
        List<String> lines = listed.outLines();
        int summaryLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("folds " + group + ": mean \u00b1 SD")) {
                summaryLine = i;
            }
        }
        assertTrue(summaryLine == 4 && lines.get(summaryLine).contains("3/3 folds"), listed.toString());
        for (int fold = 1; fold <= 3; fold++) {
            assertTrue(lines.get(fold).startsWith("quickstart/" + runs.get(fold - 1).getFileName()), listed.toString());
        }
        assertTrue(lines.get(summaryLine).contains(String.format(java.util.Locale.ROOT, "%.4f \u00b1 %.4f",
                summary.path("mean").path("eer").asDouble(), summary.path("sd").path("eer").asDouble())), listed.toString());

        // rerun repeats exactly that fold, outside the group.
        Siglab.Result rerun = Siglab.run(plugins, Duration.ofMinutes(2), "rerun", runs.get(1).toString(), "-q");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        JsonNode again = JSON.readTree(Path.of(rerun.lastLine()).resolve("provenance.json").toFile());
        JsonNode original = JSON.readTree(runs.get(1).resolve("provenance.json").toFile());
        assertEquals(original.path("split"), again.path("split"));
        assertEquals(2, again.path("fold").path("index").asInt());
        assertTrue(again.path("fold").path("group").isMissingNode(), "a rerun is not one of the group's folds");
    }

    private static String[] replace(List<String> args, String split) {
        return args.stream().map(a -> a.startsWith("dataset.split=") ? split : a).toArray(String[]::new);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double sd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
