package siglab.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import siglab.api.model.Distance;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

/**
 * The triplet loss of Schroff, Kalenichenko and Philbin (FaceNet, 2015), with optional online
 * mining inside the batch:
 *
 * <pre>
 * none:       mean over the sampled triplets of max(d(a, p) - d(a, n) + margin, 0)
 * batch-hard: mean over anchors a of max(max_p d(a, p) - min_n d(a, n) + margin, 0)
 * batch-all:  sum over all valid (a, p, n) of max(d(a, p) - d(a, n) + margin, 0),
 *             divided by the number of those terms that are above zero
 * semi-hard:  mean over pairs (a, p) of max(d(a, p) - d(a, n*) + margin, 0), where n* is the
 *             nearest negative farther from a than p, or the farthest negative if none is
 * </pre>
 *
 * <p>with d the experiment's {@link Distance}; the seed notebook uses the squared Euclidean one.
 * Batch-hard and batch-all are from Hermans, Beyer and Leibe (2017), semi-hard from Schroff et al.
 * (2015) as TensorFlow implements it.
 *
 * <p>Mining looks at all 3N embeddings of a batch of N triplets, grouped by the class ids the
 * loop passes: positives of an anchor share its id, negatives have another. Anchors are the
 * batch's anchors and positives (the images of the writers being trained); its negatives serve
 * only as negatives, so that two forgeries of one writer, which share an id, are never pulled
 * together. Without masks on gather (which the MXNet engine lacks), the choices are made with
 * 0/1 masks, and max and min along an axis.
 */
final class TripletLoss implements SiameseLoss {

    private final float margin;
    private final Distance distance;
    private final String mining;

    TripletLoss(float margin, Distance distance, String mining) {
        this.margin = margin;
        this.distance = distance;
        this.mining = mining;
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
        if (TripletConfig.NONE.equals(mining)) {
            NDArray anchor = embeddings.get(0);
            NDArray positive = distance.between(anchor, embeddings.get(1));
            NDArray negative = distance.between(anchor, embeddings.get(2));
            return positive.sub(negative).add(margin).maximum(0f).mean();
        }
        long n = embeddings.get(0).getShape().get(0);
        if (labels == null || labels.getShape().dimension() != 2 || labels.getShape().get(0) != n
                || labels.getShape().get(1) != 3) {
            throw new IllegalArgumentException("mining=" + mining
                    + " needs the (N, 3) class ids of each triplet, which the triplets loop passes;"
                    + " got " + (labels == null ? "none" : labels.getShape().toString()));
        }
        // Ids in the order of the concatenated embeddings: anchors, positives, negatives.
        NDArray ids = labels.toType(DataType.FLOAT32, false).transpose().reshape(-1);
        NDArray all = NDArrays.concat(embeddings);
        NDArray anchors = all.get("0:" + (2 * n));
        NDArray anchorIds = ids.get("0:" + (2 * n));
        NDArray d = PairwiseDistances.between(anchors, all, distance);
        NDManager manager = d.getManager();
        NDArray same = anchorIds.expandDims(1).eq(ids.expandDims(0)).toType(DataType.FLOAT32, false);
        NDArray notSelf = manager.eye((int) (2 * n), (int) (3 * n), 0, DataType.FLOAT32).neg().add(1f);
        NDArray positives = same.mul(notSelf);
        NDArray negatives = same.neg().add(1f);
        switch (mining) {
            case TripletConfig.BATCH_HARD:
                return batchHard(d, positives, negatives);
            case TripletConfig.BATCH_ALL:
                return batchAll(d, positives, negatives);
            default:
                return semiHard(d, positives, negatives);
        }
    }

    private NDArray batchHard(NDArray d, NDArray positives, NDArray negatives) {
        // Distances are >= 0, so zeroing the non-positives leaves the maximum among positives.
        NDArray hardestPositive = d.mul(positives).max(new int[] {1});
        NDArray hardestNegative = excludeFromMinimum(d, negatives).min(new int[] {1});
        NDArray valid = hasAny(positives).mul(hasAny(negatives));
        NDArray losses = hardestPositive.sub(hardestNegative).add(margin).maximum(0f).mul(valid);
        return losses.sum().div(valid.sum().maximum(1f));
    }

    private NDArray batchAll(NDArray d, NDArray positives, NDArray negatives) {
        // (A, P, 1) - (A, 1, N): every anchor, positive and negative at once.
        NDArray terms = d.expandDims(2).sub(d.expandDims(1)).add(margin).maximum(0f);
        NDArray valid = positives.expandDims(2).mul(negatives.expandDims(1));
        NDArray losses = terms.mul(valid);
        NDArray active = losses.gt(1e-16f).toType(DataType.FLOAT32, false).sum();
        return losses.sum().div(active.maximum(1f));
    }

    private NDArray semiHard(NDArray d, NDArray positives, NDArray negatives) {
        NDArray ap = d.expandDims(2); // (A, P, 1)
        NDArray an = d.expandDims(1); // (A, 1, N)
        NDArray outside = an.gt(ap).toType(DataType.FLOAT32, false).mul(negatives.expandDims(1));
        NDArray nearestOutside = excludeFromMinimum(an.broadcast(outside.getShape()), outside)
                .min(new int[] {2});
        NDArray hasOutside = outside.max(new int[] {2});
        NDArray farthest = d.mul(negatives).max(new int[] {1}, true); // (A, 1)
        NDArray chosen = hasOutside.mul(nearestOutside)
                .add(hasOutside.neg().add(1f).mul(farthest));
        NDArray losses = d.sub(chosen).add(margin).maximum(0f).mul(positives);
        return losses.sum().div(positives.sum().maximum(1f));
    }

    /** {@code d} where {@code mask} is 1, and more than every distance where it is 0. */
    private static NDArray excludeFromMinimum(NDArray d, NDArray mask) {
        NDArray beyond = d.max().stopGradient().add(1f);
        return d.add(mask.neg().add(1f).mul(beyond));
    }

    /** 1 for the rows of {@code mask} with at least one 1, else 0. */
    private static NDArray hasAny(NDArray mask) {
        return mask.max(new int[] {1});
    }
}
