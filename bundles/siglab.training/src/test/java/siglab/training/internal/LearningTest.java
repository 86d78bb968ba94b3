package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import siglab.api.data.ImageBank;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.encoders.internal.KochConfig;
import siglab.encoders.internal.KochEncoderFactory;
import siglab.encoders.internal.ResNetConfig;
import siglab.encoders.internal.ResNetEncoderFactory;
import siglab.encoders.internal.SeedCnnConfig;
import siglab.encoders.internal.SeedCnnEncoderFactory;
import siglab.encoders.internal.SigNetConfig;
import siglab.encoders.internal.SigNetEncoderFactory;
import siglab.losses.internal.ContrastiveConfig;
import siglab.losses.internal.ContrastiveLossFactory;
import siglab.losses.internal.LogisticConfig;
import siglab.losses.internal.LogisticLossFactory;
import siglab.losses.internal.TripletConfig;
import siglab.losses.internal.TripletLossFactory;

/**
 * Training must learn: every encoder that SigLab ships, with every loss and loop, fits a small
 * fixed set of four synthetic writers (skilled forgers) to a training AUC of at least 0.99 within
 * a bounded number of updates, and so do the main objectives on four CEDAR writers (skipped, with
 * the reason, when CEDAR is absent). A change that stops a combination from learning (a dead layer, a
 * detached gradient, a loss that collapses the embeddings) fails here, by name.
 *
 * <p>The encoders keep their shipped architecture (dropout, normalisation, pooling) and are only
 * narrowed so that the whole grid runs in a few minutes on two cores. The training AUC is the
 * probability that a genuine pair of one writer scores below a negative pair (a genuine signature
 * with a forgery of it, or with another writer's signature), over every such pair of the set,
 * with the encoder in inference mode as evaluation uses it. The untrained encoder must score
 * clearly lower, so that the set is not too easy to prove anything.
 */
class LearningTest {

    private static final int WRITERS = 4;
    private static final int PER_WRITER = 6;
    private static final double TARGET_AUC = 0.99;
    private static final int MAX_EPOCHS = 40;
    private static final int STEPS_PER_EPOCH = 4;
    private static final int BATCH = 16;

    /**
     * 72 x 104 is about the smallest size that every encoder accepts (SigNet's stride-4 11x11
     * convolution and three poolings, Koch's unpadded 10x10 and 7x7 convolutions).
     */
    private static final int HEIGHT = 72;
    private static final int WIDTH = 104;

    /** The CEDAR copy beside the checkout, or where -Dsiglab.cedar points. */
    private static final Path CEDAR = Path.of(System.getProperty("siglab.cedar",
            "../../../shared/datasets/cedar")).toAbsolutePath().normalize();

    private static final Map<String, ImageBank> BANKS = new HashMap<>();

    /** The training set of one data source, made once per test class. */
    private static synchronized ImageBank bank(String data) {
        return BANKS.computeIfAbsent(data, name -> name.equals("cedar")
                ? PreprocessedBank.cedar(CEDAR, WRITERS, PER_WRITER, HEIGHT, WIDTH)
                : PreprocessedBank.synthetic(WRITERS, PER_WRITER, 0.8, HEIGHT, WIDTH));
    }

