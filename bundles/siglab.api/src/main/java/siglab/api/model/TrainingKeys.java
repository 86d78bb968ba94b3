package siglab.api.model;

/**
 * Names of the per-epoch training statistics that a training loop may hand the core through
 * {@link TrainingContext#endEpoch(int, double, long, double, java.util.Map)}; the core records them
 * in the run's history beside the validation metrics.
 *
 * @since 1.3
 */
public final class TrainingKeys {
    /**
     * Mean over the epoch's updates of the global L2 norm of all parameter gradients,
     * sqrt(sum over parameters of sum(g²)), taken after backward and before the optimizer (so
     * before any clipping).
     */
    public static final String GRADIENT_NORM = "grad_norm";
    /** The largest global gradient norm of one update in the epoch. */
    public static final String GRADIENT_NORM_MAX = "grad_norm_max";
    /** The learning rate of the epoch's last update, as the schedule set it. */
    public static final String LEARNING_RATE = "lr";
    /**
     * For a loop that trains a classifier (writer classification): the share of the epoch's
     * training images that the classifier labelled right, each judged in its batch before that
     * batch's update.
     */
    public static final String CLASSIFIER_ACCURACY = "train_accuracy";

    private TrainingKeys() {}
}
