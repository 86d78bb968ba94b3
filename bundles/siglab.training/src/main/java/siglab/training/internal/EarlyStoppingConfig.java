package siglab.training.internal;

import java.util.Locale;
import java.util.Map;
import siglab.api.Doc;
import siglab.api.model.ValidationKeys;

/**
 * When to stop before the last epoch: after {@code patience} epochs in which the validation
 * metric did not beat its best by more than {@code minDelta}.
 *
 * @param patience epochs without improvement before stopping; 0 turns early stopping off
 * @param minDelta how much a value must exceed the best so far to count as an improvement
 * @param metric the validation metric watched: auc or triplet-accuracy (both higher is better)
 */
@Doc("Stops training when the validation metric has not improved for some epochs.")
public record EarlyStoppingConfig(
        @Doc("Epochs without improvement before training stops; 0 turns early stopping off.")
        Integer patience,
        @Doc("How much the metric must exceed its best so far to count as an improvement.")
        Double minDelta,
        @Doc("Validation metric to watch, higher being better: auc or triplet-accuracy.")
        String metric) {

    /** YAML spelling of each watchable metric, and its key in the epoch's validation map. */
    private static final Map<String, String> METRICS = Map.of(
            "auc", ValidationKeys.AUC,
            "triplet-accuracy", ValidationKeys.TRIPLET_ACCURACY);

    public EarlyStoppingConfig {
        patience = patience == null ? 0 : patience;
        minDelta = minDelta == null ? 0.0 : minDelta;
        metric = metric == null ? "auc" : metric.trim().toLowerCase(Locale.ROOT);
        if (patience < 0) {
            throw new IllegalArgumentException(
                    "early-stopping.patience must be >= 0 (0 turns it off), got " + patience);
        }
        if (!(minDelta >= 0) || minDelta.isInfinite()) {
            throw new IllegalArgumentException(
                    "early-stopping.min-delta must be a finite number >= 0, got " + minDelta);
        }
        if (!METRICS.containsKey(metric)) {
            throw new IllegalArgumentException(
                    "early-stopping.metric must be auc or triplet-accuracy, got " + metric);
        }
    }

    /** Whether early stopping is on. */
    boolean enabled() {
        return patience > 0;
    }

    /** The key of the watched metric in {@link siglab.api.model.EpochRecord#validation()}. */
    String validationKey() {
        return METRICS.get(metric);
    }
}