    /** An encoder as shipped, narrowed. */
    record Encoder(String name, Function<Shape, Block> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Trains a context's model for at most {@link #MAX_EPOCHS} epochs. */
    interface Loop {
        void train(FakeContext context) throws Exception;
    }

    /** A loss (null for a loop with an objective of its own) with the loop that trains on it. */
    record Objective(String name, Distance distance, Function<Distance, SiameseLoss> loss, Loop loop) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Encoder> encoders() {
        return List.of(
                new Encoder("seed-cnn", shape -> new SeedCnnEncoderFactory()
                        .create(new SeedCnnConfig(8, null, null, 64, 32, null, null), shape)),
                new Encoder("signet", shape -> new SigNetEncoderFactory()
                        .create(new SigNetConfig(0.25, null, 128, 64, null, null, null), shape)),
                new Encoder("koch", shape -> new KochEncoderFactory()
                        .create(new KochConfig(0.25, 64, null, null, null), shape)),
                new Encoder("resnet", shape -> new ResNetEncoderFactory()
                        .create(new ResNetConfig(8, List.of(1, 1, 1, 1), 64, null, null), shape)));
    }

    static List<Objective> objectives() {
        OptimizerConfig adam = new OptimizerConfig("adam", 1e-3, null, null, null, null);
        Loop pairs = context -> new PairTrainingLoop().train(new PairsConfig(MAX_EPOCHS, BATCH,
                STEPS_PER_EPOCH, adam, "mixed", null, null, null), context);
        Loop triplets = context -> new TripletTrainingLoop().train(new TripletsConfig(MAX_EPOCHS,
                BATCH, STEPS_PER_EPOCH, adam, "mixed", null, null), context);
        List<Objective> objectives = new ArrayList<>();
        objectives.add(new Objective("contrastive/pairs", Distance.EUCLIDEAN,
                d -> new ContrastiveLossFactory().create(new ContrastiveConfig(1.0), d), pairs));
        objectives.add(new Objective("logistic/pairs", Distance.EUCLIDEAN,
                d -> new LogisticLossFactory().create(new LogisticConfig(0), d), pairs));
        for (String mining : List.of(TripletConfig.NONE, TripletConfig.BATCH_HARD,
                TripletConfig.BATCH_ALL, TripletConfig.SEMI_HARD)) {
            objectives.add(new Objective("triplet-" + mining + "/triplets",
                    Distance.SQUARED_EUCLIDEAN,
                    d -> new TripletLossFactory().create(new TripletConfig(0.5, mining), d), triplets));
        }
        // Writer classification with each writer's forgeries as classes of their own, so that the
        // encoder learns to tell them from the writer's genuine signatures; verified by distance.
        for (String head : List.of(ClassificationConfig.SOFTMAX, ClassificationConfig.ARCFACE)) {
            objectives.add(new Objective(head + "/classification", Distance.EUCLIDEAN, d -> null,
                    context -> new ClassificationTrainingLoop().train(new ClassificationConfig(
                            MAX_EPOCHS, BATCH, STEPS_PER_EPOCH, head, null, null,
                            ClassificationConfig.CLASSES, null, adam, null, null), context)));
        }
        return objectives;
    }

    /**
     * Every encoder with every objective on synthetic writers, and on CEDAR writers every encoder
     * with a pair, a triplet and a classification objective; {@code -Dsiglab.learning.only=signet}
     * keeps the encoders named, for a developer chasing one of them.
     */
    static Stream<Arguments> combinations() {
        String only = System.getProperty("siglab.learning.only", "");
        List<String> onCedar = List.of("contrastive/pairs", "triplet-batch-hard/triplets",
                "softmax/classification");
        return Stream.of("synthetic", "cedar").flatMap(data -> encoders().stream()
                .filter(e -> only.isBlank() || List.of(only.split(",")).contains(e.name()))
                .flatMap(e -> objectives().stream()
                        .filter(o -> data.equals("synthetic") || onCedar.contains(o.name()))
                        .map(o -> Arguments.of(data, e, o))));
    }

    @ParameterizedTest(name = "{0}: {1} with {2}")
    @MethodSource("combinations")
    void fitsASmallSetOfWriters(String data, Encoder encoder, Objective objective) throws Exception {
        if (data.equals("cedar")) {
            Assumptions.assumeTrue(Files.isDirectory(CEDAR.resolve("full_org")), "CEDAR is not at " + CEDAR
                    + " (set -Dsiglab.cedar=DIR to point at a copy); skipping the learning test on real signatures");
        }
        ImageBank bank = bank(data);
        SiameseLoss loss = objective.loss().apply(objective.distance());
        Block block = encoder.build().apply(bank.imageShape());
        try (FakeContext context = new FakeContext(bank, loss, block)) {
            Model model = context.model();
            Block head = initialiseHead(model, loss, bank);
            Scorer scorer = new Scorer(model, head, objective.distance(), bank);
            double untrained = scorer.trainingAuc();
            assertTrue(untrained < 0.95, data + ": " + encoder + " with " + objective
                    + ": the untrained encoder already reaches AUC " + untrained
                    + "; the set is too easy to show learning");
            double[] reached = {untrained};
            int[] epochs = {0};
            context.onEpoch = record -> {
                reached[0] = scorer.trainingAuc();
                epochs[0] = record.epoch();
                if (reached[0] >= TARGET_AUC) {
                    context.stopAfterBatches = context.batches;
                }
            };
            objective.loop().train(context);
            String story = String.format(Locale.ROOT,
                    "%s: %s with %s: training AUC %.4f after %d epochs of %d updates (untrained %.4f);"
                            + " losses %s",
                    data, encoder, objective, reached[0], epochs[0], STEPS_PER_EPOCH, untrained,
                    context.epochs.stream().map(r -> String.format(Locale.ROOT, "%.3f", r.loss()))
                            .toList());
            System.out.println(story);
            assertTrue(reached[0] >= TARGET_AUC, story);
        }
    }

    /** The loss's learned head, initialised on the encoder's embedding size as the core does. */
    private static Block initialiseHead(Model model, SiameseLoss loss, ImageBank bank) {
        Block head = loss == null ? null : loss.head();
        if (head == null) {
            return null;
        }
        Shape image = bank.imageShape();
        Shape input = new Shape(1, image.get(0), image.get(1), image.get(2));
        long embedding = model.getBlock().getOutputShapes(new Shape[] {input})[0].get(1);
        head.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, embedding));
        return head;
    }

    /** Scores every training pair as evaluation does: by distance, or 1 - sigmoid(head). */
    private record Scorer(Model model, Block head, Distance distance, ImageBank bank) {

        double trainingAuc() {
            float[][] embeddings = embedAll();
            List<Double> positives = new ArrayList<>();
            List<Double> negatives = new ArrayList<>();
            List<String> writers = bank.writers();
            for (String writer : writers) {
                int[] genuine = bank.genuine(writer);
                for (int i = 0; i < genuine.length; i++) {
                    for (int j = i + 1; j < genuine.length; j++) {
                        positives.add(score(embeddings[genuine[i]], embeddings[genuine[j]]));
                    }
                    for (int forgery : bank.forged(writer)) {
                        negatives.add(score(embeddings[genuine[i]], embeddings[forgery]));
                    }
                    for (String other : writers) {
                        if (other.compareTo(writer) > 0) {
                            for (int o : bank.genuine(other)) {
                                negatives.add(score(embeddings[genuine[i]], embeddings[o]));
                            }
                        }
                    }
                }
            }
            double below = 0;
            for (double p : positives) {
                for (double n : negatives) {
                    below += p < n ? 1 : (p == n ? 0.5 : 0);
                }
            }
            return below / ((double) positives.size() * negatives.size());
        }

        private double score(float[] a, float[] b) {
            if (head == null) {
                return distance.between(a, b);
            }
            try (NDManager manager = model.getNDManager().newSubManager()) {
                float[] difference = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    difference[i] = Math.abs(a[i] - b[i]);
                }
                NDArray input = manager.create(difference, new Shape(1, a.length));
                float logit = head.forward(new ParameterStore(manager, false), new NDList(input),
                        false).singletonOrThrow().getFloat();
                return 1 - 1 / (1 + Math.exp(-logit));
            }
        }

        private float[][] embedAll() {
            float[][] result = new float[bank.size()][];
            try (NDManager manager = model.getNDManager().newSubManager()) {
                int[] all = IntStream.range(0, bank.size()).toArray();
                NDArray out = model.getBlock().forward(new ParameterStore(manager, false),
                        new NDList(bank.batch(manager, all)), false).singletonOrThrow();
                int dimension = (int) out.getShape().get(1);
                float[] flat = out.toFloatArray();
                for (int i = 0; i < result.length; i++) {
                    result[i] = java.util.Arrays.copyOfRange(flat, i * dimension,
                            (i + 1) * dimension);
                }
            }
            return result;
        }
    }
}
