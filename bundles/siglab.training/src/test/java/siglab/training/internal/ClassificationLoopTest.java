package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import siglab.api.model.EpochRecord;
import siglab.api.model.TrainingKeys;

/** The writer-classification loop: it learns, with either head, and resumes with its head. */
class ClassificationLoopTest {

    private static final Pattern ACCURACY = Pattern.compile("classifier training accuracy ([0-9.]+)");

    private static ClassificationConfig config(int epochs, String head, String forgeries, Double smoothing) {
        return new ClassificationConfig(epochs, 8, null, head, null, null, forgeries, smoothing,
                new OptimizerConfig("adam", 1e-2, null, null, null, null), null, null);
    }

    /** The training accuracy the loop logged for each epoch. */
    private static List<Double> accuracies(FakeContext context) {
        List<Double> values = new ArrayList<>();
        for (String line : context.logs) {
            Matcher matcher = ACCURACY.matcher(line);
            if (matcher.find()) {
                values.add(Double.parseDouble(matcher.group(1)));
            }
        }
        return values;
    }

    /** Writers of 16x16 patterns: small enough for many steps in a unit test. */
    private static PatternBank bank(int writers, int genuine, int forged, long seed, String... withoutForgeries) {
        return new PatternBank(16, 16, 0.25f, writers, genuine, forged, seed, withoutForgeries);
    }

