package siglab.losses.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

class LogisticLossTest {

    /**
     * Head weights (1, -1), bias 0. Pair 1: |(1,0) - (0,0)| = (1,0), z = 1, y = 1: log(1 + e^-1) =
     * 0.313262. Pair 2: |(0,0) - (0,2)| = (0,2), z = -2, y = 0: max(z,0) - zy + log(1 + e^-|z|) =
     * log(1 + e^-2) = 0.126928. Mean 0.220095.
     */
    @Test
    void binaryCrossEntropyOfTheHeadsLogitMatchesAHandComputation() {
        SiameseLoss loss = new LogisticLossFactory().create(new LogisticConfig(null), Distance.EUCLIDEAN);
        assertEquals(TrainingInput.PAIRS, loss.input());
        Block head = loss.head();
        assertNotNull(head);
        try (NDManager manager = NDManager.newBaseManager()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            head.getParameters().get("01Linear_weight").getArray().set(new float[] {1f, -1f});
            head.getParameters().get("01Linear_bias").getArray().set(new float[] {0f});
            NDList embeddings = new NDList(manager.create(new float[][] {{1, 0}, {0, 0}}),
                    manager.create(new float[][] {{0, 0}, {0, 2}}));
            float value = loss.compute(embeddings, manager.create(new float[] {1, 0})).getFloat();
            assertEquals(0.220095, value, 1e-5);
        }
    }

    @Test
    void distanceLossesHaveNoHead() {
        assertNull(new ContrastiveLossFactory().create(new ContrastiveConfig(null), Distance.EUCLIDEAN).head());
    }
}
