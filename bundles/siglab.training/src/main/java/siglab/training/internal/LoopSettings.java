package siglab.training.internal;

/**
 * What every Siamese loop needs besides its sampling: how long to train and how.
 *
 * @param epochs last epoch, 1-based
 * @param batch samples (pairs or triplets) per batch
 * @param stepsPerEpoch batches per epoch, or null for one pass over the anchors
 * @param optimizer the optimizer and its schedule
 * @param earlyStopping when to stop before the last epoch
 * @param augment distortions of training images
 * @param epoch what one epoch covers once (when {@code stepsPerEpoch} is null)
 */
record LoopSettings(int epochs, int batch, Integer stepsPerEpoch, OptimizerConfig optimizer,
        EarlyStoppingConfig earlyStopping, AugmentConfig augment, EpochLength epoch) {

    /** Settings whose epoch covers the anchors. */
    LoopSettings(int epochs, int batch, Integer stepsPerEpoch, OptimizerConfig optimizer,
            EarlyStoppingConfig earlyStopping, AugmentConfig augment) {
        this(epochs, batch, stepsPerEpoch, optimizer, earlyStopping, augment, EpochLength.ANCHORS);
    }

    /** Checks the epoch's length: {@code steps-per-epoch} and {@code epoch: pairs} exclude each other. */
    static void validateEpoch(String epoch, Integer stepsPerEpoch) {
        if (EpochLength.parse(epoch) == EpochLength.PAIRS && stepsPerEpoch != null) {
            throw new IllegalArgumentException("epoch: pairs sets the epoch's length (every genuine pair"
                    + " once); leave steps-per-epoch out, or use epoch: anchors");
        }
    }

    static void validate(int epochs, int batch, Integer stepsPerEpoch) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (stepsPerEpoch != null && stepsPerEpoch < 1) {
            throw new IllegalArgumentException(
                    "steps-per-epoch must be at least 1 (or left out), got " + stepsPerEpoch);
        }
    }

    static OptimizerConfig optimizerOrDefault(OptimizerConfig optimizer) {
        return optimizer == null ? new OptimizerConfig(null, null, null, null, null, null) : optimizer;
    }

    static EarlyStoppingConfig earlyStoppingOrDefault(EarlyStoppingConfig earlyStopping) {
        return earlyStopping == null ? new EarlyStoppingConfig(null, null, null) : earlyStopping;
    }

    static AugmentConfig augmentOrDefault(AugmentConfig augment) {
        return augment == null ? new AugmentConfig(null, null, null, null, null, null) : augment;
    }
}
