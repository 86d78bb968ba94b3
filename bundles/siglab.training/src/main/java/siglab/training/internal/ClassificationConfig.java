package siglab.training.internal;

import java.util.Locale;
import java.util.Set;
import siglab.api.Doc;

/**
 * Config of the {@code classification} training loop.
 *
 * @param epochs number of epochs
 * @param batch images per batch
 * @param stepsPerEpoch batches per epoch; null for every training image once
 * @param head softmax (a linear layer with bias) or arcface (additive angular margin on
 *     L2-normalised embeddings and class weights)
 * @param scale for arcface: the scale s of the cosine logits (default 30)
 * @param margin for arcface: the additive angular margin m, in radians (default 0.5)
 * @param forgeries ignore (classes are the writers' genuine signatures) or classes (each writer's
 *     forgeries are a class of their own)
 * @param labelSmoothing share of the target spread evenly over all classes
 * @param optimizer the optimizer of the encoder and the head
 * @param earlyStopping when to stop before the last epoch
 * @param augment distortions of training images
 */
@Doc("Trains the encoder to tell the training writers apart: a softmax or ArcFace head on the embedding.")
public record ClassificationConfig(
        @Doc("Number of epochs; each uses every training image once.")
        Integer epochs,
        @Doc("Images per batch (the last batches of an epoch may hold one fewer).")
        Integer batch,
        @Doc("Batches per epoch, drawn in turn from the shuffled training images; empty for every training image once.")
        Integer stepsPerEpoch,
        @Doc("The classifier on the embedding: softmax (linear layer with bias) or arcface (additive angular margin, Deng et al. 2019).")
        String head,
        @Doc("For head: arcface only: the scale s of the cosine logits; default 30.")
        Double scale,
        @Doc("For head: arcface only: the additive angular margin m in radians, in [0, pi/2); default 0.5.")
        Double margin,
        @Doc("ignore (the classes are the training writers) or classes (each training writer's forgeries are one more class, as SigNet-F).")
        String forgeries,
        @Doc("Label smoothing: this share of each target is spread evenly over all classes; 0 for none.")
        Double labelSmoothing,
        @Doc("The optimizer of the encoder and the head, its learning-rate schedule and gradient clipping.")
        OptimizerConfig optimizer,
        @Doc("Stops training when a validation metric stops improving.")
        EarlyStoppingConfig earlyStopping,
        @Doc("Random distortions of the training images.")
        AugmentConfig augment) {

    /** A linear layer with bias on the embedding, then softmax cross-entropy. */
    public static final String SOFTMAX = "softmax";
    /** Additive angular margin: s cos(theta_y + m) for the target, s cos(theta_j) for the others. */
    public static final String ARCFACE = "arcface";
    /** Forgeries take no part in training. */
    public static final String IGNORE = "ignore";
    /** Each training writer's forgeries form a class of their own. */
    public static final String CLASSES = "classes";

    private static final Set<String> HEADS = Set.of(SOFTMAX, ARCFACE);
    private static final Set<String> FORGERIES = Set.of(IGNORE, CLASSES);

    public ClassificationConfig {
        epochs = epochs == null ? 10 : epochs;
        batch = batch == null ? 32 : batch;
        head = head == null ? SOFTMAX : head.trim().toLowerCase(Locale.ROOT);
        forgeries = forgeries == null ? IGNORE : forgeries.trim().toLowerCase(Locale.ROOT);
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        optimizer = LoopSettings.optimizerOrDefault(optimizer);
        earlyStopping = LoopSettings.earlyStoppingOrDefault(earlyStopping);
        augment = LoopSettings.augmentOrDefault(augment);
        LoopSettings.validate(epochs, batch, stepsPerEpoch);
        if (!HEADS.contains(head)) {
            throw new IllegalArgumentException("head must be softmax or arcface, got " + head);
        }
        if (head.equals(ARCFACE)) {
            scale = scale == null ? 30.0 : scale;
            margin = margin == null ? 0.5 : margin;
            if (!(scale > 0) || scale.isInfinite()) {
                throw new IllegalArgumentException("scale must be a finite number > 0, got " + scale);
            }
            if (!(margin >= 0 && margin < Math.PI / 2)) {
                throw new IllegalArgumentException("margin must be in [0, pi/2) radians, got " + margin);
            }
        } else if (scale != null || margin != null) {
            throw new IllegalArgumentException((scale != null ? "scale" : "margin")
                    + " is a setting of head: arcface; the softmax head takes neither scale nor margin");
        }
        if (!FORGERIES.contains(forgeries)) {
            throw new IllegalArgumentException("forgeries must be ignore or classes, got " + forgeries);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label-smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }
}