    /**
     * 6 writers of 6 genuine images: 36 images, 6 classes, 5 batches of 7 or 8 per epoch. Within
     * 10 epochs (50 steps) the classifier labels every training image right; the loss falls by at
     * least {@code drop}. (The tiny encoder's embeddings have unit length, which bounds the softmax
     * head's logits by its weights' norms: its loss falls more slowly than its error.)
     */
    private static void assertLearns(String head, double drop) throws Exception {
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 11), null)) {
            new ClassificationTrainingLoop().train(config(10, head, null, null), context);
            List<EpochRecord> epochs = context.epochs;
            assertEquals(10, epochs.size());
            assertEquals(50, context.batches, "5 batches per epoch");
            for (EpochRecord epoch : epochs) {
                assertEquals(36, epoch.samples(), "every genuine image once per epoch");
            }
            double first = epochs.get(0).loss();
            double last = epochs.get(epochs.size() - 1).loss();
            List<Double> accuracy = accuracies(context);
            assertEquals(10, accuracy.size(), context.logs.toString());
            assertTrue(accuracy.get(0) < 0.9, "the first epoch is still learning: " + accuracy);
            assertTrue(accuracy.get(9) >= 0.99, head + ": training accuracy " + accuracy);
            assertTrue(last <= first * (1 - drop), head + ": loss went from " + first + " to " + last);
        }
    }

    @Test
    void theSoftmaxHeadLearnsToTellTheWritersApart() throws Exception {
        assertLearns("softmax", 0.5);
    }

    @Test
    void theArcFaceHeadLearnsToTellTheWritersApart() throws Exception {
        assertLearns("arcface", 0.9);
    }

    @Test
    void forgeriesAsClassesDoubleTheClassesAndUseEveryImage() throws Exception {
        PatternBank bank = bank(4, 3, 2, 12, "w3");
        ClassificationTrainingLoop.Labelled ignored = ClassificationTrainingLoop.label(bank, "ignore");
        assertEquals(4, ignored.classCount());
        assertEquals(12, ignored.images().length);
        ClassificationTrainingLoop.Labelled classes = ClassificationTrainingLoop.label(bank, "classes");
        // w3 has no forgeries: no class for them.
        assertEquals(7, classes.classCount());
        assertEquals(18, classes.images().length);
        for (int i = 0; i < classes.images().length; i++) {
            boolean forged = bank.sample(classes.images()[i]).kind() == siglab.api.data.SampleKind.FORGED;
            assertEquals(forged, classes.classes()[i] >= 4, "forgery classes follow the writers' classes");
        }
        try (FakeContext context = new FakeContext(bank, null)) {
            new ClassificationTrainingLoop().train(config(1, "softmax", "classes", 0.1), context);
            assertEquals(18, context.epochs.get(0).samples());
        }
    }

    @Test
    void stepsPerEpochDrawsFullBatchesInTurn() throws Exception {
        try (FakeContext context = new FakeContext(bank(3, 4, 0, 16), null)) {
            ClassificationConfig config = new ClassificationConfig(2, 5, 3, null, null, null, null, null,
                    new OptimizerConfig("adam", 1e-2, null, null, null, null), null, null);
            new ClassificationTrainingLoop().train(config, context);
            assertEquals(6, context.batches);
            assertEquals(List.of(15L, 15L), context.epochs.stream().map(EpochRecord::samples).toList());
        }
    }

    @Test
    void oneWriterIsNotAClassification() {
        PatternBank bank = bank(1, 3, 0, 13);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClassificationTrainingLoop.label(bank, "ignore"));
        assertTrue(error.getMessage().contains("needs at least two classes"), error.getMessage());
    }

    @Test
    void labelSmoothingKeepsTheLossAboveItsFloor() throws Exception {
        // With smoothing eps over K classes the loss cannot fall below the entropy of the target.
        double eps = 0.3;
        int classes = 6;
        double q = 1 - eps + eps / classes;
        double floor = -(q * Math.log(q) + (classes - 1) * (eps / classes) * Math.log(eps / classes));
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 11), null)) {
            new ClassificationTrainingLoop().train(config(12, "softmax", null, eps), context);
            double last = context.epochs.get(11).loss();
            assertTrue(last >= floor - 1e-4, "loss " + last + " below the floor " + floor);
            assertTrue(last < floor + 0.5, "loss " + last + " far above the floor " + floor);
        }
    }

    /**
     * Three epochs, then a resumed run from that checkpoint for three more: the head is restored
     * (its parameters equal the checkpoint's), and the resumed loss starts where the first run
     * ended rather than where a fresh head starts.
     */
    @Test
    void aResumedRunContinuesWithItsHead() throws Exception {
        PatternBank bank = bank(6, 6, 3, 14);
        byte[] encoder;
        byte[] head;
        double firstLoss;
        double lastLoss;
        try (FakeContext context = new FakeContext(bank, null)) {
            new ClassificationTrainingLoop().train(config(3, "arcface", null, null), context);
            assertEquals(List.of(ClassificationTrainingLoop.CHECKPOINT_NAME), List.copyOf(context.kept.keySet()));
            head = context.checkpoints.get(ClassificationTrainingLoop.CHECKPOINT_NAME);
            encoder = save(context.model().getBlock());
            firstLoss = context.epochs.get(0).loss();
            lastLoss = context.epochs.get(2).loss();
        }
        try (FakeContext resumed = new FakeContext(bank, null)) {
            load(resumed.model().getBlock(), resumed.model().getNDManager(), encoder);
            resumed.firstEpoch = 4;
            resumed.checkpoints.put(ClassificationTrainingLoop.CHECKPOINT_NAME, head);
            ClassificationConfig six = config(6, "arcface", null, null);
            new ClassificationTrainingLoop().train(six, resumed);
            assertEquals(List.of(4, 5, 6), resumed.epochs.stream().map(EpochRecord::epoch).toList());
            assertTrue(resumed.logs.stream().anyMatch(l -> l.contains("restored from the checkpoint")),
                    resumed.logs.toString());
            double resumedLoss = resumed.epochs.get(0).loss();
            assertTrue(resumedLoss < (firstLoss + lastLoss) / 2,
                    "resumed at " + resumedLoss + "; the first run went " + firstLoss + " -> " + lastLoss);
        }
        // Restoring puts exactly the checkpoint's parameters into a fresh head.
        try (FakeContext again = new FakeContext(bank, null)) {
            again.checkpoints.put(ClassificationTrainingLoop.CHECKPOINT_NAME, head);
            WriterClassifier classifier = new WriterClassifier(config(1, "arcface", null, null), 6);
            Block fresh = classifier.head();
            fresh.initialize(again.model().getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1, 16));
            assertTrue(again.keepWithCheckpoints("classifier", fresh));
            assertArrayEquals(head, save(fresh));
        }
    }

    @Test
    void aFreshRunHasNoHeadToRestore() throws Exception {
        try (FakeContext context = new FakeContext(bank(3, 3, 0, 15), null)) {
            new ClassificationTrainingLoop().train(config(1, "softmax", null, null), context);
            assertFalse(context.logs.stream().anyMatch(l -> l.contains("restored")), context.logs.toString());
            assertTrue(context.checkpoints.containsKey("classifier"), "the head is kept with the checkpoints");
        }
    }

    @Test
    void theConfigRejectsWhatItCannotDo() {
        String scale = assertThrows(IllegalArgumentException.class, () -> new ClassificationConfig(
                null, null, null, "softmax", 30.0, null, null, null, null, null, null)).getMessage();
        assertEquals("scale is a setting of head: arcface; the softmax head takes neither scale nor margin", scale);
        assertEquals("head must be softmax or arcface, got cosface", assertThrows(IllegalArgumentException.class,
                () -> new ClassificationConfig(null, null, null, "cosface", null, null, null, null, null, null, null))
                .getMessage());
        assertEquals("margin must be in [0, pi/2) radians, got 2.0", assertThrows(IllegalArgumentException.class,
                () -> new ClassificationConfig(null, null, null, "arcface", null, 2.0, null, null, null, null, null))
                .getMessage());
        assertEquals("forgeries must be ignore or classes, got keep", assertThrows(IllegalArgumentException.class,
                () -> new ClassificationConfig(null, null, null, null, null, null, "keep", null, null, null, null))
                .getMessage());
        assertEquals("label-smoothing must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> new ClassificationConfig(null, null, null, null, null, null, null, 1.0, null, null, null))
                .getMessage());
        ClassificationConfig arcface = new ClassificationConfig(null, null, null, "ArcFace", null, null, null, null,
                null, null, null);
        assertEquals(30.0, arcface.scale());
        assertEquals(0.5, arcface.margin());
        assertNull(new ClassificationConfig(null, null, null, null, null, null, null, null, null, null, null).scale());
        assertFalse(new ClassificationTrainingLoop().usesLoss(arcface));
    }

    /** With the margin, the target's logit is s cos(theta + m): lower than without it. */
    @Test
    void theArcFaceMarginLowersOnlyTheTargetLogit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassificationConfig config = new ClassificationConfig(null, null, null, "arcface", 2.0, 0.5, null, null,
                    null, null, null);
            WriterClassifier classifier = new WriterClassifier(config, 2);
            Block head = classifier.head();
            head.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 2));
            // Class weights along the axes; the embedding at 30 degrees from class 0.
            head.getParameters().get("weight").getArray().set(new float[] {1, 0, 0, 1});
            double theta = Math.toRadians(30);
            NDArray embedding = manager.create(new float[] {(float) Math.cos(theta), (float) Math.sin(theta)},
                    new ai.djl.ndarray.types.Shape(1, 2)).mul(3f);
            WriterClassifier.Output output = classifier.forward(embedding, new int[] {0});
            float[] plain = output.logits().toFloatArray();
            assertEquals(2 * Math.cos(theta), plain[0], 1e-5);
            assertEquals(2 * Math.sin(theta), plain[1], 1e-5);
            double target = 2 * Math.cos(theta + 0.5);
            double other = 2 * Math.sin(theta);
            double expected = -(target - Math.log(Math.exp(target) + Math.exp(other)));
            assertEquals(expected, output.loss().getFloat(), 1e-5);
        }
    }

    /** The parameter of {@code block} whose name ends with {@code suffix}. */
    private static ai.djl.nn.Parameter parameter(Block block, String suffix) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> pair : block.getParameters()) {
            if (pair.getKey().endsWith(suffix)) {
                return pair.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    /**
     * 36 images in 5 batches an epoch; the head's weights turn NaN after the 7th batch, so the
     * loss of the 8th, epoch 2's step 3, is NaN: training stops there, naming it, with epoch 1
     * kept.
     */
    @Test
    void aNaNLossFailsWithItsEpochAndStep() throws Exception {
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 21), null)) {
            context.afterBatch = batch -> {
                if (batch == 7) {
                    parameter(context.kept.get(ClassificationTrainingLoop.CHECKPOINT_NAME), "weight")
                            .getArray().muli(Float.NaN);
                }
            };
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new ClassificationTrainingLoop().train(config(3, "softmax", null, null), context));
            assertEquals("training diverged: the loss is NaN at epoch 2, step 3 of 5 (learning rate 0.01);"
                    + " lower training.optimizer.lr or set training.optimizer.clip-gradient", error.getMessage());
            assertEquals(List.of(1), context.epochs.stream().map(EpochRecord::epoch).toList());
        }
    }

    /**
     * NaN in the encoder's BatchNorm running mean after step 3's update, while every loss stays
     * finite (training normalises with the batch's statistics): the norm of the running
     * statistics names step 4, the first update that holds it.
     */
    @Test
    void aNaNInRunningStatisticsBehindFiniteLossesFailsWithItsStep() throws Exception {
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 22), null)) {
            ai.djl.nn.Parameter runningMean = parameter(context.model().getBlock(), "runningMean");
            context.afterBatch = batch -> {
                if (batch == 3) {
                    runningMean.getArray().muli(Float.NaN);
                }
            };
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new ClassificationTrainingLoop().train(config(2, "arcface", null, null), context));
            assertTrue(error.getMessage().startsWith("training diverged: the norm of the running statistics"
                    + " (BatchNorm) is NaN at epoch 1, step 4 of 5"), error.getMessage());
            assertEquals(List.of(), context.epochs);
        }
    }

    /** An absurd learning rate stops training within the first epoch, naming its step. */
    @Test
    void anAbsurdLearningRateDivergesAndStops() throws Exception {
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 23), null)) {
            ClassificationConfig absurd = new ClassificationConfig(2, 8, null, "softmax", null, null, null, null,
                    new OptimizerConfig("sgd", 1e30, null, 0.0, null, null), null, null);
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new ClassificationTrainingLoop().train(absurd, context));
            assertTrue(error.getMessage().matches("training diverged: the (loss|gradient norm|norm of the running"
                    + " statistics \\(BatchNorm\\)) is \\S+ at epoch 1, step [1-5] of 5 \\(learning rate"
                    + " 1\\.0E30\\); .*"), error.getMessage());
            assertEquals(List.of(), context.epochs);
        }
    }

    /**
     * Every epoch hands the core a finite gradient norm with its maximum, the learning rate of a
     * step schedule (0.01 halved every epoch), and the classifier's training accuracy, the same
     * figure the log gives.
     */
    @Test
    void everyEpochReportsGradientNormLearningRateAndTrainingAccuracy() throws Exception {
        try (FakeContext context = new FakeContext(bank(6, 6, 3, 24), null)) {
            ClassificationConfig halving = new ClassificationConfig(3, 8, null, "softmax", null, null, null, null,
                    new OptimizerConfig("adam", 1e-2, null, null, null, new ScheduleConfig("step", 0, 1, 0.5, null)),
                    null, null);
            new ClassificationTrainingLoop().train(halving, context);
            List<Double> logged = accuracies(context);
            double[] rates = {0.01, 0.005, 0.0025};
            for (int e = 0; e < 3; e++) {
                java.util.Map<String, Double> training = context.epochs.get(e).training();
                double mean = training.get(TrainingKeys.GRADIENT_NORM);
                double max = training.get(TrainingKeys.GRADIENT_NORM_MAX);
                assertTrue(Double.isFinite(mean) && mean > 0 && max >= mean && Double.isFinite(max), training.toString());
                assertEquals(rates[e], training.get(TrainingKeys.LEARNING_RATE), 1e-9, "epoch " + (e + 1));
                double accuracy = training.get(TrainingKeys.CLASSIFIER_ACCURACY);
                assertTrue(accuracy >= 0 && accuracy <= 1, training.toString());
                assertEquals(logged.get(e), accuracy, 5e-5, "the logged accuracy is the recorded one");
            }
            assertTrue(context.epochs.get(2).training().get(TrainingKeys.CLASSIFIER_ACCURACY)
                    > context.epochs.get(0).training().get(TrainingKeys.CLASSIFIER_ACCURACY), "it learns");
        }
    }

    private static byte[] save(Block block) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void load(Block block, NDManager manager, byte[] bytes) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        }
    }
}
