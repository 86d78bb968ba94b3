package siglab.api.model;

import siglab.api.Configurable;

/**
 * Runs epochs: samples pairs or triplets from {@link TrainingContext#trainingImages()}, as the
 * loss asks, and updates the model's parameters.
 *
 * <p>An implementation must call {@link TrainingContext#endEpoch} once after every epoch (since
 * 1.3 preferably with its training statistics, see {@link TrainingKeys}), start
 * at {@link TrainingContext#firstEpoch()}, check {@link TrainingContext#stopRequested()} between
 * batches and return promptly when it is set, draw all randomness from
 * {@link TrainingContext#random()}, and release the native memory of every batch before the next.
 * It must throw {@link IllegalArgumentException} when the loss needs input it cannot produce, and
 * should stop with an exception whose message names the epoch and the step when the loss or the
 * gradients stop being finite numbers, rather than train on.
 * Registered as a service with {@link siglab.api.SigLab#TYPE}.
 *
 * @param <C> its config record
 */
public interface TrainingLoop<C extends Record> extends Configurable<C> {

    /** Number of epochs that {@code config} asks for, so the core can tell a finished run. */
    int epochs(C config);

    /** Trains until the configured number of epochs is reached or a stop is requested. */
    void train(C config, TrainingContext context) throws Exception;

    /**
     * Whether this loop trains with the experiment's {@code loss:} section. A loop that brings an
     * objective of its own, such as writer classification with a head it owns, returns false: the
     * core then neither binds nor builds a loss (a {@code loss:} section is ignored, and said so in
     * the run's log), {@link TrainingContext#loss()} is null, and pairs are scored by the distance.
     *
     * @param config the bound config
     * @since 1.3
     */
    default boolean usesLoss(C config) {
        return true;
    }
}
