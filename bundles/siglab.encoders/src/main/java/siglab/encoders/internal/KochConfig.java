package siglab.encoders.internal;

import java.util.Locale;
import siglab.api.Doc;

/**
 * Config of the {@code koch} encoder.
 *
 * @param width multiplier of the paper's channel counts (64, 128, 128, 256)
 * @param embedding units of the dense layer that makes the embedding (4096 in the paper)
 * @param pooling how the last feature map becomes a vector: flatten (the paper) or average
 * @param sigmoid whether the dense layer ends in a sigmoid, as in the paper
 * @param normalize whether embeddings are scaled to unit length
 */
@Doc("The one-shot Siamese network of Koch, Zemel and Salakhutdinov (2015), for grayscale signatures.")
public record KochConfig(
        @Doc("Multiplier of the paper's channel counts 64, 128, 128, 256; below 1 for a faster, narrower network.")
        Double width,
        @Doc("Units of the dense layer that makes the embedding (4096 in the paper, whose 105x105 input made that affordable).")
        Integer embedding,
        @Doc("How the last feature map becomes a vector: flatten (the paper; most parameters sit in the dense layer) or average (global average pooling).")
        String pooling,
        @Doc("Whether the dense layer ends in a sigmoid, as in the paper.")
        Boolean sigmoid,
        @Doc("Whether embeddings are scaled to unit Euclidean length (the paper does not; the default margins of SigLab's losses assume it).")
        Boolean normalize) {

    /** The values of {@code pooling}. */
    public static final String FLATTEN = "flatten";
    /** Global average pooling: the dense layer no longer grows with the image. */
    public static final String AVERAGE = "average";

    public KochConfig {
        width = width == null ? 1.0 : width;
        embedding = embedding == null ? 256 : embedding;
        pooling = pooling == null ? FLATTEN : pooling.toLowerCase(Locale.ROOT);
        sigmoid = sigmoid == null ? Boolean.TRUE : sigmoid;
        normalize = normalize == null ? Boolean.TRUE : normalize;
        if (!(width > 0) || width > 16) {
            throw new IllegalArgumentException("width must be in (0, 16], got " + width);
        }
        if (embedding < 1) {
            throw new IllegalArgumentException("embedding must be at least 1, got " + embedding);
        }
        if (!pooling.equals(FLATTEN) && !pooling.equals(AVERAGE)) {
            throw new IllegalArgumentException(
                    "pooling must be flatten or average, got " + pooling);
        }
    }
}
