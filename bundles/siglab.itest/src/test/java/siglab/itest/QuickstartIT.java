package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart, shortened, through the real framework; then everything its run folder holds. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofMinutes(10);

    @TempDir
    static Path work;

    Path plugins;
    Path run;
    Siglab.Result result;

    /** One scored pair of a CSV. */
    record Pair(String fileA, String fileB, String writer, String kind, int label, double distance) {}

    @BeforeAll
    void runTheQuickstart() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        result = Siglab.run(plugins, RUN, "run", "configs/quickstart.yaml", "training.epochs=3",
                "dataset.writers=16", "dataset.split={train: 10, val: 3, test: 3}", "validation.triplets=300",
                "--experiments", work.resolve("experiments").toString());
        assertEquals(0, result.exitCode(), result.toString());
        run = Path.of(result.lastLine());
    }

    @Test
    void theRunFolderHoldsEveryFile() {
        assertTrue(run.startsWith(work.resolve("experiments").resolve("quickstart")), run.toString());
        for (String file : List.of("config.yaml", "provenance.json", "history.csv", "scores/val.csv", "scores/test.csv",
                "metrics.json", "model/encoder.params", "checkpoints/best.params", "checkpoints/last.params", "log.txt")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " is missing in " + run);
        }
    }

    @Test
    void everyPlotDecodesAtItsSize() throws Exception {
        for (String plot : List.of("loss", "accuracy", "means", "quartiles", "confusion", "roc", "det", "distances")) {
            BufferedImage image = ImageIO.read(run.resolve("plots").resolve(plot + ".png").toFile());
            assertNotNull(image, plot + ".png does not decode");
            assertEquals(800, image.getWidth(), plot);
            assertEquals(600, image.getHeight(), plot);
        }
    }

    @Test
    void historyHasOneRowPerEpochWithTheSeedNotebooksNumbers() throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("history.csv"));
        assertEquals("epoch,loss,samples,seconds,triplet_accuracy,ap_mean,ap_sd,an_mean,an_sd,auc,triplets,"
                + "embedding_spread,grad_norm,grad_norm_max,lr,rss_mib", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        for (String line : lines.subList(1, 4)) {
            String[] cells = line.split(",");
            double accuracy = Double.parseDouble(cells[4]);
            assertTrue(accuracy >= 0 && accuracy <= 1, line);
            assertEquals(300.0, Double.parseDouble(cells[10]), line);
        }
    }

    @Test
    void metricsAgreeWithTheScoredTestPairs() throws Exception {
        JsonNode document = JSON.readTree(run.resolve("metrics.json").toFile());
        JsonNode metrics = document.get("metrics");
        double threshold = document.get("threshold").asDouble();
        assertEquals("eer", document.get("policy").asText());
        List<Pair> test = read(run.resolve("scores/test.csv"));
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        int skilled = 0;
        int skilledAccepted = 0;
        for (Pair pair : test) {
            boolean accepted = pair.distance() <= threshold;
            if (pair.label() == 1) {
                tp += accepted ? 1 : 0;
                fn += accepted ? 0 : 1;
            } else {
                fp += accepted ? 1 : 0;
                tn += accepted ? 0 : 1;
            }
            if (pair.kind().equals("skilled")) {
                skilled++;
                skilledAccepted += accepted ? 1 : 0;
            }
        }
        assertEquals(test.size(), metrics.get("pairs").asInt());
        assertEquals(tp, metrics.get("tp").asInt());
        assertEquals(fp, metrics.get("fp").asInt());
        assertEquals(tn, metrics.get("tn").asInt());
        assertEquals(fn, metrics.get("fn").asInt());
        assertEquals((tp + tn) / (double) test.size(), metrics.get("accuracy").asDouble(), 1e-12);
        assertEquals(fn / (double) (tp + fn), metrics.get("frr").asDouble(), 1e-12);
        assertEquals(skilled, metrics.get("pairs_skilled").asInt());
        assertEquals(skilledAccepted / (double) skilled, metrics.get("far_skilled").asDouble(), 1e-12);

        // AUC as the probability that a genuine pair is closer than a negative one (ties half).
        double wins = 0;
        long comparisons = 0;
        for (Pair positive : test) {
            if (positive.label() != 1) {
                continue;
            }
            for (Pair negative : test) {
                if (negative.label() == 1) {
                    continue;
                }
                comparisons++;
                wins += positive.distance() < negative.distance() ? 1 : positive.distance() == negative.distance() ? 0.5 : 0;
            }
        }
        assertEquals(wins / comparisons, metrics.get("auc").asDouble(), 1e-9);
        assertTrue(document.get("untrained").get("metrics").has("auc"), "the untrained baseline is reported");
    }

    @Test
    void theOptimisticFiguresAreTheBestAccuracyOverThresholdsOnTheTestPairs() throws Exception {
        JsonNode document = JSON.readTree(run.resolve("metrics.json").toFile());
        assertTrue(document.get("threshold_chosen_on").asText().startsWith("validation writers"), document.toString());
        assertTrue(document.get("protocol").asText().contains("without the test pairs"), document.toString());
        JsonNode optimistic = document.get("optimistic");
        assertTrue(optimistic.get("protocol").asText().contains("upper bound"), optimistic.toString());
        List<Pair> test = read(run.resolve("scores/test.csv"));
        assertEquals("test pairs (" + test.size() + " pairs)", optimistic.get("threshold_chosen_on").asText());
        assertEquals(test.size(), optimistic.get("pairs").asInt());

        // Every threshold that can decide differently: below the smallest distance, and each distance.
        TreeSet<Double> candidates = new TreeSet<>();
        test.forEach(pair -> candidates.add(pair.distance()));
        double best = accuracy(test, Math.nextDown(candidates.first()));
        double bestThreshold = Math.nextDown(candidates.first());
        for (double threshold : candidates) {
            double accuracy = accuracy(test, threshold);
            if (accuracy > best) {
                best = accuracy;
                bestThreshold = threshold;
            }
        }
        assertEquals(best, optimistic.get("accuracy").asDouble(), 1e-12);
        assertEquals(bestThreshold, optimistic.get("threshold").asDouble(), 0.0, "the smallest of the best thresholds");
        assertTrue(best >= document.get("metrics").get("accuracy").asDouble(),
                "no threshold beats the best one on the same pairs");
        assertEquals(document.get("metrics").get("eer").asDouble(), optimistic.get("eer").asDouble(), 1e-12,
                "one EER of the test ROC");

        JsonNode untrained = document.get("untrained").get("optimistic");
        assertTrue(untrained.get("accuracy").asDouble() >= document.get("untrained").get("metrics").get("accuracy")
                .asDouble() && untrained.has("eer"), untrained.toString());
        assertEquals(test.size(), untrained.get("pairs").asInt());

        Siglab.Result runs = Siglab.run(plugins, Duration.ofMinutes(2), "runs", "--experiments",
                work.resolve("experiments").toString(), "--sort", "optimistic.accuracy");
        assertEquals(0, runs.exitCode(), runs.toString());
        assertTrue(runs.outLines().get(0).endsWith("optimistic.accuracy"), runs.toString());
        assertTrue(runs.out().contains(String.format(java.util.Locale.ROOT, "%.4f", best)), runs.toString());
    }

    private static double accuracy(List<Pair> pairs, double threshold) {
        int correct = 0;
        for (Pair pair : pairs) {
            correct += (pair.distance() <= threshold) == (pair.label() == 1) ? 1 : 0;
        }
        return correct / (double) pairs.size();
    }

    @Test
    void testWritersNeverTookPartInTrainingOrTheThreshold() throws Exception {
        JsonNode split = JSON.readTree(run.resolve("provenance.json").toFile()).get("split");
        Set<String> train = strings(split.get("train"));
        Set<String> val = strings(split.get("val"));
        Set<String> testWriters = strings(split.get("test"));
        assertEquals(10, train.size());
        assertEquals(3, val.size());
        assertEquals(3, testWriters.size());
        for (Pair pair : read(run.resolve("scores/test.csv"))) {
            assertTrue(testWriters.contains(pair.writer()), pair.toString());
        }
        for (Pair pair : read(run.resolve("scores/val.csv"))) {
            assertTrue(val.contains(pair.writer()), pair.toString());
        }
        Set<String> overlap = new HashSet<>(train);
        overlap.retainAll(testWriters);
        assertEquals(Set.of(), overlap);
    }

    @Test
    void provenanceRecordsVersionsDataAndStatus() throws Exception {
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertEquals("finished", provenance.get("status").asText());
        assertEquals("MXNet", provenance.get("djl").get("engine").asText());
        assertEquals("0.36.0", provenance.get("djl").get("version").asText());
        assertTrue(provenance.get("dataset").get("sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals(16 * (8 + 8), provenance.get("dataset").get("files").asInt());
        assertEquals(42, provenance.get("seed").asInt());
        assertTrue(provenance.get("bundles").toString().contains("siglab.encoders"));
    }

    @Test
    void theStoredConfigIsComplete() throws Exception {
        Siglab.Result again = Siglab.run(plugins, Duration.ofMinutes(2), "run", run.resolve("config.yaml").toString(),
                "--dry-run");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(Files.readString(run.resolve("config.yaml")).strip(), again.out().strip());
    }

    @Test
    void verifyReproducesTheStoredDistancesAndRanksGenuinePairsCloser() throws Exception {
        List<Pair> test = read(run.resolve("scores/test.csv"));
        JsonNode dataset = JSON.readTree(run.resolve("provenance.json").toFile()).get("dataset");
        Path root = Path.of(dataset.get("root").asText());
        String writer = test.get(0).writer();
        List<Double> genuine = new ArrayList<>();
        List<Double> forged = new ArrayList<>();
        for (Pair pair : test) {
            if (!pair.writer().equals(writer) || !pair.fileA().equals(test.get(0).fileA())) {
                continue;
            }
            List<Double> into = pair.kind().equals("genuine") ? genuine : pair.kind().equals("skilled") ? forged : null;
            if (into == null || into.size() >= 3) {
                continue;
            }
            Siglab.Result verify = Siglab.run(plugins, Duration.ofMinutes(2), "verify", "--run", run.toString(),
                    root.resolve(pair.fileA()).toString(), root.resolve(pair.fileB()).toString());
            assertEquals(0, verify.exitCode(), verify.toString());
            Matcher m = Pattern.compile("distance (\\S+) \\(threshold (\\S+)\\)").matcher(verify.out());
            assertTrue(m.find(), verify.toString());
            double distance = Double.parseDouble(m.group(1));
            assertEquals(pair.distance(), distance, 1e-4, "verify agrees with scores/test.csv for " + pair);
            assertEquals(distance <= Double.parseDouble(m.group(2)) ? "similar" : "different", verify.outLines().get(1));
            into.add(distance);
        }
        assertEquals(3, genuine.size());
        assertEquals(3, forged.size());
        double genuineMean = genuine.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double forgedMean = forged.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(genuineMean < forgedMean, "genuine " + genuine + " vs forged " + forged);
    }

    @Test
    void evalScoresTheEncoderOnAnotherDatasetAndOnAFixedPairList() throws Exception {
        Path root = Path.of(JSON.readTree(run.resolve("provenance.json").toFile()).get("dataset").get("root").asText());
        String before = Files.readString(run.resolve("metrics.json"));
        Siglab.Result all = Siglab.run(plugins, Duration.ofMinutes(5), "eval", run.toString(), "--dataset", "folders",
                "--root", root.toString());
        assertEquals(0, all.exitCode(), all.toString());
        JsonNode document = JSON.readTree(Path.of(all.lastLine()).resolve("metrics.json").toFile());
        assertEquals(JSON.readTree(before).get("threshold").asDouble(), document.get("threshold").asDouble(),
                "scored at the run's own threshold");
        // The other data's own best threshold and EER, chosen on its pairs, beside the run's threshold.
        assertTrue(document.get("optimistic").has("eer") && document.get("optimistic").has("accuracy"),
                document.toString());
        assertEquals("the run's: " + JSON.readTree(before).get("threshold_chosen_on").asText(),
                document.get("threshold_chosen_on").asText());
        assertEquals(16, document.get("evaluation").get("dataset").get("writers").asInt());

        Path pairs = work.resolve("pairs.csv");
        Files.writeString(pairs, "w000/genuine/w000_g00.png,w000/genuine/w000_g01.png,0\n"
                + "w000/genuine/w000_g00.png,w000/forged/w000_f00.png,1\n");
        Siglab.Result fixed = Siglab.run(plugins, Duration.ofMinutes(5), "eval", run.toString(), "--dataset", "folders",
                "--root", root.toString(), "--pairs", pairs.toString());
        assertEquals(0, fixed.exitCode(), fixed.toString());
        List<Pair> scored = read(Path.of(fixed.lastLine()).resolve("scores/test.csv"));
        assertEquals(2, scored.size());
        assertEquals("genuine", scored.get(0).kind());
        assertEquals("skilled", scored.get(1).kind());

        Files.writeString(pairs, "w000/genuine/w000_g00.png,../../etc/passwd,1\n");
        Siglab.Result escape = Siglab.run(plugins, Duration.ofMinutes(5), "eval", run.toString(), "--dataset", "folders",
                "--root", root.toString(), "--pairs", pairs.toString());
        assertEquals(2, escape.exitCode(), escape.toString());
        assertTrue(escape.err().contains(pairs + ":1: ../../etc/passwd is outside the dataset root"), escape.toString());
        assertEquals(before, Files.readString(run.resolve("metrics.json")), "the run's own results are untouched");
    }

    @Test
    void anUnknownTypeListsTheInstalledOnes() throws Exception {
        Siglab.Result bad = Siglab.run(plugins, Duration.ofMinutes(2), "run", "configs/quickstart.yaml",
                "encoder.type=sig-net", "--dry-run");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("command line: encoder.type: unknown encoder type 'sig-net'"), bad.toString());
        assertTrue(bad.err().contains("installed: ") && bad.err().contains("seed-cnn"), bad.toString());
    }

    @Test
    void aTypoNamesFileLineKeyAndTheNearestValidKey() throws Exception {
        Path config = work.resolve("typo.yaml");
        Files.writeString(config, """
                extends: %s
                encoder:
                  type: seed-cnn
                  embeding: 64
                training: { type: triplets, epochs: many }
                """.formatted(Siglab.ROOT.resolve("configs/quickstart.yaml")));
        Siglab.Result bad = Siglab.run(plugins, Duration.ofMinutes(2), "run", config.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains(config + ":4:3: encoder.embeding: unknown key 'embeding' (did you mean 'embedding'?)"),
                bad.toString());
        assertTrue(bad.err().contains("training.epochs: expected an integer, got 'many'"), bad.toString());
        assertTrue(bad.err().contains("2 problems"), bad.toString());
    }

    @Test
    void anImageThatCannotBeDecodedIsNamedAndStopsTheRunBeforeTraining() throws Exception {
        Path data = work.resolve("folders");
        for (int w = 0; w < 5; w++) {
            for (String kind : List.of("genuine", "forged")) {
                Path folder = Files.createDirectories(data.resolve("writer" + w).resolve(kind));
                for (int i = 0; i < 3; i++) {
                    BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
                    image.getRaster().setSample(5 + i + w, 10, 0, 255);
                    ImageIO.write(image, "png", folder.resolve(kind + i + ".png").toFile());
                }
            }
        }
        Path broken = data.resolve("writer3/genuine/genuine1.png");
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Siglab.Result bad = Siglab.run(plugins, Duration.ofMinutes(2), "run", "configs/quickstart.yaml",
                "dataset.type=folders", "dataset.root=" + data, "dataset.split={train: 3, val: 1, test: 1}",
                "--experiments", work.resolve("bad-experiments").toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains(broken.toString()), bad.toString());
        Path failed;
        try (var runs = Files.list(work.resolve("bad-experiments/quickstart"))) {
            failed = runs.findFirst().orElseThrow();
        }
        JsonNode provenance = JSON.readTree(failed.resolve("provenance.json").toFile());
        assertEquals("failed", provenance.get("status").asText());
        assertTrue(provenance.get("error").asText().contains(broken.toString()));
        assertFalse(Files.exists(failed.resolve("history.csv")), "no training happened");

        // Asked to, the run skips the image, says how many it skipped, and goes on.
        Siglab.Result skipping = Siglab.run(plugins, Duration.ofMinutes(3), "run", "configs/quickstart.yaml",
                "dataset.type=folders", "dataset.root=" + data, "dataset.split={train: 3, val: 1, test: 1}",
                "dataset.skip-unreadable=true", "training.epochs=1", "image.height=32", "image.width=48",
                "validation.triplets=10", "plots=[loss]", "-q", "--experiments", work.resolve("skip-experiments").toString());
        assertEquals(0, skipping.exitCode(), skipping.toString());
        String log = Files.readString(Path.of(skipping.lastLine()).resolve("log.txt"));
        assertTrue(log.contains("skipped 1 unreadable image(s); the first: ") && log.contains(broken.toString()), log);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static List<Pair> read(Path csv) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file_a,file_b,writer,kind,label,distance", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            pairs.add(new Pair(c[0], c[1], c[2], c[3], Integer.parseInt(c[4]), Double.parseDouble(c[5])));
        }
        return pairs;
    }
}
