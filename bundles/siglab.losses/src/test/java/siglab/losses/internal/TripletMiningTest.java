package siglab.losses.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;

/**
 * Mining on a batch of two triplets of one-dimensional embeddings, so every distance is a
 * difference: Euclidean distance, margin 2.
 *
 * <pre>
 * triplet 0: anchor a0 = 0 (writer 0), positive p0 = 1 (writer 0), negative n0 = 2.5 (forgery of 0)
 * triplet 1: anchor a1 = 10 (writer 1), positive p1 = 12 (writer 1), negative n1 = 0.4 (writer 0)
 * </pre>
 *
 * <p>n1, a genuine signature of writer 0 drawn as a random forgery for writer 1, is a positive
 * of a0 and p0. The anchors are a0, a1, p0, p1; the embeddings are laid out a0 a1 p0 p1 n0 n1.
 */
class TripletMiningTest {

    private static final float[] BATCH = {0, 10, 1, 12, 2.5f, 0.4f};
    private static final int[][] IDS = {{0, 0, 2}, {1, 1, 0}};

    private static float loss(String mining, float[] values, int[][] ids, float margin) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return compute(manager, mining, values, ids, margin).getFloat();
        }
    }

    private static NDArray compute(NDManager manager, String mining, NDArray embeddings,
            int[][] ids, float margin) {
        SiameseLoss loss = new TripletLossFactory().create(
                new TripletConfig((double) margin, mining), Distance.EUCLIDEAN);
        return loss.compute(embeddings.split(3), manager.create(ids));
    }

    private static NDArray compute(NDManager manager, String mining, float[] values, int[][] ids,
            float margin) {
        return compute(manager, mining, manager.create(values, new Shape(values.length, 1)), ids,
                margin);
    }

    /**
     * Sampled triplets only: max(1 - 2.5 + 2, 0) = 0.5 and max(2 - 9.6 + 2, 0) = 0; mean 0.25.
     */
    @Test
    void withoutMiningUsesTheSampledTriplets() {
        assertEquals(0.25f, loss("none", BATCH, IDS, 2f), 1e-5f);
    }

    /**
     * Hardest positive and negative per anchor: a0: max(1, 0.4) = 1 and min(10, 12, 2.5) = 2.5,
     * giving 0.5; p0: max(1, 0.6) = 1 and min(9, 11, 1.5) = 1.5, giving 1.5; a1 and p1 have
     * their negatives beyond 7 and give 0. Mean (0.5 + 1.5) / 4 = 0.5.
     */
    @Test
    void batchHardMatchesHandComputedValue() {
        assertEquals(0.5f, loss("batch-hard", BATCH, IDS, 2f), 1e-5f);
    }

    /**
     * The gradient reaches only the embeddings batch-hard chose: a0, p0 and n0. The loss is
     * [(d(a0,p0) - d(a0,n0) + 2) + (d(p0,a0) - d(p0,n0) + 2)] / 4, so its gradient is -1/4 for
     * a0, 3/4 for p0 and -1/2 for n0; the easier positive n1 and the whole of triplet 1 get 0.
     */
    @Test
    void batchHardPicksTheHardestPositiveAndNegative() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(BATCH, new Shape(6, 1));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(compute(manager, "batch-hard", x, IDS, 2f));
            }
            assertArrayEquals(new float[] {-0.25f, 0f, 0.75f, 0f, -0.5f, 0f},
                    x.getGradient().toFloatArray(), 1e-4f);
        }
    }

    /**
     * Every valid (anchor, positive, negative), averaged over the terms above zero: a0 with p0
     * and n0 gives 1 - 2.5 + 2 = 0.5 (with n1 as positive: 0.4 - 2.5 + 2 &lt; 0); p0 with a0 and
     * n0 gives 1.5, with n1 and n0 gives 0.6 - 1.5 + 2 = 1.1; all others are below zero.
     * (0.5 + 1.5 + 1.1) / 3 = 1.0333.
     */
    @Test
    void batchAllMatchesHandComputedValue() {
        assertEquals(3.1f / 3, loss("batch-all", BATCH, IDS, 2f), 1e-5f);
    }

    /**
     * Per anchor-positive pair, the nearest negative farther than the positive: (a0, p0): 2.5,
     * giving 0.5; (a0, n1): 2.5, giving 0; (p0, a0): 1.5, giving 1.5; (p0, n1): 1.5, giving 1.1;
     * (a1, p1) and (p1, a1): 7.5 and 9.5, giving 0. Mean over the 6 pairs: 3.1 / 6.
     */
    @Test
    void semiHardMatchesHandComputedValue() {
        assertEquals(3.1f / 6, loss("semi-hard", BATCH, IDS, 2f), 1e-5f);
    }

    /**
     * With no negative farther than the positive, semi-hard falls back to the farthest negative:
     * a = 0, p = 2, n = 1, margin 0.5: both (a, p) and (p, a) give 2 - 1 + 0.5 = 1.5.
     */
    @Test
    void semiHardFallsBackToTheFarthestNegative() {
        assertEquals(1.5f, loss("semi-hard", new float[] {0, 2, 1}, new int[][] {{0, 0, 5}},
                0.5f), 1e-5f);
    }

    @Test
    void miningNeedsClassIds() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SiameseLoss loss = new TripletLossFactory().create(
                    new TripletConfig(null, "batch-hard"), Distance.EUCLIDEAN);
            NDList triplets = manager.create(BATCH, new Shape(6, 1)).split(3);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(triplets, null));
            assertTrue(error.getMessage().contains("class ids"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new TripletConfig(null, "hardest"));
        assertEquals(new TripletConfig(0.5, "none"), new TripletConfig(null, null));
    }

    /** The pairwise matrix agrees with {@link Distance#between} for every distance. */
    @Test
    void pairwiseDistancesAgreeWithTheRowWiseDefinition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray rows = manager.create(new float[] {1, 0, 3, 4, -1, 2}, new Shape(3, 2));
            NDArray columns = manager.create(new float[] {0, 1, 2, 2}, new Shape(2, 2));
            for (Distance distance : Distance.values()) {
                float[] matrix = PairwiseDistances.between(rows, columns, distance).toFloatArray();
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 2; c++) {
                        float[] a = rows.get(r).toFloatArray();
                        float[] b = columns.get(c).toFloatArray();
                        assertEquals(distance.between(a, b), matrix[r * 2 + c], 1e-5,
                                distance + " row " + r + " column " + c);
                    }
                }
            }
        }
    }
}
