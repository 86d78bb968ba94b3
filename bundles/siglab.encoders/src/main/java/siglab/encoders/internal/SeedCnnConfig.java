package siglab.encoders.internal;

import java.util.Locale;
import siglab.api.Doc;

/**
 * Config of the {@code seed-cnn} encoder.
 *
 * @param width channels of the first convolution block; each further block doubles them
 * @param blocks number of convolution blocks (Conv 3x3, BatchNorm, ReLU, MaxPool 2x2)
 * @param pooling how the trunk's feature map becomes a vector: average or flatten
 * @param hidden units of the head's first dense layer
 * @param embedding size of the embedding
 * @param normalize whether embeddings are scaled to unit length
 * @param dropout dropout rate before the embedding layer; 0 for none
 */
@Doc("A small convolutional trunk followed by the seed notebook's dense head.")
public record SeedCnnConfig(
        @Doc("Channels of the first convolution block; each further block doubles them.")
        Integer width,
        @Doc("Number of convolution blocks, each Conv 3x3 + BatchNorm + ReLU + MaxPool 2x2.")
        Integer blocks,
        @Doc("How the trunk's feature map becomes a vector: average (global average pooling) or flatten.")
        String pooling,
        @Doc("Units of the head's first dense layer (followed by ReLU and BatchNorm).")
        Integer hidden,
        @Doc("Size of the embedding.")
        Integer embedding,
        @Doc("Whether embeddings are scaled to unit Euclidean length.")
        Boolean normalize,
        @Doc("Dropout rate before the embedding layer; 0 for none.")
        Double dropout) {

    /** The values of {@code pooling}. */
    public static final String AVERAGE = "average";
    /** Keeps the spatial layout; its head grows with the image size. */
    public static final String FLATTEN = "flatten";

    public SeedCnnConfig {
        width = width == null ? 16 : width;
        blocks = blocks == null ? 4 : blocks;
        pooling = pooling == null ? AVERAGE : pooling.toLowerCase(Locale.ROOT);
        hidden = hidden == null ? 512 : hidden;
        embedding = embedding == null ? 256 : embedding;
        normalize = normalize == null ? Boolean.TRUE : normalize;
        dropout = dropout == null ? 0.0 : dropout;
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (blocks < 1 || blocks > 8) {
            throw new IllegalArgumentException("blocks must be between 1 and 8, got " + blocks);
        }
        if (!pooling.equals(AVERAGE) && !pooling.equals(FLATTEN)) {
            throw new IllegalArgumentException(
                    "pooling must be average or flatten, got " + pooling);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be at least 1, got " + hidden);
        }
        if (embedding < 1) {
            throw new IllegalArgumentException("embedding must be at least 1, got " + embedding);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}
