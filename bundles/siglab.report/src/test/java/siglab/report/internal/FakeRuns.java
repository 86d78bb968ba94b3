package siglab.report.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small run folders in the layout the core writes, with numbers chosen by the test. */
final class FakeRuns {

    private FakeRuns() {}

    /**
     * A finished run of experiment {@code name} with the given seed and embedding size; the test
     * pairs are drawn so that a larger {@code separation} gives a lower EER.
     */
    static Path finished(Path experiments, String name, String id, long seed, int embedding, double eer,
            double separation) throws IOException {
        Path run = Files.createDirectories(experiments.resolve(name).resolve(id));
        Files.writeString(run.resolve("config.yaml"), config(name, seed, embedding), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("provenance.json"), String.format(Locale.ROOT, """
                {"name": "%s", "status": "finished", "started": "2026-11-28T10:00:00Z", "ended": "2026-11-28T10:01:00Z",
                 "seconds": 60.0, "seed": %d, "siglab": {"version": "0.1.0", "commit": "abc123", "dirty": false},
                 "bundles": [{"name": "siglab.api", "version": "0.1.0", "state": "active"}],
                 "djl": {"version": "0.36.0", "engine": "MXNet", "engine_version": "1.9.0"},
                 "machine": {"java": "17", "os": "Linux", "cpu": "test CPU", "cores": 2},
                 "split": {"train": ["w1", "w2"], "val": ["w3"], "test": ["w4"]},
                 "dataset": {"root": "/data", "files": 40, "writers": 4, "sha256": "feedbeef"},
                 "training_seconds": %s, "best_epoch": 2}
                """, name, seed, 20 + embedding / 10.0), StandardCharsets.UTF_8);
        double far = eer + 0.01;
        double frr = eer - 0.01;
        // The optimistic section as the core writes it: accuracy 1 - eer / 2 at 0.55, the EER at 0.6.
        Files.writeString(run.resolve("metrics.json"), String.format(Locale.ROOT, """
                {"split": "test", "protocol": "threshold chosen without the test pairs", "threshold": 0.5,
                 "policy": "eer", "threshold_chosen_on": "validation writers (20 pairs)",
                 "epoch": 2, "metrics": {"auc": %s, "eer": %s, "eer_threshold": 0.6, "accuracy": %s,
                 "balanced_accuracy": %s, "far": %s, "far_skilled": %s, "far_random": 0.0, "frr": %s,
                 "tp": 9, "fp": 3, "tn": 27, "fn": 1, "pairs": 40, "pairs_genuine": 10, "pairs_negative": 30,
                 "pairs_skilled": 20, "pairs_random": 10, "one_shot_accuracy": 0.75},
                 "optimistic": {"protocol": "threshold chosen on the test pairs; an upper bound",
                  "threshold_chosen_on": "test pairs (40 pairs)", "threshold": 0.55, "accuracy": %s, "far": 0.1,
                  "far_skilled": 0.05, "far_random": 0.1, "frr": 0.05, "eer": %s, "eer_threshold": 0.6, "pairs": 40},
                 "untrained": {"protocol": "threshold chosen without the test pairs", "threshold": 0.8, "policy": "eer",
                  "threshold_chosen_on": "validation writers (20 pairs)", "epoch": 0,
                  "metrics": {"auc": 0.7, "eer": 0.32, "eer_threshold": 0.75, "accuracy": 0.6, "far": 0.4,
                   "far_skilled": 0.5, "far_random": 0.25, "frr": 0.35, "pairs": 40},
                  "optimistic": {"protocol": "threshold chosen on the test pairs; an upper bound",
                   "threshold_chosen_on": "test pairs (40 pairs)", "threshold": 0.7, "accuracy": 0.7, "far": 0.3,
                   "far_skilled": 0.4, "far_random": 0.2, "frr": 0.25, "eer": 0.32, "eer_threshold": 0.75, "pairs": 40}}}
                """, 1 - eer, eer, 1 - eer, 1 - eer, far, far * 1.5, frr, 1 - eer / 2, eer), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("history.csv"), String.format(Locale.ROOT, """
                epoch,loss,samples,seconds,triplet_accuracy,ap_mean,ap_sd,an_mean,an_sd,auc,triplets
                1,%s,256,10.5,0.80,0.1,0.05,0.3,0.1,0.8,100
                2,%s,256,9.5,%s,0.08,0.04,0.35,0.1,0.85,100
                """, 0.3 + eer, 0.2 + eer, 1 - eer), StandardCharsets.UTF_8);
        Random random = new Random(seed * 31 + embedding);
        StringBuilder scores = new StringBuilder("file_a,file_b,writer,kind,label,distance\n");
        for (int i = 0; i < 40; i++) {
            String kind = i < 10 ? "genuine" : i < 30 ? "skilled" : "random";
            double distance = Math.abs((i < 10 ? 0.3 : 0.3 + separation) + 0.15 * random.nextGaussian());
            scores.append(String.format(Locale.ROOT, "w4/a%d.png,\"w4/b,%d.png\",w4,%s,%d,%s%n", i, i, kind,
                    i < 10 ? 1 : 0, distance));
        }
        Files.createDirectories(run.resolve("scores"));
        Files.writeString(run.resolve("scores/test.csv"), scores.toString(), StandardCharsets.UTF_8);
        Files.createDirectories(run.resolve("plots"));
        png(run.resolve("plots/loss.png"));
        png(run.resolve("plots/roc.png"));
        return run;
    }

