package siglab.core.internal;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import siglab.api.data.Dataset;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;
import siglab.core.BenchOptions;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;

/**
 * {@code siglab bench}: an experiment's encoder measured on its own data without a run, and with
 * {@link BenchOptions#baseline()} beside a {@link BareLoop} doing the same work, alternating SigLab
 * and the bare loop in rounds within one process so that both see the same machine. Each phase's
 * peak resident memory is its own: the peak is reset before the phase ({@code /proc/self/clear_refs})
 * and read after it; memory an earlier phase left with the allocator counts in a later phase's peak,
 * so the first round runs the bare loop first.
 */
final class Bench {

    private final ExperimentRunner runner;

    Bench(ExperimentRunner runner) {
        this.runner = runner;
    }

    /** One timed phase: its rate (per second), resident memory before it and its peak, in MiB. */
    record Phase(double rate, double startMiB, double peakMiB) {}

    Map<String, Object> measure(BoundExperiment e, BenchOptions options) throws Exception {
        Path scratch = Files.createTempDirectory("siglab-bench-");
        Map<String, Object> figures = new LinkedHashMap<>();
        try (RunLog log = new RunLog(scratch.resolve(RunFiles.LOG), false)) {
            Dataset dataset = e.dataset().plugin().open(e.dataset().config(),
                    ExperimentRunner.datasetContext(ExperimentRunner.cacheDirectory(), log::log));
            Provenance provenance = new Provenance(e.name(), e.seed(), null, null);
            ImageBank bank = runner.decodeCached(List.of(dataset.writers()), new ImagePreprocessor(e.image()), e,
                    dataset, log, provenance).get(0);
            ImageSettings image = e.image();
            SiameseLoss probe = ExperimentRunner.createLoss(e);
            figures.put("encoder", e.encoder().type());
            figures.put("image", image.height() + "x" + image.width()
                    + (image.crops() ? " crops of " + image.resize().get(0) + "x" + image.resize().get(1) : ""));
            try (Model model = Model.newInstance("encoder")) {
                Engine.getInstance().setRandomSeed((int) e.seed());
                Block block = ExperimentRunner.newEncoder(e, model);
                figures.put("parameters", ModelFiles.parameterCount(block));
                figures.put("forward_mflops_per_image", 2 * Benchmark.multiplyAdds(block,
                        new Shape[] {ExperimentRunner.batchOfOne(image)}) / 1e6);
            }
            figures.put("loss", e.loss() == null ? "none" : e.loss().type());
            figures.put("training", e.training().type());
            JsonNode training = ConfigBinder.MAPPER.valueToTree(e.training().config());
            int batch = training.path("batch").asInt(32);
            int embedCount = options.batches() * 32;
            int embedBatch = Embedder.batchSize(bank.imageShape());
            String unit = probe == null ? "images" : probe.input() == TrainingInput.TRIPLETS ? "triplets" : "pairs";
            String why = baselineUnavailable(e, probe);
            boolean baseline = options.baseline() && why == null;
            if (options.baseline() && why != null) {
                figures.put("baseline", "not available: " + why);
            }
            List<Phase> ours = new ArrayList<>();
            List<Phase> bare = new ArrayList<>();
            List<Phase> oursEmbed = new ArrayList<>();
            List<Phase> bareEmbed = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                // The bare loop goes first in odd rounds (and so in the first, whose peaks are cleanest),
                // SigLab first in even rounds: a drift of the machine's speed favours neither.
                boolean bareFirst = round % 2 == 1;
                if (baseline && bareFirst) {
                    bare.add(phase(() -> bareTraining(e, bank, probe, batch, options.steps())));
                    bareEmbed.add(phase(() -> bareEmbedding(e, bank, embedCount, embedBatch)));
                }
                ours.add(phase(() -> ourTraining(e, bank, options.steps())));
                oursEmbed.add(phase(() -> ourEmbedding(e, bank, embedCount)));
                if (baseline && !bareFirst) {
                    bare.add(phase(() -> bareTraining(e, bank, probe, batch, options.steps())));
                    bareEmbed.add(phase(() -> bareEmbedding(e, bank, embedCount, embedBatch)));
                }
                if (options.rounds() > 1 || baseline) {
                    figures.put("round_" + round, roundLine(ours.get(round - 1), oursEmbed.get(round - 1),
                            baseline ? bare.get(round - 1) : null, baseline ? bareEmbed.get(round - 1) : null, unit));
                }
            }
            figures.put("training_" + unit + "_per_second", median(ours));
            figures.put("embeddings_per_second", median(oursEmbed));
            figures.put("embedding_batch", embedBatch);
            if (baseline) {
                figures.put("bare_training_" + unit + "_per_second", median(bare));
                figures.put("bare_embeddings_per_second", median(bareEmbed));
                figures.put("training_ratio_siglab_to_bare", median(ratios(ours, bare)));
                figures.put("embedding_ratio_siglab_to_bare", median(ratios(oursEmbed, bareEmbed)));
                figures.put("rss_mib_before_bare_training_round_1", bare.get(0).startMiB());
                figures.put("peak_rss_mib_bare_training_round_1", bare.get(0).peakMiB());
            }
            figures.put("rss_mib_before_training_round_1", ours.get(0).startMiB());
            figures.put("peak_rss_mib_training_round_1", ours.get(0).peakMiB());
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        figures.put("peak_rss_mib", Benchmark.peakResidentMiB());
        figures.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        figures.put("allocator", Benchmark.allocator());
        return figures;
    }

