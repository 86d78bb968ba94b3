package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep with one failing run, then eval and compare on what it produced. */
class SweepCompareIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aSweepRecordsItsFailedRunGoesOnResumesAndItsRunsCompareAndReEvaluate() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        List<String> args = new ArrayList<>(List.of("run", "configs/quickstart.yaml"));
        args.addAll(List.of(ResumeIT.TINY));
        args.addAll(List.of("training.epochs=1", "-q", "--experiments", experiments.toString(), "--parallel", "2",
                // 'seed' runs are fine; the 'folders' point fails at run time: its root does not exist.
                "--sweep", "seed=1,2", "dataset={type: synthetic, writers: 10, genuine: 6, forged: 6, "
                        + "split: {train: 6, val: 2, test: 2}},{type: folders, root: /nonexistent/siglab}"));
        Siglab.Result sweep = Siglab.run(plugins, Duration.ofMinutes(10), args.toArray(new String[0]));
        assertEquals(1, sweep.exitCode(), sweep.toString());
        Path folder = Path.of(sweep.lastLine());
        JsonNode record = JSON.readTree(folder.resolve("sweep.json").toFile());
        assertEquals(4, record.get("items").size());
        List<String> statuses = new ArrayList<>();
        List<Path> finished = new ArrayList<>();
        for (JsonNode item : record.get("items")) {
            statuses.add(item.get("status").asText());
            if (item.get("status").asText().equals("finished")) {
                finished.add(Path.of(item.get("run").asText()));
            } else {
                String log = Files.readString(Path.of(item.get("log").asText()));
                assertTrue(log.contains("/nonexistent/siglab"), log);
            }
        }
        assertEquals(List.of("finished", "failed", "finished", "failed"), statuses);
        for (Path run : finished) {
            assertEquals(folder.getFileName().toString(),
                    JSON.readTree(run.resolve("provenance.json").toFile()).get("sweep").asText());
            assertTrue(Files.exists(run.resolve("report.html")), "every run gets its report");
        }

        // Resuming the sweep redoes only what did not finish.
        Siglab.Result resumed = Siglab.run(plugins, Duration.ofMinutes(10), "run", "--resume", folder.toString(), "-q");
        assertEquals(1, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.err().contains("4 runs, 2 finished already, 2 to go"), resumed.toString());
        JsonNode again = JSON.readTree(folder.resolve("sweep.json").toFile());
        assertEquals(finished.get(0).toString(), again.get("items").get(0).get("run").asText(), "finished runs are kept");

        // eval: a new threshold on stored scores, into a folder of its own; the run is untouched.
        Path run = finished.get(0);
        String metricsBefore = Files.readString(run.resolve("metrics.json"));
        Siglab.Result eval = Siglab.run(plugins, Duration.ofMinutes(2), "eval", run.toString(), "--threshold", "0.05");
        assertEquals(0, eval.exitCode(), eval.toString());
        Path evaluation = Path.of(eval.lastLine());
        assertTrue(evaluation.startsWith(run.resolve("evaluations")), evaluation.toString());
        JsonNode evaluated = JSON.readTree(evaluation.resolve("metrics.json").toFile());
        assertEquals(0.05, evaluated.get("threshold").asDouble());
        assertEquals("fixed", evaluated.get("policy").asText());
        assertTrue(Files.exists(evaluation.resolve("plots/roc.png")));
        assertEquals(metricsBefore, Files.readString(run.resolve("metrics.json")));
        Siglab.Result policy = Siglab.run(plugins, Duration.ofMinutes(2), "eval", run.toString(), "--policy", "far=0.1");
        assertEquals(0, policy.exitCode(), policy.toString());
        assertEquals("target-far", JSON.readTree(Path.of(policy.lastLine()).resolve("metrics.json").toFile())
                .get("policy").asText());

        // compare: the two seeds differ only by seed, so they are one column with mean and SD.
        Siglab.Result compare = Siglab.run(plugins, Duration.ofMinutes(2), "compare", finished.get(0).toString(),
                finished.get(1).toString(), "--experiments", experiments.toString());
        assertEquals(0, compare.exitCode(), compare.toString());
        Path page = Path.of(compare.lastLine());
        assertTrue(page.endsWith("index.html") && Files.exists(page), compare.toString());
        String html = Files.readString(page);
        for (Path finishedRun : finished) {
            assertTrue(html.contains(finishedRun.getFileName().toString()), "the page names " + finishedRun);
        }
        assertTrue(compare.out().contains("±"), "seed-only differences are grouped with mean ± SD\n" + compare);

        Siglab.Result bySweep = Siglab.run(plugins, Duration.ofMinutes(2), "compare", "--sweep", folder.toString());
        assertEquals(0, bySweep.exitCode(), bySweep.toString());
        assertTrue(Files.exists(Path.of(bySweep.lastLine())), bySweep.toString());

        Siglab.Result runs = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments", experiments.toString(),
                "--sort", "auc");
        assertEquals(0, runs.exitCode(), runs.toString());
        assertTrue(runs.out().contains("failed") && runs.out().contains("finished"), runs.toString());
    }
}
