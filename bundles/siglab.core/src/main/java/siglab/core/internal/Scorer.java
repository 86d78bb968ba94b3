package siglab.core.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import siglab.api.model.Distance;

/**
 * How two embeddings are scored, small meaning similar: the experiment's distance, or, for a loss
 * with a learned head, 1 - sigmoid(head(|a - b|)).
 */
@FunctionalInterface
interface Scorer {

    double score(float[] a, float[] b);

    static Scorer of(Distance distance) {
        return distance::between;
    }

    /** Scores with a trained head; its arrays are made in sub-managers of {@code manager}. */
    static Scorer of(Block head, NDManager manager) {
        return (a, b) -> {
            float[] difference = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                difference[i] = Math.abs(a[i] - b[i]);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray input = scope.create(difference, new Shape(1, a.length));
                float logit = head.forward(new ParameterStore(scope, false), new NDList(input), false)
                        .singletonOrThrow().toFloatArray()[0];
                return 1.0 / (1.0 + Math.exp(logit));
            }
        };
    }
}
