package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import siglab.api.model.EpochRecord;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;
import siglab.api.model.TrainingKeys;

/**
 * Training that stops being finite fails with its epoch and step; the gradient norm and the
 * learning rate of each epoch reach the history.
 */
class TrainingHealthTest {

    /** The triplet loss of {@link FakeContext}, with {@code change} applied at call {@code k} (1-based). */
    private static SiameseLoss tripletLossChangedAt(int k, BiFunction<NDArray, NDList, NDArray> change) {
        SiameseLoss inner = FakeContext.tripletLoss(0.5f);
        return new SiameseLoss() {
            private int calls;

            @Override
            public TrainingInput input() {
                return TrainingInput.TRIPLETS;
            }

            @Override
            public NDArray compute(NDList embeddings, NDArray labels) {
                NDArray loss = inner.compute(embeddings, labels);
                return ++calls == k ? change.apply(loss, embeddings) : loss;
            }
        };
    }

    private static TripletsConfig triplets(int epochs, int steps, OptimizerConfig optimizer) {
        return new TripletsConfig(epochs, 8, steps, optimizer, null, null, null);
    }

    private static OptimizerConfig adam(double lr, ScheduleConfig schedule) {
        return new OptimizerConfig("adam", lr, null, null, null, schedule);
    }

    /** 4 steps an epoch; the 7th batch's loss is NaN: epoch 2, step 3, and epoch 1 was kept. */
    @Test
    void aNaNLossFailsWithItsEpochAndStep() throws Exception {
        SiameseLoss loss = tripletLossChangedAt(7, (value, e) -> value.mul(Float.NaN));
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 11), loss)) {
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new TripletTrainingLoop().train(triplets(3, 4, adam(1e-2, null)), context));
            assertEquals("training diverged: the loss is NaN at epoch 2, step 3 of 4 (learning rate"
                    + " 0.01); lower training.optimizer.lr or set training.optimizer.clip-gradient",
                    error.getMessage());
            assertEquals(List.of(1), context.epochs.stream().map(EpochRecord::epoch).toList(),
                    "the completed epoch was ended, the diverged one was not");
        }
    }

    @Test
    void anInfiniteLossFailsToo() throws Exception {
        SiameseLoss loss = tripletLossChangedAt(2, (value, e) -> value.add(Float.POSITIVE_INFINITY));
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 12), loss)) {
            OptimizerConfig clipped = new OptimizerConfig("sgd", 0.1, null, null, 5.0, null);
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new TripletTrainingLoop().train(triplets(1, 4, clipped), context));
            assertTrue(error.getMessage().startsWith(
                    "training diverged: the loss is +Infinity at epoch 1, step 2 of 4"), error.getMessage());
            assertTrue(error.getMessage().endsWith("lower training.optimizer.lr or"
                    + " training.optimizer.clip-gradient (now 5.0)"), error.getMessage());
        }
    }

    /**
     * A finite loss whose gradient is NaN (d sqrt(|x|) at x = 0 is inf * 0): the gradient norm
     * catches it and names the step that made it, not the step that read it back.
     */
    @Test
    void aNaNGradientBehindAFiniteLossFailsWithItsStep() throws Exception {
        BiFunction<NDArray, NDList, NDArray> nanGradient = (value, e) ->
                value.add(e.get(0).sub(e.get(0)).abs().sqrt().sum());
        for (int k : new int[] {6, 8}) {
            try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 13),
                    tripletLossChangedAt(k, nanGradient))) {
                TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                        () -> new TripletTrainingLoop().train(triplets(3, 4, adam(1e-2, null)), context));
                int step = k - 4;
                assertTrue(error.getMessage().startsWith("training diverged: the gradient norm is NaN at"
                        + " epoch 2, step " + step + " of 4"), error.getMessage());
                assertEquals(2, error.epoch());
                assertEquals(step, error.step());
                assertEquals(1, context.epochs.size(), "epoch 2 never ended, even when its last step diverged");
            }
        }
    }

    /**
     * NaN in a BatchNorm running mean while every loss stays finite (training normalises with the
     * batch's own statistics, so only validation would see it), as an absurd learning rate can do
     * with seed-cnn: the norm of the running statistics names the first step that holds it. The NaN is put there after step 3's update, so step 4's is the first.
     */
    @Test
    void aNaNInRunningStatisticsBehindFiniteLossesFailsWithItsStep() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 19),
                FakeContext.tripletLoss(0.5f))) {
            ai.djl.nn.Parameter runningMean = null;
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> pair : context.model().getBlock().getParameters()) {
                if (pair.getKey().endsWith("runningMean")) {
                    runningMean = pair.getValue();
                }
            }
            ai.djl.nn.Parameter poisoned = runningMean;
            context.afterBatch = batch -> {
                if (batch == 3) {
                    poisoned.getArray().muli(Float.NaN);
                }
            };
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new TripletTrainingLoop().train(triplets(2, 5, adam(1e-2, null)), context));
            assertTrue(error.getMessage().startsWith("training diverged: the norm of the running statistics (BatchNorm)"
                    + " is NaN at epoch 1, step 4 of 5"), error.getMessage());
        }
    }

    /** The running statistics' squares are those of BatchNorm's running mean and variance, one per array. */
    @Test
    void theRunningStatisticsAreTheParametersWithoutGradient() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 20),
                FakeContext.tripletLoss(0.5f)); NDManager scratch = context.model().getNDManager().newSubManager()) {
            ai.djl.nn.Block block = context.model().getBlock();
            double expected = 0;
            int statistics = 0;
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> pair : block.getParameters()) {
                if (pair.getKey().endsWith("runningMean") || pair.getKey().endsWith("runningVar")) {
                    statistics++;
                    for (float v : pair.getValue().getArray().toFloatArray()) {
                        expected += (double) v * v;
                    }
                }
            }
            GlobalNorms norms = new GlobalNorms(block);
            NDArray squares = norms.statisticSquares(scratch);
            assertEquals(2, statistics);
            assertEquals(new Shape(statistics), squares.getShape());
            assertEquals(Math.sqrt(expected), GlobalNorms.norm(squares.toFloatArray()), 1e-4 * Math.sqrt(expected));
            assertEquals(block.getParameters().size() - statistics, norms.trainableCount());
        }
    }

    /**
     * An absurd learning rate: the first update throws the parameters far out, and a later loss
     * or gradient stops being finite. Whichever it is, training stops within the first epoch with
     * its step, before any epoch is recorded.
     */
    @Test
    void anAbsurdLearningRateDivergesAndStops() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 14), FakeContext.tripletLoss(0.5f))) {
            OptimizerConfig absurd = new OptimizerConfig("sgd", 1e30, null, 0.0, null, null);
            TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                    () -> new TripletTrainingLoop().train(triplets(2, 6, absurd), context));
            assertTrue(error.getMessage().matches("training diverged: the (loss|gradient norm|norm of the running"
                    + " statistics \\(BatchNorm\\)) is \\S+ at epoch 1,"
                    + " step [1-6] of 6 \\(learning rate 1\\.0E30\\); .*"), error.getMessage());
            assertTrue(error.getMessage().contains(" norm") || error.step() >= 2,
                    "the first loss is finite: " + error.getMessage());
            assertEquals(List.of(), context.epochs);
        }
    }

    /** A first batch that already satisfies the loss is skipped (DJL refuses all-zero gradients), not failed. */
    @Test
    void aFirstBatchWithZeroLossIsSkippedAndCounted() throws Exception {
        SiameseLoss loss = tripletLossChangedAt(1, (value, e) -> value.mul(0f));
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 15), loss)) {
            ScheduleConfig halving = new ScheduleConfig("step", 0, 1, 0.5, null);
            new TripletTrainingLoop().train(triplets(2, 3, adam(1e-2, halving)), context);
            EpochRecord first = context.epochs.get(0);
            assertEquals(24, first.samples(), "the skipped batch still counts");
            assertTrue(first.loss() > 0 && Double.isFinite(first.loss()), String.valueOf(first.loss()));
            // Two updates in epoch 1 (the first was skipped): the schedule counts updates, so the
            // rate of epoch 1's last update is update 2's, still in the first schedule epoch.
            assertEquals(1e-2, first.training().get(TrainingKeys.LEARNING_RATE), 1e-9);
        }
    }

    /** lr 0.01 halved every epoch, 3 updates an epoch: 0.01, 0.005, 0.0025, 0.00125. */
    @Test
    void theLearningRateOfEachEpochFollowsAStepSchedule() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 16), FakeContext.tripletLoss(0.5f))) {
            ScheduleConfig halving = new ScheduleConfig("step", 0, 1, 0.5, null);
            new TripletTrainingLoop().train(triplets(4, 3, adam(1e-2, halving)), context);
            double[] expected = {0.01, 0.005, 0.0025, 0.00125};
            for (int e = 0; e < 4; e++) {
                assertEquals(expected[e], context.epochs.get(e).training().get(TrainingKeys.LEARNING_RATE), 1e-9,
                        "epoch " + (e + 1));
            }
        }
    }

    /**
     * Cosine from 0.01 to 0.001 over 4 epochs of 3 updates after no warm-up: the last update of
     * epoch e is update 3e - 1 (0-based), at 0.001 + 0.009 (1 + cos(pi (3e - 1) / 12)) / 2.
     * Resumed at epoch 3, the rates continue where they would have been.
     */
    @Test
    void theLearningRateFollowsACosineScheduleAcrossAResume() throws Exception {
        ScheduleConfig cosine = new ScheduleConfig("cosine", 0, null, null, 0.001);
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 17), FakeContext.tripletLoss(0.5f))) {
            new TripletTrainingLoop().train(triplets(4, 3, adam(1e-2, cosine)), context);
            try (FakeContext resumed = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 17), FakeContext.tripletLoss(0.5f))) {
                resumed.firstEpoch = 3;
                new TripletTrainingLoop().train(triplets(4, 3, adam(1e-2, cosine)), resumed);
                for (int e = 1; e <= 4; e++) {
                    double expected = 0.001 + 0.009 * (1 + Math.cos(Math.PI * (3 * e - 1) / 12)) / 2;
                    assertEquals(expected, context.epochs.get(e - 1).training().get(TrainingKeys.LEARNING_RATE),
                            1e-8, "epoch " + e);
                    if (e >= 3) {
                        assertEquals(expected, resumed.epochs.get(e - 3).training().get(TrainingKeys.LEARNING_RATE),
                                1e-8, "resumed epoch " + e);
                    }
                }
            }
        }
    }

    @Test
    void everyEpochRecordsAFiniteGradientNormWithItsMaximum() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 6, 4, 4, 18, "w5"), FakeContext.contrastiveLoss(1f))) {
            PairsConfig config = new PairsConfig(3, 8, 4, adam(1e-2, null), "mixed", null, null, null);
            new PairTrainingLoop().train(config, context);
            assertEquals(3, context.epochs.size());
            for (EpochRecord epoch : context.epochs) {
                double mean = epoch.training().get(TrainingKeys.GRADIENT_NORM);
                double max = epoch.training().get(TrainingKeys.GRADIENT_NORM_MAX);
                assertTrue(Double.isFinite(mean) && mean > 0, epoch.toString());
                assertTrue(max >= mean && Double.isFinite(max), epoch.toString());
            }
        }
    }

    /**
     * A linear layer y = W x + b (2 outputs, 4 inputs) under the loss sum(y) over 3 inputs: every
     * row of dL/dW is the sum of the inputs, and dL/db = 3 for each output, so the global norm is
     * sqrt(2 ||sum x||² + 2 x 9).
     */
    @Test
    void theGradientNormIsTheGlobalL2NormOfAllParameterGradients() {
        try (Model model = Model.newInstance("linear"); NDManager scratch = model.getNDManager().newSubManager()) {
            Linear linear = Linear.builder().setUnits(2).build();
            model.setBlock(linear);
            linear.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(3, 4));
            float[] x = {1, 2, 3, 4, -1, 0.5f, 2, 0, 0.25f, -3, 1, 1};
            NDArray input = scratch.create(x, new Shape(3, 4));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = linear.forward(new ParameterStore(scratch, false), new NDList(input), true)
                        .singletonOrThrow();
                collector.backward(y.sum());
            }
            double sumOfSquares = 0;
            for (int i = 0; i < 4; i++) {
                double column = x[i] + x[4 + i] + x[8 + i];
                sumOfSquares += 2 * column * column;
            }
            double expected = Math.sqrt(sumOfSquares + 2 * 9);
            GlobalNorms norms = new GlobalNorms(linear, null);
            assertEquals(2, norms.trainableCount());
            NDArray squares = norms.gradientSquares(scratch, scratch);
            assertEquals(new Shape(2), squares.getShape(), "one sum of squares per parameter array");
            assertEquals(expected, GlobalNorms.norm(squares.toFloatArray()), 1e-4 * expected);
            assertEquals(null, norms.statisticSquares(scratch), "a linear layer has no running statistics");
        }
    }
}
