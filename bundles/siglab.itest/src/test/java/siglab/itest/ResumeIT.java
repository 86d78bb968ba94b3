package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that are stopped (Ctrl-C, SIGKILL) keep what they had, are recognised, and can be resumed. */
class ResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(8);
    static final String[] TINY = {"training.epochs=3", "dataset.writers=10", "dataset.genuine=6", "dataset.forged=6",
        "dataset.split={train: 6, val: 2, test: 2}", "image.height=77", "image.width=110", "validation.triplets=50",
        "plots=[loss, roc]"};

    @TempDir
    Path work;

    @Test
    void aRunKilledMidTrainingIsSeenAsDeadAndResumesToTheEnd() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        Process process = start(plugins, experiments);
        Path run = waitForFirstEpoch(experiments, process);
        String firstEpoch = Files.readAllLines(run.resolve("history.csv")).get(1);
        process.destroyForcibly(); // SIGKILL: no chance to save anything
        process.waitFor(30, TimeUnit.SECONDS);

        assertEquals("running", JSON.readTree(run.resolve("provenance.json").toFile()).get("status").asText());
        Siglab.Result list = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments", experiments.toString());
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("died"), list.toString());

        Siglab.Result resumed = Siglab.run(plugins, RUN, "resume", run.toString(), "-q");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertEquals(run.toString(), resumed.lastLine());
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertEquals("finished", provenance.get("status").asText());
        assertEquals("died", provenance.get("resumed").get(0).get("after").asText());
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(7, history.size(), "six epochs, as configured: " + history);
        assertEquals(firstEpoch, history.get(1), "completed epochs are kept as they were");
        assertTrue(Files.exists(run.resolve("metrics.json")));
        assertTrue(Files.exists(run.resolve("plots/roc.png")));

        Siglab.Result again = Siglab.run(plugins, Duration.ofMinutes(2), "resume", run.toString());
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("has finished; nothing to resume"), again.toString());
    }

    @Test
    void ctrlCMarksTheRunInterruptedAndExits130() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        Process process = start(plugins, experiments);
        Path run = waitForFirstEpoch(experiments, process);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the run did not stop");
        assertEquals(130, process.exitValue());
        assertEquals("interrupted", JSON.readTree(run.resolve("provenance.json").toFile()).get("status").asText());
        assertTrue(Files.readString(run.resolve("log.txt")).contains("resume with: siglab resume " + run));
        assertTrue(Files.exists(run.resolve("checkpoints/last.params")));
    }

    @Test
    void rerunRepeatsTheMetricsExactly() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        String[] args = new String[TINY.length + 5];
        args[0] = "run";
        args[1] = "configs/quickstart.yaml";
        System.arraycopy(TINY, 0, args, 2, TINY.length);
        args[TINY.length + 2] = "-q";
        args[TINY.length + 3] = "--experiments";
        args[TINY.length + 4] = experiments.toString();
        Siglab.Result first = Siglab.run(plugins, RUN, args);
        assertEquals(0, first.exitCode(), first.toString());
        Path original = Path.of(first.lastLine());
        Siglab.Result second = Siglab.run(plugins, RUN, "rerun", original.toString(), "-q");
        assertEquals(0, second.exitCode(), second.toString());
        Path repeated = Path.of(second.lastLine());
        assertTrue(!repeated.equals(original), "a rerun never overwrites the run it repeats");
        assertEquals(JSON.readTree(original.resolve("metrics.json").toFile()),
                JSON.readTree(repeated.resolve("metrics.json").toFile()));
        assertEquals(Files.readString(original.resolve("scores/test.csv")), Files.readString(repeated.resolve("scores/test.csv")));
    }

    private static Process start(Path plugins, Path experiments) throws Exception {
        String[] args = new String[TINY.length + 6];
        args[0] = "run";
        args[1] = "configs/quickstart.yaml";
        System.arraycopy(TINY, 0, args, 2, TINY.length);
        args[TINY.length + 2] = "training.epochs=6";
        args[TINY.length + 3] = "-q";
        args[TINY.length + 4] = "--experiments";
        args[TINY.length + 5] = experiments.toString();
        return Siglab.builder(plugins, List.of(), args).redirectErrorStream(true)
                .redirectOutput(experiments.getParent().resolve("run-output.txt").toFile()).start();
    }

    private static Path waitForFirstEpoch(Path experiments, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Path folder = experiments.resolve("quickstart");
            if (Files.isDirectory(folder)) {
                try (var runs = Files.list(folder)) {
                    for (Path run : runs.toList()) {
                        Path history = run.resolve("history.csv");
                        if (Files.exists(history) && Files.readAllLines(history).size() >= 2) {
                            return run;
                        }
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the run ended early: "
                        + Files.readString(experiments.getParent().resolve("run-output.txt")));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no epoch finished in time");
    }
}
