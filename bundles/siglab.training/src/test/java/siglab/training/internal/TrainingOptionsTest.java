package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.api.data.SampleKind;
import siglab.api.model.Distance;
import siglab.api.model.EpochRecord;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;
import siglab.api.model.ValidationKeys;
import siglab.losses.internal.TripletConfig;
import siglab.losses.internal.TripletLossFactory;

/** Early stopping, class ids for mining, and the loops with schedules, clipping and augmentation. */
class TrainingOptionsTest {

    private static EpochRecord epoch(int epoch, double auc) {
        return new EpochRecord(epoch, 1.0, 8, 1.0, Map.of(ValidationKeys.AUC, auc));
    }

    /** Patience 2, min-delta 0.01: 0.70 best, 0.705 is no improvement, 0.71 is one; then two flat. */
    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingConfig(2, 0.01, null));
        assertNull(stopping.update(epoch(1, 0.70)));
        assertNull(stopping.update(epoch(2, 0.705)));
        assertNull(stopping.update(epoch(3, 0.711)));
        assertNull(stopping.update(epoch(4, 0.72)));
        String stop = stopping.update(epoch(5, 0.70));
        assertTrue(stop != null && stop.contains("epoch 5") && stop.contains("0.7110"), stop);
        assertNull(new EarlyStopping(new EarlyStoppingConfig(null, null, null))
                .update(epoch(1, 0.5)));
    }

    @Test
    void loopStopsEarlyWhenValidationAucStalls() throws Exception {
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 1), FakeContext.tripletLoss(0.5f))) {
            double[] auc = {0.6, 0.8, 0.79, 0.8, 0.95, 0.99};
            context.validation = e -> Map.of(ValidationKeys.AUC, auc[e - 1]);
            TripletsConfig config = new TripletsConfig(6, 4, 1, null, null,
                    new EarlyStoppingConfig(2, null, null), null);
            new TripletTrainingLoop().train(config, context);
            assertEquals(4, context.epochs.size());
            assertTrue(context.logs.get(0).startsWith("early stopping after epoch 4"),
                    context.logs.toString());
        }
    }

    /** The triplets loop passes (N, 3) class ids: writer w's genuine is w, its forgeries W + w. */
    @Test
    void tripletLoopPassesClassIds() throws Exception {
        PatternBank bank = new PatternBank(6, 4, 4, 2);
        List<int[]> seen = new ArrayList<>();
        SiameseLoss recording = new SiameseLoss() {
            private final SiameseLoss inner = FakeContext.tripletLoss(0.5f);

            @Override
            public TrainingInput input() {
                return TrainingInput.TRIPLETS;
            }

            @Override
            public NDArray compute(NDList embeddings, NDArray labels) {
                assertEquals(new ai.djl.ndarray.types.Shape(4, 3), labels.getShape());
                seen.add(labels.toIntArray());
                return inner.compute(embeddings, labels);
            }
        };
        try (FakeContext context = new FakeContext(bank, recording)) {
            TripletsConfig config = new TripletsConfig(1, 4, 3, null, "mixed", null, null);
            new TripletTrainingLoop().train(config, context);
        }
        assertEquals(3, seen.size());
        int writers = bank.writers().size();
        boolean forgery = false;
        boolean otherWriter = false;
        for (int[] ids : seen) {
            for (int t = 0; t < ids.length / 3; t++) {
                int anchor = ids[3 * t];
                assertTrue(anchor >= 0 && anchor < writers);
                assertEquals(anchor, ids[3 * t + 1]);
                int negative = ids[3 * t + 2];
                forgery |= negative == writers + anchor;
                otherWriter |= negative < writers && negative != anchor;
                assertTrue(negative == writers + anchor || (negative < writers && negative != anchor),
                        "negative id " + negative + " for anchor " + anchor);
            }
        }
        assertTrue(forgery && otherWriter, "mixed negatives give both kinds of id");
        assertEquals(SampleKind.FORGED, bank.sample(bank.forged("w0")[0]).kind());
    }

    @Test
    void batchHardTripletTrainingLowersTheLoss() throws Exception {
        SiameseLoss loss = new TripletLossFactory().create(new TripletConfig(0.5, "batch-hard"),
                Distance.SQUARED_EUCLIDEAN);
        try (FakeContext context = new FakeContext(new PatternBank(6, 4, 4, 3), loss)) {
            TripletsConfig config = new TripletsConfig(6, 8, 6,
                    new OptimizerConfig("adam", 1e-2, null, null, null, null), "mixed", null, null);
            new TripletTrainingLoop().train(config, context);
            double first = context.epochs.get(0).loss();
            double last = context.epochs.get(5).loss();
            assertTrue(last < first * 0.95, "loss went from " + first + " to " + last);
        }
    }

    /** SGD with momentum, weight decay, clipping, warm-up and cosine decay, on augmented images. */
    @Test
    void pairTrainingWithEveryOptionLowersTheLoss() throws Exception {
        OptimizerConfig optimizer = new OptimizerConfig("sgd", 0.05, 1e-4, 0.9, 1.0,
                new ScheduleConfig("cosine", 1, null, null, 1e-3));
        AugmentConfig augment = new AugmentConfig(0.5, 3.0, 0.05, 3.0, 0.03, 1);
        try (FakeContext context =
                new FakeContext(new PatternBank(6, 4, 4, 4), FakeContext.contrastiveLoss(1f))) {
            PairsConfig config = new PairsConfig(6, 8, 6, optimizer, "mixed", null, null, augment);
            new PairTrainingLoop().train(config, context);
            double first = context.epochs.get(0).loss();
            double last = context.epochs.get(5).loss();
            assertTrue(last < first * 0.9, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void everyOptimizerTrains() throws Exception {
        for (String type : List.of("adam", "adamw", "rmsprop", "sgd")) {
            try (FakeContext context = new FakeContext(new PatternBank(4, 3, 3, 5),
                    FakeContext.tripletLoss(0.5f))) {
                TripletsConfig config = new TripletsConfig(2, 4, 2,
                        new OptimizerConfig(type, 1e-3, 1e-4, null, 5.0,
                                new ScheduleConfig("step", null, 1, 0.5, null)),
                        null, null, null);
                new TripletTrainingLoop().train(config, context);
                assertEquals(2, context.epochs.size(), type);
                assertTrue(Double.isFinite(context.epochs.get(1).loss()), type);
            }
        }
    }
}