    /** Why the bare loop cannot do the experiment's work, or null when it can. */
    private static String baselineUnavailable(BoundExperiment e, SiameseLoss loss) {
        if (loss == null) {
            return "training.type " + e.training().type() + " has no pair or triplet loss to mirror";
        }
        if (loss.head() != null) {
            return "loss " + e.loss().type() + " trains a head of its own, which the bare loop does not mirror";
        }
        return null;
    }

    private static String roundLine(Phase ours, Phase oursEmbed, Phase bare, Phase bareEmbed, String unit) {
        if (bare == null) {
            return String.format(Locale.ROOT, "training %.1f %s/s (peak %.0f MiB); embedding %.1f images/s (peak %.0f MiB)",
                    ours.rate(), unit, ours.peakMiB(), oursEmbed.rate(), oursEmbed.peakMiB());
        }
        return String.format(Locale.ROOT, "training %.1f vs bare %.1f %s/s = %.3f (peak %.0f vs %.0f MiB);"
                + " embedding %.1f vs bare %.1f images/s = %.3f (peak %.0f vs %.0f MiB)",
                ours.rate(), bare.rate(), unit, ours.rate() / bare.rate(), ours.peakMiB(), bare.peakMiB(),
                oursEmbed.rate(), bareEmbed.rate(), oursEmbed.rate() / bareEmbed.rate(), oursEmbed.peakMiB(),
                bareEmbed.peakMiB());
    }

    @FunctionalInterface
    private interface Timed {
        double rate() throws Exception;
    }

    /** Runs a phase with the peak resident memory reset before it, and returns its rate and peak. */
    private static Phase phase(Timed timed) throws Exception {
        Benchmark.resetPeakResident();
        double start = Benchmark.residentMiB();
        double rate = timed.rate();
        return new Phase(rate, start, Benchmark.peakResidentMiB());
    }

    /**
     * SigLab's own training, as a run trains: the experiment's training plug-in, loss and sampler,
     * one warm-up epoch and one timed epoch of {@code steps} batches (the config was resolved with
     * two epochs of that many steps); returns samples per second of the timed epoch.
     */
    private double ourTraining(BoundExperiment e, ImageBank bank, int steps) throws Exception {
        Engine.getInstance().setRandomSeed((int) e.seed());
        try (Model model = Model.newInstance("encoder")) {
            ExperimentRunner.newEncoder(e, model);
            SiameseLoss loss = ExperimentRunner.createLoss(e);
            ModelFiles.initialiseHead(model, loss, e.image());
            List<EpochRecord> epochs = new ArrayList<>();
            e.training().plugin().train(e.training().config(), new BenchContext(model, loss, bank, e.seed(), epochs));
            EpochRecord timed = epochs.get(epochs.size() - 1);
            return timed.samples() / timed.seconds();
        }
    }

