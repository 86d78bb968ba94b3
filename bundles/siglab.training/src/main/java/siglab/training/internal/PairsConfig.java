package siglab.training.internal;

import siglab.api.Doc;

/**
 * Config of the {@code pairs} training loop.
 *
 * @param epochs number of epochs
 * @param batch pairs per batch
 * @param stepsPerEpoch batches per epoch; null for enough to use each genuine image about once
 *     as a pair's first image
 * @param optimizer the optimizer
 * @param negatives where the second image of a negative pair comes from
 * @param positiveFraction share of genuine pairs in a batch
 * @param earlyStopping when to stop before the last epoch
 * @param augment distortions of training images
 * @param epoch what one epoch covers once: anchors (each genuine image as a pair's first image)
 *     or pairs (every genuine pair of the training writers, each batch with its negatives)
 */
@Doc("Trains on labelled pairs: genuine pairs of one writer and negative pairs.")
public record PairsConfig(
        @Doc("Number of epochs.")
        Integer epochs,
        @Doc("Pairs per batch.")
        Integer batch,
        @Doc("Batches per epoch; empty for enough to use each training genuine image about once as a pair's first image.")
        Integer stepsPerEpoch,
        @Doc("The optimizer, its learning-rate schedule and gradient clipping.")
        OptimizerConfig optimizer,
        @Doc("Negative pairs: forgery (of the first image's writer), other-writer (another writer's genuine) or mixed (half each).")
        String negatives,
        @Doc("Share of genuine pairs in a batch.")
        Double positiveFraction,
        @Doc("Stops training when a validation metric stops improving.")
        EarlyStoppingConfig earlyStopping,
        @Doc("Random distortions of the training images.")
        AugmentConfig augment,
        @Doc("What one epoch covers once: anchors (each training genuine image as a pair's first image) or pairs (every genuine-genuine pair of the training writers, each batch with round(batch x positive-fraction) of them and the rest negatives).")
        String epoch) {

    /** A config whose epoch covers the anchors. */
    public PairsConfig(Integer epochs, Integer batch, Integer stepsPerEpoch, OptimizerConfig optimizer,
            String negatives, Double positiveFraction, EarlyStoppingConfig earlyStopping,
            AugmentConfig augment) {
        this(epochs, batch, stepsPerEpoch, optimizer, negatives, positiveFraction, earlyStopping,
                augment, null);
    }

    public PairsConfig {
        epochs = epochs == null ? 10 : epochs;
        batch = batch == null ? 32 : batch;
        optimizer = LoopSettings.optimizerOrDefault(optimizer);
        negatives = Negatives.parse(negatives).yamlName();
        positiveFraction = positiveFraction == null ? 0.5 : positiveFraction;
        earlyStopping = LoopSettings.earlyStoppingOrDefault(earlyStopping);
        augment = LoopSettings.augmentOrDefault(augment);
        epoch = EpochLength.parse(epoch).yamlName();
        LoopSettings.validate(epochs, batch, stepsPerEpoch);
        LoopSettings.validateEpoch(epoch, stepsPerEpoch);
        if (!(positiveFraction > 0 && positiveFraction < 1)) {
            throw new IllegalArgumentException(
                    "positive-fraction must be in (0, 1), got " + positiveFraction);
        }
        if (EpochLength.parse(epoch) == EpochLength.PAIRS
                && (Math.round(batch * positiveFraction) < 1 || Math.round(batch * positiveFraction) >= batch)) {
            throw new IllegalArgumentException("epoch: pairs needs a batch with both genuine and negative pairs:"
                    + " batch (" + batch + ") x positive-fraction (" + positiveFraction + ") must round to 1.."
                    + (batch - 1));
        }
    }
}
