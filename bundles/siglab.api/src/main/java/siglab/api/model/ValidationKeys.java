package siglab.api.model;

/** Names of the per-epoch validation metrics that the core computes on validation writers. */
public final class ValidationKeys {
    /** Share of validation triplets with d(anchor, positive) &lt; d(anchor, negative). */
    public static final String TRIPLET_ACCURACY = "triplet_accuracy";
    /** Mean of d(anchor, positive). */
    public static final String AP_MEAN = "ap_mean";
    /** Standard deviation of d(anchor, positive). */
    public static final String AP_SD = "ap_sd";
    /** Mean of d(anchor, negative). */
    public static final String AN_MEAN = "an_mean";
    /** Standard deviation of d(anchor, negative). */
    public static final String AN_SD = "an_sd";
    /** Area under the ROC curve of validation pairs. */
    public static final String AUC = "auc";
    /** Number of validation triplets behind these numbers. */
    public static final String TRIPLETS = "triplets";
    /**
     * How far the validation embeddings spread around their mean, relative to their length:
     * sqrt(sum over dimensions of Var(e_j) / mean(||e||²)), in [0, 1]. 0 when every image has the
     * same embedding (collapse), 1 when the embeddings' mean is the origin; the core warns when it
     * falls near 0.
     *
     * @since 1.3
     */
    public static final String EMBEDDING_SPREAD = "embedding_spread";

    private ValidationKeys() {}
}
