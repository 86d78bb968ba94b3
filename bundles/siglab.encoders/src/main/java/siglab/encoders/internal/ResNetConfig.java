package siglab.encoders.internal;

import java.util.List;
import siglab.api.Doc;

/**
 * Config of the {@code resnet} encoder.
 *
 * @param width channels of the stem and the first stage; each further stage doubles them
 * @param blocks residual blocks per stage; the list's length is the number of stages
 * @param embedding size of the embedding
 * @param dropout dropout rate before the embedding layer
 * @param normalize whether embeddings are scaled to unit length
 */
@Doc("A small residual network (He et al. 2016) with basic blocks, configurable depth and width.")
public record ResNetConfig(
        @Doc("Channels of the stem and of the first stage; each further stage doubles them.")
        Integer width,
        @Doc("Residual blocks per stage, e.g. [2, 2, 2, 2] for ResNet-18's layout; the list's length is the number of stages.")
        List<Integer> blocks,
        @Doc("Size of the embedding.")
        Integer embedding,
        @Doc("Dropout rate before the embedding layer; 0 for none.")
        Double dropout,
        @Doc("Whether embeddings are scaled to unit Euclidean length.")
        Boolean normalize) {

    public ResNetConfig {
        width = width == null ? 16 : width;
        blocks = blocks == null ? List.of(2, 2, 2, 2) : List.copyOf(blocks);
        embedding = embedding == null ? 128 : embedding;
        dropout = dropout == null ? 0.0 : dropout;
        normalize = normalize == null ? Boolean.TRUE : normalize;
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        if (blocks.isEmpty() || blocks.size() > 6) {
            throw new IllegalArgumentException(
                    "blocks must list 1 to 6 stages, got " + blocks.size());
        }
        for (Integer count : blocks) {
            if (count < 1) {
                throw new IllegalArgumentException(
                        "blocks must be at least 1 per stage, got " + blocks);
            }
        }
        if (embedding < 1) {
            throw new IllegalArgumentException("embedding must be at least 1, got " + embedding);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}
