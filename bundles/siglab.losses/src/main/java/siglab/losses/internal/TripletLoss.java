package siglab.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

/**
 * The triplet loss of Schroff, Kalenichenko and Philbin (FaceNet, 2015):
 *
 * <pre>
 * L = mean over the batch of max(d(a, p) - d(a, n) + margin, 0)
 * </pre>
 *
 * <p>with d the experiment's {@link Distance}; the seed notebook uses the squared Euclidean one.
 */
final class TripletLoss implements SiameseLoss {

    private final float margin;
    private final Distance distance;

    TripletLoss(float margin, Distance distance) {
        this.margin = margin;
        this.distance = distance;
    }

    @Override
    public TrainingInput input() {
        return TrainingInput.TRIPLETS;
    }

    @Override
    public NDArray compute(NDList embeddings, NDArray labels) {
        if (embeddings.size() != 3) {
            throw new IllegalArgumentException(
                    "the triplet loss needs (anchor, positive, negative), got "
                            + embeddings.size() + " arrays");
        }
        NDArray anchor = embeddings.get(0);
        NDArray positive = distance.between(anchor, embeddings.get(1));
        NDArray negative = distance.between(anchor, embeddings.get(2));
        return positive.sub(negative).add(margin).maximum(0f).mean();
    }
}
