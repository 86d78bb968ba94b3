package siglab.training.internal;

import siglab.api.model.EpochRecord;

/** Follows the validation metric epoch by epoch and says when to stop (see {@link EarlyStoppingConfig}). */
final class EarlyStopping {

    private final EarlyStoppingConfig config;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    EarlyStopping(EarlyStoppingConfig config) {
        this.config = config;
    }

    /**
     * Takes the record of an ended epoch; returns a message saying why training should stop, or
     * null to go on. Epochs without the metric (no validation writers) neither improve nor count.
     */
    String update(EpochRecord record) {
        if (!config.enabled()) {
            return null;
        }
        Double value = record.validation().get(config.validationKey());
        if (value == null || value.isNaN()) {
            return null;
        }
        if (value > best + config.minDelta()) {
            best = value;
            bestEpoch = record.epoch();
            epochsWithoutImprovement = 0;
            return null;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement < config.patience()) {
            return null;
        }
        return String.format(java.util.Locale.ROOT,
                "early stopping after epoch %d: validation %s has not improved on %.4f (epoch %d)"
                        + " by more than %s for %d epochs",
                record.epoch(), config.metric(), best, bestEpoch, config.minDelta(),
                epochsWithoutImprovement);
    }
}
