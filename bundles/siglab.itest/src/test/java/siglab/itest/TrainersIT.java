package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer-classification loop and encoder.init through ./siglab: a classification run that is
 * interrupted and resumed with its head, then a run that starts from its encoder.
 */
class TrainersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(5);
    /** Small and fast: 10 synthetic writers (6 train, 2 validation, 2 test) at 64 x 96, a narrow encoder. */
    private static final List<String> TINY = List.of("dataset.writers=10", "dataset.genuine=6", "dataset.forged=6",
            "dataset.split={train: 6, val: 2, test: 2}", "image.height=64", "image.width=96", "encoder.width=8",
            "encoder.hidden=64", "encoder.embedding=32", "validation.triplets=100", "plots=[loss]");

    @TempDir
    Path work;

    private String[] args(String command, String config, List<String> more) {
        List<String> all = new ArrayList<>(List.of(command, config));
        all.addAll(TINY);
        all.addAll(more);
        all.addAll(List.of("-q", "--experiments", work.resolve("experiments").toString()));
        return all.toArray(new String[0]);
    }

    @Test
    void aClassifierResumesWithItsHeadAndItsEncoderStartsAnotherRun() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));

        // 1. Classification, stopped with Ctrl-C after its first checkpoint, then resumed.
        Path output = work.resolve("first-output.txt");
        Process process = Siglab.builder(plugins, List.of(), args("run", "configs/quickstart.yaml",
                List.of("name=classifier", "training.type=classification", "training.epochs=12", "training.batch=12")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path classifier = waitFor(work.resolve("experiments/classifier"), "checkpoints/last-classifier.params",
                process, output);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the run did not stop");
        assertEquals(130, process.exitValue(), Files.readString(output));
        Siglab.Result resumed = Siglab.run(plugins, RUN, "resume", classifier.toString(), "-q");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        String log = Files.readString(classifier.resolve("log.txt"));
        assertTrue(log.contains("restored the training loop's classifier from last-classifier.params"), log);
        assertTrue(log.contains("note: training classification takes no loss; the config's loss section (triplet)"
                + " is ignored"), log);
        assertTrue(log.contains("epoch 12: classifier training accuracy"), log);
        assertFalse(Files.readString(classifier.resolve("config.yaml")).contains("loss:"),
                "the resolved config has no loss section");
        for (String file : List.of("last-classifier.params", "best-classifier.params")) {
            assertTrue(Files.isRegularFile(classifier.resolve("checkpoints").resolve(file)), file);
        }
        List<String> history = Files.readAllLines(classifier.resolve("history.csv"));
        assertEquals(13, history.size(), "12 epochs: " + history);
        // Training health and statistics as for the other loops, before and after the resume, with
        // the classifier's training accuracy as the log gives it.
        List<String> columns = List.of(history.get(0).split(","));
        for (String row : history.subList(1, history.size())) {
            String[] cells = row.split(",", -1);
            double norm = Double.parseDouble(cells[columns.indexOf("grad_norm")]);
            double rate = Double.parseDouble(cells[columns.indexOf("lr")]);
            double accuracy = Double.parseDouble(cells[columns.indexOf("train_accuracy")]);
            assertTrue(Double.isFinite(norm) && norm > 0 && rate == 1e-3 && accuracy >= 0 && accuracy <= 1, row);
        }
        double lastAccuracy = Double.parseDouble(history.get(12).split(",", -1)[columns.indexOf("train_accuracy")]);
        assertTrue(log.contains(String.format(java.util.Locale.ROOT, "epoch 12: classifier training accuracy %.4f",
                lastAccuracy)), log);

        // 2. A run whose encoder starts from the classifier's: same seed, data and split, other loop.
        Siglab.Result tuned = Siglab.run(plugins, RUN, args("run", "configs/quickstart.yaml",
                List.of("name=tuned", "training.epochs=1", "encoder.init=" + classifier)));
        assertEquals(0, tuned.exitCode(), tuned.toString());
        Path run = Path.of(tuned.lastLine());
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        JsonNode origin = provenance.get("encoder_init");
        assertEquals(classifier.toString(), origin.get("run").asText());
        assertEquals(classifier.getFileName().toString(), origin.get("run_id").asText());
        assertEquals("seed-cnn", origin.get("encoder").get("type").asText());
        assertEquals(sha256(classifier.resolve("model/encoder.params")), origin.get("sha256").asText());
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("  init: " + classifier + "\n"));
        assertTrue(Files.readString(run.resolve("log.txt")).contains("the untrained baseline below is that encoder"));

        // Its untrained baseline is the classifier's trained encoder: the same validation figures.
        int evaluated = JSON.readTree(classifier.resolve("metrics.json").toFile()).get("epoch").asInt();
        String[] header = history.get(0).split(",");
        String[] trained = history.get(evaluated).split(",");
        JsonNode untrained = provenance.get("untrained_validation");
        for (String key : List.of("triplet_accuracy", "ap_mean", "an_mean", "auc")) {
            int column = List.of(header).indexOf(key);
            assertEquals(Double.parseDouble(trained[column]), untrained.get(key).asDouble(), 1e-6,
                    key + " of epoch " + evaluated + " of the classifier");
        }

        // 3. Origins that cannot start this encoder are refused before a run folder exists.
        Siglab.Result narrower = Siglab.run(plugins, RUN, args("run", "configs/quickstart.yaml",
                List.of("name=misfit", "encoder.embedding=16", "encoder.init=" + classifier)));
        assertEquals(2, narrower.exitCode(), narrower.toString());
        assertTrue(narrower.err().contains("do not fit this encoder") && narrower.err().contains(
                "differing settings: encoder.embedding 32 there, 16 here"), narrower.toString());
        assertFalse(Files.exists(work.resolve("experiments/misfit")), "no run folder for a refused init");
        Siglab.Result notARun = Siglab.run(plugins, RUN, args("run", "configs/quickstart.yaml",
                List.of("name=misfit", "encoder.init=" + work)));
        assertEquals(2, notARun.exitCode(), notARun.toString());
        assertTrue(notARun.err().contains("encoder.init: " + work + " is not a run folder"), notARun.toString());

        // 4. A changed parameter file: repeating the tuned run is refused.
        Files.write(classifier.resolve("model/encoder.params"), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        Siglab.Result rerun = Siglab.run(plugins, RUN, "rerun", run.toString(), "-q");
        assertEquals(2, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.err().contains("has changed since this run started from it"), rerun.toString());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The run folder under {@code experiment} once {@code file} exists in it. */
    private static Path waitFor(Path experiment, String file, Process process, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(experiment)) {
                try (var runs = Files.list(experiment)) {
                    for (Path run : runs.toList()) {
                        if (Files.exists(run.resolve(file))) {
                            return run;
                        }
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the run ended early: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + file + " in time");
    }
}
