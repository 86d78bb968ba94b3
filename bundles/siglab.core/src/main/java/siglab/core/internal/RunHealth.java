package siglab.core.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import siglab.api.model.ValidationKeys;

/**
 * Signs that training went wrong while the numbers stayed finite, checked from what validation
 * measures: the embeddings collapsing to one point, and an encoder that ends up worse than it
 * started. Each finding is a {@link Warning}; the run logs it, lists it under "health" in
 * provenance.json, and the report and {@code siglab runs} show it.
 */
final class RunHealth {

    /** Name of the collapse check, as stored in provenance.json. */
    static final String COLLAPSE = "collapse";
    /** Name of the check that the evaluated encoder beats the untrained one on validation. */
    static final String BELOW_UNTRAINED = "below-untrained";

    /**
     * Below this {@link ValidationKeys#EMBEDDING_SPREAD} the embeddings are near one point: every
     * validation image lies within about a tenth of the embeddings' length of their common mean
     * (for unit-length embeddings, within about 6 degrees of it), so distances carry little but
     * noise.
     */
    static final double COLLAPSE_SPREAD = 0.1;

    /**
     * Collapse is something training does: the spread must also have fallen below this share of
     * the untrained encoder's. Some untrained encoders already have little spread (seed-cnn on
     * CEDAR starts at 0.07 with a validation AUC of 0.77) and training spreads them out; such a
     * start is not a collapse.
     */
    static final double COLLAPSE_SHRINK = 0.5;

    /** One finding: which check, the epoch it concerns, and what to tell the user. */
    record Warning(String check, int epoch, String message) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("check", check);
            json.put("epoch", epoch);
            json.put("message", message);
            return json;
        }
    }

    private RunHealth() {}

    /**
     * True when an epoch's validation metrics say the embeddings collapsed: their spread is below
     * {@link #COLLAPSE_SPREAD} and below {@link #COLLAPSE_SHRINK} times {@code untrainedSpread}
     * (the untrained encoder's spread on the same images; NaN when unknown, and then the first
     * condition decides alone).
     */
    static boolean collapsed(Map<String, Double> validation, double untrainedSpread) {
        Double spread = validation.get(ValidationKeys.EMBEDDING_SPREAD);
        return spread != null && spread < COLLAPSE_SPREAD
                && !(spread >= COLLAPSE_SHRINK * untrainedSpread);
    }

    /**
     * The collapse warning for an epoch, or null when its embeddings did not collapse or had
     * already collapsed at the epoch before ({@code collapsedBefore}): one warning per collapse,
     * not one per epoch that stays collapsed.
     */
    static Warning collapse(int epoch, Map<String, Double> validation, double untrainedSpread,
            boolean collapsedBefore) {
        if (collapsedBefore || !collapsed(validation, untrainedSpread)) {
            return null;
        }
        return new Warning(COLLAPSE, epoch, String.format(Locale.ROOT,
                "the embeddings collapsed at epoch %d: validation embeddings spread %.3f around their mean,"
                        + " relative to their length (untrained %.3f; collapse is below %.1f and below %.0f%% of"
                        + " the untrained spread), d(a,p) %.3f±%.3f, d(a,n) %.3f±%.3f; the encoder maps every"
                        + " signature to nearly the same point",
                epoch, validation.get(ValidationKeys.EMBEDDING_SPREAD), untrainedSpread, COLLAPSE_SPREAD,
                100 * COLLAPSE_SHRINK, value(validation, ValidationKeys.AP_MEAN),
                value(validation, ValidationKeys.AP_SD), value(validation, ValidationKeys.AN_MEAN),
                value(validation, ValidationKeys.AN_SD)));
    }

    /**
     * The warning when the encoder evaluated on test writers (of epoch {@code epoch}) has a lower
     * validation AUC than the untrained encoder had on the same validation triplets, or null.
     */
    static Warning belowUntrained(int epoch, double auc, double untrainedAuc) {
        if (!(auc < untrainedAuc)) {
            return null;
        }
        return new Warning(BELOW_UNTRAINED, epoch, String.format(Locale.ROOT,
                "the evaluated encoder (epoch %d) has a validation AUC of %.3f, below the untrained"
                        + " encoder's %.3f: training made it worse at telling genuine signatures from"
                        + " forgeries of the validation writers",
                epoch, auc, untrainedAuc));
    }

    private static double value(Map<String, Double> validation, String key) {
        return validation.getOrDefault(key, Double.NaN);
    }
}
