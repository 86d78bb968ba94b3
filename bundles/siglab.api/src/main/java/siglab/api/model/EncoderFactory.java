package siglab.api.model;

import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;
import siglab.api.Configurable;

/**
 * Builds an encoder: a DJL {@link Block} mapping images (N, C, H, W) to embeddings (N, D).
 *
 * <p>An implementation must return a fresh, uninitialised block on every call (one experiment may
 * build several); the block must accept the input shape it is given and may assume nothing else
 * about the data. Registered as a service with {@link siglab.api.SigLab#TYPE}.
 *
 * @param <C> its config record
 */
public interface EncoderFactory<C extends Record> extends Configurable<C> {

    /**
     * Builds the encoder.
     *
     * @param config the bound config
     * @param imageShape the shape of one input image: (channels, height, width)
     */
    Block create(C config, Shape imageShape);
}
