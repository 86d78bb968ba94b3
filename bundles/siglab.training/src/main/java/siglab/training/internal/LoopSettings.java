package siglab.training.internal;

/**
 * What every Siamese loop needs besides its sampling: how long to train and how.
 *
 * @param epochs last epoch, 1-based
 * @param batch samples (pairs or triplets) per batch
 * @param stepsPerEpoch batches per epoch, or null for one pass over the anchors
 * @param optimizer the optimizer
 */
record LoopSettings(int epochs, int batch, Integer stepsPerEpoch, OptimizerConfig optimizer) {

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
}
