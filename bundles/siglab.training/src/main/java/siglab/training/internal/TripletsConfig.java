package siglab.training.internal;

import siglab.api.Doc;

/**
 * Config of the {@code triplets} training loop.
 *
 * @param epochs number of epochs
 * @param batch triplets per batch
 * @param stepsPerEpoch batches per epoch; null for enough to use each genuine image about once
 *     as an anchor
 * @param optimizer the optimizer
 * @param negatives where negatives come from: forgery, other-writer or mixed
 * @param earlyStopping when to stop before the last epoch
 * @param augment distortions of training images
 * @param epoch what one epoch covers once: anchors (each genuine image as an anchor) or pairs
 *     (every genuine pair of the training writers as anchor and positive)
 */
@Doc("Trains on (anchor, positive, negative) triplets, as the seed notebook does.")
public record TripletsConfig(
        @Doc("Number of epochs.")
        Integer epochs,
        @Doc("Triplets per batch.")
        Integer batch,
        @Doc("Batches per epoch; empty for enough to use each training genuine image about once as an anchor.")
        Integer stepsPerEpoch,
        @Doc("The optimizer, its learning-rate schedule and gradient clipping.")
        OptimizerConfig optimizer,
        @Doc("Negatives: forgery (of the anchor's writer), other-writer (another writer's genuine) or mixed (half each).")
        String negatives,
        @Doc("Stops training when a validation metric stops improving.")
        EarlyStoppingConfig earlyStopping,
        @Doc("Random distortions of the training images.")
        AugmentConfig augment,
        @Doc("What one epoch covers once: anchors (each training genuine image as an anchor) or pairs (every genuine-genuine pair of the training writers as anchor and positive, in random order, with a sampled negative).")
        String epoch) {

    /** A config whose epoch covers the anchors. */
    public TripletsConfig(Integer epochs, Integer batch, Integer stepsPerEpoch, OptimizerConfig optimizer,
            String negatives, EarlyStoppingConfig earlyStopping, AugmentConfig augment) {
        this(epochs, batch, stepsPerEpoch, optimizer, negatives, earlyStopping, augment, null);
    }

    public TripletsConfig {
        epochs = epochs == null ? 10 : epochs;
        batch = batch == null ? 32 : batch;
        optimizer = LoopSettings.optimizerOrDefault(optimizer);
        negatives = Negatives.parse(negatives).yamlName();
        earlyStopping = LoopSettings.earlyStoppingOrDefault(earlyStopping);
        augment = LoopSettings.augmentOrDefault(augment);
        epoch = EpochLength.parse(epoch).yamlName();
        LoopSettings.validate(epochs, batch, stepsPerEpoch);
        LoopSettings.validateEpoch(epoch, stepsPerEpoch);
    }
}
