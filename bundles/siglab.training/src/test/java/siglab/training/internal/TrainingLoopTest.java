package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import siglab.api.model.EpochRecord;

class TrainingLoopTest {

    private static TripletsConfig triplets(int epochs, Integer steps) {
        return new TripletsConfig(epochs, 8, steps,
                new OptimizerConfig("adam", 1e-2, null, null, null, null), null, null, null);
    }

    @Test
    void tripletTrainingLowersTheLoss() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 1), FakeContext.tripletLoss(0.5f))) {
            new TripletTrainingLoop().train(triplets(6, 6), context);
            List<EpochRecord> epochs = context.epochs;
            assertEquals(List.of(1, 2, 3, 4, 5, 6),
                    epochs.stream().map(EpochRecord::epoch).toList());
            for (EpochRecord epoch : epochs) {
                assertEquals(48, epoch.samples());
            }
            double first = epochs.get(0).loss();
            double last = epochs.get(epochs.size() - 1).loss();
            assertTrue(last < first * 0.7, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void pairTrainingLowersTheLoss() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 2), FakeContext.contrastiveLoss(1f))) {
            PairsConfig config = new PairsConfig(6, 8, 6,
                    new OptimizerConfig("adam", 1e-2, null, null, null, null), "mixed", null,
                    null, null);
            new PairTrainingLoop().train(config, context);
            List<EpochRecord> epochs = context.epochs;
            assertEquals(6, epochs.size());
            double first = epochs.get(0).loss();
            double last = epochs.get(epochs.size() - 1).loss();
            assertTrue(last < first * 0.7, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void aLossWithALearnedHeadTrainsTheHeadWithTheEncoder() throws Exception {
        ai.djl.nn.Block head;
        siglab.api.model.SiameseLoss loss = new siglab.losses.internal.LogisticLossFactory()
                .create(new siglab.losses.internal.LogisticConfig(8), siglab.api.model.Distance.EUCLIDEAN);
        PatternBank bank = new PatternBank(6, 4, 4, 2);
        try (FakeContext context = new FakeContext(bank, loss)) {
            // As the core does: the encoder first, then the head on the embedding size.
            ai.djl.Model model = context.model();
            ai.djl.ndarray.types.Shape image = bank.imageShape();
            ai.djl.ndarray.types.Shape input = new ai.djl.ndarray.types.Shape(1, image.get(0), image.get(1), image.get(2));
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, input);
            long embedding = model.getBlock().getOutputShapes(new ai.djl.ndarray.types.Shape[] {input})[0].get(1);
            head = loss.head();
            head.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1, embedding));
            float[] before = head.getParameters().get(0).getValue().getArray().toFloatArray();
            PairsConfig config = new PairsConfig(6, 8, 6,
                    new OptimizerConfig("adam", 1e-2, null, null, null, null), "mixed", null, null, null);
            new PairTrainingLoop().train(config, context);
            float[] after = head.getParameters().get(0).getValue().getArray().toFloatArray();
            assertTrue(!java.util.Arrays.equals(before, after), "the head's weights were updated");
            List<EpochRecord> epochs = context.epochs;
            double first = epochs.get(0).loss();
            double last = epochs.get(epochs.size() - 1).loss();
            assertTrue(last < first * 0.7, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void defaultEpochUsesEachGenuineImageAboutOnceAsAnAnchor() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 3), FakeContext.tripletLoss(0.5f))) {
            new TripletTrainingLoop().train(triplets(1, null), context);
            // 24 genuine images in batches of 8: 3 batches, 24 triplets.
            assertEquals(3, context.batches);
            assertEquals(24, context.epochs.get(0).samples());
        }
    }

    @Test
    void stopRequestReturnsAfterAtMostOneBatch() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 4), FakeContext.tripletLoss(0.5f))) {
            context.stopAfterBatches = 1;
            new TripletTrainingLoop().train(triplets(5, 10), context);
            assertEquals(1, context.batches);
            assertEquals(List.of(), context.epochs);
        }
    }

    @Test
    void resumeRunsOnlyTheRemainingEpochs() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 5), FakeContext.tripletLoss(0.5f))) {
            context.firstEpoch = 3;
            new TripletTrainingLoop().train(triplets(4, 1), context);
            assertEquals(List.of(3, 4), context.epochs.stream().map(EpochRecord::epoch).toList());
        }
    }

    @Test
    void refusesALossOfTheOtherKind() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(3, 2, 1, 6), FakeContext.contrastiveLoss(1f))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new TripletTrainingLoop().train(triplets(1, 1), context));
            assertTrue(error.getMessage().contains("trains on pairs; use training.type=pairs"),
                    error.getMessage());
        }
        try (FakeContext context =
                new FakeContext(new PatternBank(3, 2, 1, 6), FakeContext.tripletLoss(0.5f))) {
            PairsConfig config = new PairsConfig(1, 4, 1, null, null, null, null, null);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new PairTrainingLoop().train(config, context));
            assertTrue(error.getMessage().contains("use training.type=triplets"),
                    error.getMessage());
        }
    }
}