    /**
     * Adds training-health warnings to a run's provenance.json, as the core lists them: each
     * warning is three values, the check, its epoch and its message.
     */
    static void health(Path run, Object... warnings) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode provenance =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("provenance.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode list = provenance.putArray("health");
        for (int i = 0; i < warnings.length; i += 3) {
            list.addObject().put("check", (String) warnings[i]).put("epoch", (Integer) warnings[i + 1])
                    .put("message", (String) warnings[i + 2]);
        }
        json.writeValue(run.resolve("provenance.json").toFile(), provenance);
    }

    /**
     * A finished run of writer fold {@code fold} of {@code folds} in group {@code group}, whose
     * untrained encoder had the test EER {@code untrainedEer}.
     */
    static Path fold(Path experiments, String id, String group, int fold, int folds, double eer, double untrainedEer)
            throws IOException {
        Path run = finished(experiments, "quick", id, 42, 64, eer, 0.5);
        Files.writeString(run.resolve("config.yaml"), Files.readString(run.resolve("config.yaml"))
                .replace("    val: 5.0\n", "    val: 5.0\n    folds: " + folds + "\n    fold: " + fold + "\n"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var provenance = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("provenance.json").toFile());
        provenance.putObject("fold").put("index", fold).put("folds", folds).put("group", group);
        provenance.put("sweep", group);
        json.writeValue(run.resolve("provenance.json").toFile(), provenance);
        var metrics = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(run.resolve("metrics.json").toFile());
        var untrained = metrics.putObject("untrained");
        untrained.put("threshold", 0.4);
        untrained.putObject("metrics").put("eer", untrainedEer).put("auc", 1 - untrainedEer).put("far_skilled", 0.5)
                .put("far_random", 0.25).put("frr", 0.2).put("accuracy", 0.6);
        json.writeValue(run.resolve("metrics.json").toFile(), metrics);
        return run;
    }

    /** A run that failed before evaluation: config and provenance only, no metrics, no plots. */
    static Path failed(Path experiments, String name, String id) throws IOException {
        Path run = Files.createDirectories(experiments.resolve(name).resolve(id));
        Files.writeString(run.resolve("config.yaml"), config(name, 42, 64), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("provenance.json"), """
                {"name": "%s", "status": "failed", "started": "2026-11-28T10:00:00Z", "seed": 42,
                 "error": "out of memory <allocating>"}
                """.formatted(name), StandardCharsets.UTF_8);
        return run;
    }

    static String config(String name, long seed, int embedding) {
        return """
                name: %s
                seed: %d
                dataset:
                  type: synthetic
                  writers: 30
                  split:
                    train: 20.0
                    val: 5.0
                pairs:
                  negatives:
                  - skilled
                  - random
                encoder:
                  type: seed-cnn
                  embedding: %d
                  note: "<b>not bold</b> & co"
                training:
                  epochs: 2
                """.formatted(name, seed, embedding);
    }

    /** A tiny valid PNG. */
    static void png(Path file) throws IOException {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, Color.BLUE.getRGB());
        ImageIO.write(image, "png", file.toFile());
    }
}
