package siglab.losses.internal;

import ai.djl.ndarray.NDArray;
import siglab.api.model.Distance;

/** The matrix of distances between every two rows of a batch of embeddings. */
final class PairwiseDistances {

    private PairwiseDistances() {}

    /**
     * The (R, C) matrix of {@code distance} between each of the (R, D) {@code rows} and each of
     * the (C, D) {@code columns}, with the same formulas as
     * {@link Distance#between(NDArray, NDArray)}.
     *
     * <p>Euclidean distances come from the broadcast differences rather than from
     * ||a||² + ||b||² - 2 a·b: the expansion cancels catastrophically for close rows, and the
     * square root then turns a rounding error of 1e-7 into a distance of 3e-4 with a huge
     * gradient. The (M, M, D) intermediate is small at the batch sizes SigLab trains with.
     */
    static NDArray between(NDArray rows, NDArray columns, Distance distance) {
        switch (distance) {
            case COSINE:
                return unit(rows).matMul(unit(columns).transpose()).neg().add(1f);
            case SQUARED_EUCLIDEAN:
                return squared(rows, columns);
            default:
                return squared(rows, columns).add(1e-12f).sqrt();
        }
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-12f));
    }

    private static NDArray squared(NDArray rows, NDArray columns) {
        return rows.expandDims(1).sub(columns.expandDims(0)).square().sum(new int[] {2});
    }
}
