package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;

class SiameseSamplerTest {

    // w2 has no forgeries: its negatives must fall back to another writer's genuine images.
    private final PatternBank bank = new PatternBank(4, 3, 2, 7, "w2");

    @Test
    void tripletsPairDifferentGenuineImagesOfOneWriterWithItsForgeries() {
        SiameseSampler sampler = new SiameseSampler(bank, new Random(1), Negatives.FORGERY);
        SiameseSampler.Triplets triplets = sampler.triplets(600);
        for (int i = 0; i < 600; i++) {
            Sample anchor = bank.sample(triplets.anchors()[i]);
            Sample positive = bank.sample(triplets.positives()[i]);
            Sample negative = bank.sample(triplets.negatives()[i]);
            assertNotEquals(triplets.anchors()[i], triplets.positives()[i]);
            assertEquals(SampleKind.GENUINE, anchor.kind());
            assertEquals(SampleKind.GENUINE, positive.kind());
            assertEquals(anchor.writer(), positive.writer());
            if (anchor.writer().equals("w2")) {
                assertEquals(SampleKind.GENUINE, negative.kind());
                assertNotEquals("w2", negative.writer());
            } else {
                assertEquals(SampleKind.FORGED, negative.kind());
                assertEquals(anchor.writer(), negative.writer());
            }
        }
    }

    @Test
    void anchorsVisitEveryGenuineImageOncePerPass() {
        SiameseSampler sampler = new SiameseSampler(bank, new Random(2), Negatives.OTHER_WRITER);
        assertEquals(12, sampler.anchorCount());
        Map<Integer, Integer> seen = new HashMap<>();
        SiameseSampler.Triplets triplets = sampler.triplets(24);
        for (int i = 0; i < 24; i++) {
            seen.merge(triplets.anchors()[i], 1, Integer::sum);
            Sample anchor = bank.sample(triplets.anchors()[i]);
            Sample negative = bank.sample(triplets.negatives()[i]);
            assertEquals(SampleKind.GENUINE, negative.kind());
            assertNotEquals(anchor.writer(), negative.writer());
        }
        assertEquals(12, seen.size());
        assertTrue(seen.values().stream().allMatch(count -> count == 2));
    }

    @Test
    void mixedNegativesUseBothSources() {
        SiameseSampler sampler = new SiameseSampler(bank, new Random(3), Negatives.MIXED);
        SiameseSampler.Triplets triplets = sampler.triplets(400);
        int forged = 0;
        for (int negative : triplets.negatives()) {
            forged += bank.sample(negative).kind() == SampleKind.FORGED ? 1 : 0;
        }
        // Three of four writers have forgeries, half the time: about 150 of 400.
        assertTrue(forged > 100 && forged < 200, "forgeries: " + forged);
    }

    @Test
    void pairsAreLabelledByWhetherBothAreGenuineOfOneWriter() {
        SiameseSampler sampler = new SiameseSampler(bank, new Random(4), Negatives.MIXED);
        SiameseSampler.Pairs pairs = sampler.pairs(10, 0.3);
        int positives = 0;
        for (int i = 0; i < 10; i++) {
            Sample first = bank.sample(pairs.first()[i]);
            Sample second = bank.sample(pairs.second()[i]);
            assertNotEquals(pairs.first()[i], pairs.second()[i]);
            boolean genuinePair = second.kind() == SampleKind.GENUINE
                    && first.writer().equals(second.writer());
            assertEquals(genuinePair ? 1f : 0f, pairs.labels()[i]);
            positives += genuinePair ? 1 : 0;
        }
        assertEquals(3, positives);
    }

    @Test
    void refusesBanksItCannotSampleFrom() {
        assertThrows(IllegalArgumentException.class,
                () -> new SiameseSampler(new PatternBank(3, 1, 1, 8), new Random(5),
                        Negatives.FORGERY));
        assertThrows(IllegalArgumentException.class,
                () -> new SiameseSampler(new PatternBank(1, 3, 0, 9), new Random(6),
                        Negatives.FORGERY));
    }

    @Test
    void configsFillDefaultsAndNameBadKeys() {
        TripletsConfig defaults = new TripletsConfig(null, null, null, null, null, null, null);
        assertEquals(new TripletsConfig(10, 32, null,
                new OptimizerConfig("adam", 1e-3, 0.0, 0.9, 0.0,
                        new ScheduleConfig("constant", 0, 10, 0.1, 0.0)),
                "forgery", new EarlyStoppingConfig(0, 0.0, "auc"),
                new AugmentConfig(0.5, 0.0, 0.0, 0.0, 0.0, 0)), defaults);
        assertEquals(0.5, new PairsConfig(null, null, null, null, null, null, null, null)
                .positiveFraction());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TripletsConfig(null, null, 0, null, null, null, null));
        assertTrue(error.getMessage().contains("steps-per-epoch"));
        error = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig(null, null, -1.0, null, null, null));
        assertTrue(error.getMessage().contains("weight-decay"));
        assertThrows(IllegalArgumentException.class,
                () -> new TripletsConfig(null, null, null, null, "skilled", null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig("adagrad", null, null, null, null, null));
        error = assertThrows(IllegalArgumentException.class,
                () -> new OptimizerConfig(null, null, null, null, -1.0, null));
        assertTrue(error.getMessage().contains("clip-gradient"));
        error = assertThrows(IllegalArgumentException.class,
                () -> new ScheduleConfig("linear", null, null, null, null));
        assertTrue(error.getMessage().contains("schedule.type"));
        error = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStoppingConfig(-1, null, null));
        assertTrue(error.getMessage().contains("early-stopping.patience"));
        error = assertThrows(IllegalArgumentException.class,
                () -> new AugmentConfig(null, null, 1.0, null, null, null));
        assertTrue(error.getMessage().contains("augment.scale"));
        assertFalse(new AugmentConfig(null, null, null, null, null, null).enabled());
    }
}
