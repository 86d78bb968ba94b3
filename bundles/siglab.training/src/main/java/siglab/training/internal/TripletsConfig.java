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
 */
@Doc("Trains on (anchor, positive, negative) triplets, as the seed notebook does.")
public record TripletsConfig(
        @Doc("Number of epochs.")
        Integer epochs,
        @Doc("Triplets per batch.")
        Integer batch,
        @Doc("Batches per epoch; empty for enough to use each training genuine image about once as an anchor.")
        Integer stepsPerEpoch,
        @Doc("The optimizer.")
        OptimizerConfig optimizer,
        @Doc("Negatives: forgery (of the anchor's writer), other-writer (another writer's genuine) or mixed (half each).")
        String negatives) {

    public TripletsConfig {
        epochs = epochs == null ? 10 : epochs;
        batch = batch == null ? 32 : batch;
        optimizer = optimizer == null ? new OptimizerConfig(null, null, null, null) : optimizer;
        negatives = Negatives.parse(negatives).yamlName();
        LoopSettings.validate(epochs, batch, stepsPerEpoch);
    }
}
