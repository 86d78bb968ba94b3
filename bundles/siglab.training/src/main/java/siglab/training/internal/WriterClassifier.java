package siglab.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The classifier of the {@code classification} loop: a head of K class weights on the encoder's
 * D-dimensional embedding, and the cross-entropy that trains both.
 *
 * <pre>
 * softmax:  z = e W^T + b
 * arcface:  c_j = (e / ||e||) . (W_j / ||W_j||) = cos(theta_j)
 *           z_j = s cos(theta_j + m)  for the target class j = y  (Deng et al. 2019),
 *           z_j = s cos(theta_j)      otherwise
 * loss:     L = -mean_n sum_j q_nj log softmax(z_n)_j,   q = (1 - eps) onehot(y) + eps / K
 * </pre>
 *
 * <p>cos(theta + m) is computed as c cos m - sqrt(1 - c^2) sin m with c clipped just inside
 * [-1, 1] (MXNet has no {@code normalize}, so the norms are written out). Where theta + m would pass
 * pi the target logit would rise again as theta grows; there, as in the authors' code, it
 * continues as c - m sin m, which keeps the logit decreasing in theta. A prediction is the class
 * of the largest logit without the margin.
 */
final class WriterClassifier {

    private static final float CLIP = 1e-6f;

    private final Block head;
    private final boolean arcface;
    private final float scale;
    private final float cosMargin;
    private final float sinMargin;
    private final float threshold;
    private final float fallback;
    private final float smoothing;
    private final int classes;

    /**
     * @param config the loop's config (head, scale, margin, label smoothing)
     * @param classes number of classes K
     */
    WriterClassifier(ClassificationConfig config, int classes) {
        this.classes = classes;
        this.arcface = config.head().equals(ClassificationConfig.ARCFACE);
        this.head = Linear.builder().setUnits(classes).optBias(!arcface).build();
        double margin = arcface ? config.margin() : 0;
        this.scale = arcface ? config.scale().floatValue() : 1f;
        this.cosMargin = (float) Math.cos(margin);
        this.sinMargin = (float) Math.sin(margin);
        this.threshold = (float) Math.cos(Math.PI - margin);
        this.fallback = (float) (Math.sin(Math.PI - margin) * margin);
        this.smoothing = config.labelSmoothing().floatValue();
    }

    /** The head's block: K class weights (and biases for softmax); the core checkpoints it. */
    Block head() {
        return head;
    }

    int classes() {
        return classes;
    }

    /** The result of one batch: the mean loss (for backward) and the margin-free logits (N, K). */
    record Output(NDArray loss, NDArray logits) {}

    /**
     * The loss of a batch of embeddings (N, D) whose classes are {@code labels}; arrays it makes
     * attach to the embeddings' manager.
     */
    Output forward(NDArray embeddings, int[] labels) {
        NDArray plain;
        NDArray logits;
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        NDArray target = embeddings.getManager().create(oneHot,
                new ai.djl.ndarray.types.Shape(labels.length, classes));
        if (arcface) {
            NDArray weight = head.getParameters().get("weight").getArray();
            NDArray cosine = unit(embeddings).matMul(unit(weight).transpose())
                    .clip(-1f + CLIP, 1f - CLIP);
            NDArray sine = cosine.square().neg().add(1f).sqrt();
            NDArray withMargin = cosine.mul(cosMargin).sub(sine.mul(sinMargin));
            NDArray inRange = cosine.gt(threshold).toType(DataType.FLOAT32, false);
            NDArray targetCosine = withMargin.mul(inRange)
                    .add(cosine.sub(fallback).mul(inRange.neg().add(1f)));
            plain = cosine.mul(scale);
            logits = target.mul(targetCosine).add(target.neg().add(1f).mul(cosine)).mul(scale);
        } else {
            plain = head.forward(new ParameterStore(embeddings.getManager(), false),
                    new NDList(embeddings), true).singletonOrThrow();
            logits = plain;
        }
        NDArray smoothed = smoothing == 0f ? target : target.mul(1f - smoothing).add(smoothing / classes);
        NDArray loss = smoothed.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg().mean();
        return new Output(loss, plain);
    }

    /** How many rows of {@code logits} (N, K) have their largest value at their label. */
    static int correct(float[] logits, int[] labels, int classes) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (logits[i * classes + j] > logits[i * classes + best]) {
                    best = j;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return correct;
    }

    /** Rows scaled to unit length. */
    private static NDArray unit(NDArray rows) {
        return rows.div(rows.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }
}