    /** The bare loop on the same work: {@code steps} warm-up steps, then {@code steps} timed. */
    private static double bareTraining(BoundExperiment e, ImageBank bank, SiameseLoss loss, int batch, int steps) {
        Engine.getInstance().setRandomSeed((int) e.seed());
        JsonNode optimizer = ConfigBinder.MAPPER.valueToTree(e.training().config()).path("optimizer");
        JsonNode lossConfig = ConfigBinder.MAPPER.valueToTree(e.loss().config());
        try (Model model = Model.newInstance("bare")) {
            ExperimentRunner.newEncoder(e, model);
            try (BareLoop loop = new BareLoop(model, bank, loss.input(), batch, optimizer.path("type").asText("adam"),
                    (float) optimizer.path("lr").asDouble(1e-3), (float) lossConfig.path("margin").asDouble(0.5),
                    e.seed())) {
                loop.train(steps);
                return (double) batch * steps / loop.train(steps);
            }
        }
    }

    /** SigLab's embedding, as evaluation embeds: {@link Embedder} over {@code count} images of the bank. */
    private static double ourEmbedding(BoundExperiment e, ImageBank bank, int count) {
        try (Model model = Model.newInstance("encoder")) {
            ExperimentRunner.newEncoder(e, model);
            ImageBank first = new Subset(bank, count);
            Embedder.embed(model, new Subset(bank, Math.min(count, 2 * Embedder.batchSize(bank.imageShape()))));
            long start = System.nanoTime();
            Embedder.embed(model, first);
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The bare loop's embedding of as many images, in batches of the size SigLab's embedder uses. */
    private static double bareEmbedding(BoundExperiment e, ImageBank bank, int count, int batch) {
        try (Model model = Model.newInstance("bare")) {
            ExperimentRunner.newEncoder(e, model);
            BareLoop.embed(model, bank, Math.min(count, 2 * batch), batch);
            return count / BareLoop.embed(model, bank, count, batch);
        }
    }

    private static double median(List<Phase> phases) {
        return median(phases.stream().mapToDouble(Phase::rate).toArray());
    }

    private static double[] ratios(List<Phase> ours, List<Phase> bare) {
        double[] ratios = new double[ours.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ours.get(i).rate() / bare.get(i).rate();
        }
        return ratios;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The first images of a bank, as a bank of their own. */
    private record Subset(ImageBank bank, int count) implements ImageBank {
        Subset {
            count = Math.min(count, bank.size());
        }

        @Override
        public Shape imageShape() {
            return bank.imageShape();
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public List<String> writers() {
            return bank.writers();
        }

        @Override
        public int[] genuine(String writer) {
            return Arrays.stream(bank.genuine(writer)).filter(i -> i < count).toArray();
        }

        @Override
        public int[] forged(String writer) {
            return Arrays.stream(bank.forged(writer)).filter(i -> i < count).toArray();
        }

        @Override
        public Sample sample(int index) {
            return bank.sample(index);
        }

        @Override
        public float[] pixels(int index) {
            return bank.pixels(index);
        }

        @Override
        public NDArray batch(NDManager manager, int[] indices) {
            return bank.batch(manager, indices);
        }
    }

    /** A training context that only times epochs: no validation, no checkpoints, no output. */
    private record BenchContext(Model model, SiameseLoss loss, ImageBank trainingImages, long seed,
            List<EpochRecord> epochs) implements TrainingContext {
        @Override
        public Random random() {
            return new Random(seed);
        }

        @Override
        public int firstEpoch() {
            return 1;
        }

        @Override
        public EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds) {
            EpochRecord record = new EpochRecord(epoch, meanLoss, samples, seconds, Map.of());
            epochs.add(record);
            return record;
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        @Override
        public Progress progress(String task, long total) {
            return ConsoleProgress.open(task, total, true);
        }

        @Override
        public void log(String message) {}
    }
}
