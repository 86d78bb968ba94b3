package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siglab.api.model.EpochRecord;

/** {@code epoch: pairs}: every genuine pair of the training writers once per epoch. */
class EpochOfPairsTest {

    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 1e-2, null, null, null, null);

    /** 6 writers of 4 genuine images: 6 x C(4, 2) = 36 genuine pairs. */
    private static PatternBank bank() {
        return new PatternBank(16, 16, 0.25f, 6, 4, 2, 21);
    }

    private static String key(int a, int b) {
        return Math.min(a, b) + "-" + Math.max(a, b);
    }

    @Test
    void thePairWalkCoversEveryGenuinePairOncePerPass() {
        PatternBank bank = bank();
        SiameseSampler sampler = new SiameseSampler(bank, new Random(1), Negatives.MIXED);
        assertEquals(36, sampler.genuinePairCount());
        for (int pass = 0; pass < 2; pass++) {
            Set<String> seen = new HashSet<>();
            for (int batch = 0; batch < 4; batch++) {
                SiameseSampler.Triplets triplets = sampler.tripletsOfGenuinePairs(9);
                for (int i = 0; i < 9; i++) {
                    int a = triplets.anchors()[i];
                    int p = triplets.positives()[i];
                    assertEquals(bank.sample(a).writer(), bank.sample(p).writer());
                    assertTrue(a != p);
                    assertTrue(seen.add(key(a, p)), "pair " + key(a, p) + " twice in pass " + pass);
                    assertTrue(!bank.sample(triplets.negatives()[i]).writer().equals(bank.sample(a).writer())
                            || bank.sample(triplets.negatives()[i]).kind() == siglab.api.data.SampleKind.FORGED);
                }
            }
            assertEquals(36, seen.size());
        }
    }

    @Test
    void negativesFollowTheGenuinePairsOfTheirBatch() {
        PatternBank bank = bank();
        SiameseSampler sampler = new SiameseSampler(bank, new Random(2), Negatives.FORGERY);
        SiameseSampler.Pairs pairs = sampler.genuinePairsWithNegatives(5, 5);
        for (int i = 0; i < 10; i++) {
            assertEquals(i < 5 ? 1f : 0f, pairs.labels()[i]);
        }
        for (int i = 5; i < 10; i++) {
            assertEquals(pairs.first()[i - 5], pairs.first()[i], "each genuine pair's first image gets a negative");
            assertEquals(siglab.api.data.SampleKind.FORGED, bank.sample(pairs.second()[i]).kind());
            assertEquals(bank.sample(pairs.first()[i]).writer(), bank.sample(pairs.second()[i]).writer());
        }
    }

    /** Batch 10 at half positives: 5 genuine pairs a batch, 8 batches (7 full, the last with 1 + 1). */
    @Test
    void anEpochOfThePairsLoopHoldsEveryGenuinePairWithAsManyNegatives() throws Exception {
        try (FakeContext context = new FakeContext(bank(), FakeContext.contrastiveLoss(1f))) {
            PairsConfig config = new PairsConfig(2, 10, null, ADAM, "mixed", null, null, null, "pairs");
            new PairTrainingLoop().train(config, context);
            assertEquals(16, context.batches, "8 batches per epoch");
            for (EpochRecord epoch : context.epochs) {
                assertEquals(72, epoch.samples(), "36 genuine and 36 negative pairs");
            }
            assertTrue(context.logs.contains("an epoch covers the 36 genuine pairs of the training writers once:"
                    + " 8 batches"), context.logs.toString());
        }
    }

    /** Batch 8: 5 batches (4 full, the last with 4 triplets), 36 triplets an epoch. */
    @Test
    void anEpochOfTheTripletsLoopHoldsEveryGenuinePairAsAnchorAndPositive() throws Exception {
        try (FakeContext context = new FakeContext(bank(), FakeContext.tripletLoss(0.5f))) {
            TripletsConfig config = new TripletsConfig(2, 8, null, ADAM, null, null, null, "pairs");
            new TripletTrainingLoop().train(config, context);
            assertEquals(10, context.batches);
            assertEquals(List.of(36L, 36L), context.epochs.stream().map(EpochRecord::samples).toList());
        }
        // The default epoch: the 24 genuine images as anchors, 3 batches of 8.
        try (FakeContext context = new FakeContext(bank(), FakeContext.tripletLoss(0.5f))) {
            new TripletTrainingLoop().train(new TripletsConfig(1, 8, null, ADAM, null, null, null, null), context);
            assertEquals(3, context.batches);
            assertEquals(24, context.epochs.get(0).samples());
        }
    }

    @Test
    void theEpochKeyIsValidated() {
        assertEquals("epoch must be anchors or pairs, got triplets", assertThrows(IllegalArgumentException.class,
                () -> new TripletsConfig(null, null, null, null, null, null, null, "triplets")).getMessage());
        assertEquals("epoch: pairs sets the epoch's length (every genuine pair once); leave steps-per-epoch out,"
                + " or use epoch: anchors", assertThrows(IllegalArgumentException.class,
                () -> new PairsConfig(null, null, 5, null, null, null, null, null, "pairs")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PairsConfig(null, 2, null, null, null, 0.9, null, null, "pairs")).getMessage()
                .startsWith("epoch: pairs needs a batch with both genuine and negative pairs"));
        assertEquals("anchors", new PairsConfig(null, null, null, null, null, null, null, null).epoch());
        assertEquals("pairs", new TripletsConfig(null, null, null, null, null, null, null, " Pairs").epoch());
    }
}
