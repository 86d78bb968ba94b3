package siglab.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

/**
 * The contrastive loss of Hadsell, Chopra and LeCun (2006):
 *
 * <pre>
 * L = mean over the batch of  y d² / 2  +  (1 - y) max(margin - d, 0)² / 2
 * </pre>
 *
 * <p>with y = 1 for a genuine pair of one writer and 0 otherwise, and d the experiment's
 * {@link Distance} (Euclidean in the paper; with the squared Euclidean distance d² is its fourth
 * power, which still trains but calls for a different margin).
 */
final class ContrastiveLoss implements SiameseLoss {

    private final float margin;
    private final Distance distance;

    ContrastiveLoss(float margin, Distance distance) {
        this.margin = margin;
        this.distance = distance;
    }

    @Override
    public TrainingInput input() {
        return TrainingInput.PAIRS;
    }

    @Override
    public NDArray compute(NDList embeddings, NDArray labels) {
        if (embeddings.size() != 2 || labels == null) {
            throw new IllegalArgumentException(
                    "the contrastive loss needs (first, second) embeddings and labels");
        }
        NDArray d = distance.between(embeddings.get(0), embeddings.get(1));
        NDArray same = labels.toType(DataType.FLOAT32, false).reshape(d.getShape());
        NDArray pull = same.mul(d.square());
        NDArray push = same.neg().add(1f).mul(d.neg().add(margin).maximum(0f).square());
        return pull.add(push).div(2f).mean();
    }
}
