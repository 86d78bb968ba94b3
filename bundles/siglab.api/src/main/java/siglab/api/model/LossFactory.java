package siglab.api.model;

import siglab.api.Configurable;

/**
 * Builds a loss on embeddings. An implementation returns a fresh loss on every call and declares
 * through {@link SiameseLoss#input()} whether it trains on pairs or triplets. Registered as a
 * service with {@link siglab.api.SigLab#TYPE}.
 *
 * @param <C> its config record
 */
public interface LossFactory<C extends Record> extends Configurable<C> {

    /**
     * Builds the loss.
     *
     * @param config the bound config
     * @param distance the experiment's distance between embeddings
     */
    SiameseLoss create(C config, Distance distance);
}
