package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Training health through ./siglab: divergence fails the run with its step; healthy runs record their statistics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(6);
    /** The quickstart, small: 12 writers, 64 x 96 images. */
    private static final List<String> SMALL = List.of("image.height=64", "image.width=96", "dataset.writers=12",
            "dataset.split={train: 6, val: 3, test: 3}", "validation.triplets=100", "plots=[loss]");

    @TempDir
    static Path work;

    Path plugins;

    @BeforeAll
    void folders() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
    }

    private Siglab.Result run(Path experiments, String... overrides) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "configs/quickstart.yaml"));
        args.addAll(SMALL);
        args.addAll(List.of(overrides));
        args.addAll(List.of("--experiments", experiments.toString()));
        return Siglab.run(plugins, RUN, args.toArray(new String[0]));
    }

    private static Path onlyRun(Path experiments) throws Exception {
        try (Stream<Path> runs = Files.list(experiments.resolve("quickstart"))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /**
     * Plain SGD at a learning rate of 1e20: the first update throws the parameters so far out that
     * the next loss is not a number. The run stops there, says where, and is marked failed.
     */
    @Test
    void anAbsurdLearningRateFailsTheRunNamingEpochAndStep() throws Exception {
        Path experiments = work.resolve("diverged");
        Siglab.Result result = run(experiments, "training.optimizer.type=sgd", "training.optimizer.lr=1e20",
                "training.epochs=2");
        assertEquals(1, result.exitCode(), result.toString());
        Matcher message = Pattern.compile("training diverged: the (loss|gradient norm|norm of the running statistics \\(BatchNorm\\))"
                + " is (NaN|[+-]Infinity) at epoch 1, step (\\d+) of (\\d+) \\(learning rate 1\\.0E20\\); lower"
                + " training\\.optimizer\\.lr or set training\\.optimizer\\.clip-gradient").matcher(result.err());
        assertTrue(message.find(), result.toString());
        int step = Integer.parseInt(message.group(3));
        assertTrue(step >= 1 && step <= Integer.parseInt(message.group(4)), message.group());
        assertTrue(result.err().contains("siglab run: " + message.group()), "the command's own error line names it too");

        Path run = onlyRun(experiments);
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertEquals("failed", provenance.get("status").asText());
        assertTrue(provenance.get("error").asText().startsWith(message.group()), provenance.get("error").asText());
        assertFalse(Files.exists(run.resolve("history.csv")), "no epoch ended");
        assertTrue(Files.readString(run.resolve("log.txt")).contains("failed: "), "the log says so");
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("The run failed:") && report.contains("training diverged: the "), "report.html says so");

        Siglab.Result runs = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments", experiments.toString());
        assertEquals(0, runs.exitCode(), runs.toString());
        assertTrue(runs.outLines().get(1).contains(" failed "), runs.toString());
    }

    /** A normal run's history has the gradient norm and the learning rate of every epoch, finite. */
    @Test
    void aNormalRunRecordsGradientNormAndLearningRate() throws Exception {
        Path experiments = work.resolve("normal");
        Siglab.Result result = run(experiments, "training.epochs=2", "training.optimizer.lr=1e-3", "training.optimizer.schedule.type=step",
                "training.optimizer.schedule.step-epochs=1", "training.optimizer.schedule.gamma=0.5");
        assertEquals(0, result.exitCode(), result.toString());
        Path run = Path.of(result.lastLine());
        List<String> lines = Files.readAllLines(run.resolve("history.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(3, lines.size(), lines.toString());
        int norm = header.indexOf("grad_norm");
        int max = header.indexOf("grad_norm_max");
        int lr = header.indexOf("lr");
        int spread = header.indexOf("embedding_spread");
        assertTrue(norm > 0 && max > 0 && lr > 0 && spread > 0, header.toString());
        double[] rates = {1e-3, 5e-4};
        for (int epoch = 1; epoch <= 2; epoch++) {
            String[] cells = lines.get(epoch).split(",", -1);
            double gradientNorm = Double.parseDouble(cells[norm]);
            assertTrue(Double.isFinite(gradientNorm) && gradientNorm > 0, lines.get(epoch));
            assertTrue(Double.parseDouble(cells[max]) >= gradientNorm, lines.get(epoch));
            assertEquals(rates[epoch - 1], Double.parseDouble(cells[lr]), 1e-12, "halved every epoch: " + lines.get(epoch));
            double s = Double.parseDouble(cells[spread]);
            assertTrue(s > 0 && s <= 1, lines.get(epoch));
        }
        String log = Files.readString(run.resolve("log.txt"));
        assertTrue(log.contains("epoch 2: loss ") && log.contains(", lr 0.000500;"), log);
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertTrue(provenance.get("untrained_validation").has("embedding_spread"), provenance.toString());
    }

    /** `siglab runs` names each check that warned, with the epoch of its first warning. */
    @Test
    void runsShowsTrainingHealthWarnings() throws Exception {
        Path experiments = work.resolve("listed");
        for (String id : List.of("20261201-100000-aaaa", "20261201-110000-bbbb")) {
            Path run = Files.createDirectories(experiments.resolve("cedar-signet").resolve(id));
            Files.writeString(run.resolve("config.yaml"), "name: cedar-signet\nseed: 42\n");
            String health = id.endsWith("aaaa") ? "" : """
                    , "health": [
                      {"check": "collapse", "epoch": 2, "message": "the embeddings collapsed at epoch 2"},
                      {"check": "collapse", "epoch": 5, "message": "the embeddings collapsed at epoch 5"},
                      {"check": "below-untrained", "epoch": 1, "message": "worse than untrained"}]""";
            Files.writeString(run.resolve("provenance.json"),
                    "{\"name\": \"cedar-signet\", \"status\": \"finished\", \"seconds\": 60.0" + health + "}");
        }
        Siglab.Result runs = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments", experiments.toString());
        assertEquals(0, runs.exitCode(), runs.toString());
        List<String> lines = runs.outLines();
        assertTrue(lines.get(0).matches("run\\s+status\\s+health\\s+seconds.*"), runs.toString());
        assertTrue(lines.get(1).matches("cedar-signet/20261201-100000-aaaa\\s+finished\\s+60.*"), runs.toString());
        assertTrue(lines.get(2).matches("cedar-signet/20261201-110000-bbbb\\s+finished\\s+collapse@2,below-untrained@1\\s+60.*"),
                runs.toString());
    }
}
