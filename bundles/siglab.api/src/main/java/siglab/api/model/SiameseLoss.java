package siglab.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;

/** A loss on embeddings, built by a {@link LossFactory} for one training run. */
public interface SiameseLoss {

    /** Whether the loss trains on pairs or triplets. */
    TrainingInput input();

    /**
     * The mean loss of a batch, a scalar that gradients flow through.
     *
     * @param embeddings for {@link TrainingInput#PAIRS}: (first, second); for
     *     {@link TrainingInput#TRIPLETS}: (anchor, positive, negative); each (N, D)
     * @param labels for pairs: (N) with 1 for a genuine pair of one writer, 0 otherwise; for
     *     triplets: null, or (since 1.1) an (N, 3) integer array of the class ids of anchor,
     *     positive and negative, where a writer's genuine images share one id and each writer's
     *     forgeries have an id of their own, so that a loss may mine harder triplets inside the batch
     */
    NDArray compute(NDList embeddings, NDArray labels);

    /**
     * A learned scoring head, or null for losses that work on the distance alone. A head maps the
     * element-wise absolute difference of two embeddings, (N, D), to (N, 1) logits that the pair is
     * two genuine signatures of one writer. The core initialises it with the encoder's embedding
     * size (and restores it when resuming), training loops update its parameters with the
     * encoder's, and pairs are then scored 1 - sigmoid(logit) instead of by the distance, so that a
     * small score still means similar. A loss with a head calls it from {@link #compute}.
     *
     * @since 1.2
     */
    default Block head() {
        return null;
    }
}
