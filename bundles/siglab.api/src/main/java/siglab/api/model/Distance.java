package siglab.api.model;

import ai.djl.ndarray.NDArray;

/**
 * How far apart two embeddings are. This is a definition, so the formula lives with the name:
 * every part of SigLab that scores a pair must agree on it.
 */
public enum Distance {
    /** ||a - b||. */
    EUCLIDEAN,
    /** ||a - b||², as in the seed notebook. */
    SQUARED_EUCLIDEAN,
    /** 1 - a·b / (||a|| ||b||). */
    COSINE;

    /** Row-wise distances of two (N, D) arrays: an (N) array. */
    public NDArray between(NDArray a, NDArray b) {
        switch (this) {
            case EUCLIDEAN:
                return a.sub(b).square().sum(new int[] {1}).add(1e-12f).sqrt();
            case SQUARED_EUCLIDEAN:
                return a.sub(b).square().sum(new int[] {1});
            default:
                NDArray dot = a.mul(b).sum(new int[] {1});
                NDArray norms = a.norm(new int[] {1}).mul(b.norm(new int[] {1})).add(1e-12f);
                return dot.div(norms).neg().add(1f);
        }
    }

    /** The distance of two embeddings held in plain arrays. */
    public double between(float[] a, float[] b) {
        double squared = 0;
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            squared += d * d;
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        switch (this) {
            case EUCLIDEAN:
                return Math.sqrt(squared);
            case SQUARED_EUCLIDEAN:
                return squared;
            default:
                return 1 - dot / (Math.sqrt(normA * normB) + 1e-12);
        }
    }

    /** The YAML spelling: lower case with dashes. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
