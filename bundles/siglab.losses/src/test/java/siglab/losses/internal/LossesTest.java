package siglab.losses.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

class LossesTest {

    private static NDArray rows(NDManager manager, float... values) {
        return manager.create(values, new Shape(values.length / 2, 2));
    }

    /**
     * Two triplets in the plane, margin 0.5. Squared Euclidean: (0,0),(1,0),(0,2) gives
     * max(1 - 4 + 0.5, 0) = 0; (1,1),(1,2),(1,1.5) gives max(1 - 0.25 + 0.5, 0) = 1.25; mean
     * 0.625. Euclidean: max(1 - 2 + 0.5, 0) = 0 and max(1 - 0.5 + 0.5, 0) = 1; mean 0.5.
     */
    @Test
    void tripletLossMatchesHandComputedValues() {
        TripletLossFactory factory = new TripletLossFactory();
        TripletConfig config = new TripletConfig(null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList triplets = new NDList(
                    rows(manager, 0, 0, 1, 1),
                    rows(manager, 1, 0, 1, 2),
                    rows(manager, 0, 2, 1, 1.5f));
            SiameseLoss squared = factory.create(config, Distance.SQUARED_EUCLIDEAN);
            assertEquals(TrainingInput.TRIPLETS, squared.input());
            assertEquals(0.625f, squared.compute(triplets, null).getFloat(), 1e-5f);
            SiameseLoss euclidean = factory.create(config, Distance.EUCLIDEAN);
            assertEquals(0.5f, euclidean.compute(triplets, null).getFloat(), 1e-5f);
        }
    }

    /**
     * Cosine distance, margin 1: a = (1, 0), p = (1, 1), n = (0, 1) gives d(a, p) = 1 - 1/sqrt(2)
     * and d(a, n) = 1, so the loss is 1 - 1/sqrt(2) - 1 + 1 = 0.29289.
     */
    @Test
    void tripletLossWithCosineDistance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList triplet = new NDList(rows(manager, 1, 0), rows(manager, 1, 1), rows(manager, 0, 1));
            SiameseLoss loss = new TripletLossFactory().create(new TripletConfig(1.0, null),
                    Distance.COSINE);
            assertEquals(1 - 1 / Math.sqrt(2), loss.compute(triplet, null).getFloat(), 1e-5);
        }
    }

    /**
     * Four pairs, Euclidean distance, margin 1. Genuine at d = 5: 25 / 2 = 12.5. Different at
     * d = 0.6: 0.4² / 2 = 0.08; at d = 0: 1 / 2 = 0.5; at d = 3: 0. Mean 13.08 / 4 = 3.27.
     */
    @Test
    void contrastiveLossMatchesHandComputedValue() {
        ContrastiveLossFactory factory = new ContrastiveLossFactory();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList pairs = new NDList(
                    rows(manager, 0, 0, 0, 0, 1, 1, 0, 0),
                    rows(manager, 3, 4, 0.6f, 0, 1, 1, 3, 0));
            NDArray labels = manager.create(new int[] {1, 0, 0, 0});
            SiameseLoss loss = factory.create(new ContrastiveConfig(null), Distance.EUCLIDEAN);
            assertEquals(TrainingInput.PAIRS, loss.input());
            assertEquals(3.27f, loss.compute(pairs, labels).getFloat(), 1e-4f);
        }
    }

    @Test
    void configsFillDefaultsAndRejectBadMargins() {
        assertEquals(0.5, new TripletConfig(null, null).margin());
        assertEquals(1.0, new ContrastiveConfig(null).margin());
        assertThrows(IllegalArgumentException.class, () -> new TripletConfig(-0.1, null));
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveConfig(0.0));
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveConfig(Double.NaN));
    }
}
