package siglab.encoders.internal;

import siglab.api.Doc;

/**
 * Config of the {@code signet} encoder.
 *
 * @param width multiplier of the paper's channel counts (96, 256, 384, 256)
 * @param firstStride stride of the first, 11x11 convolution
 * @param hidden units of the first dense layer (1024 in the paper)
 * @param embedding size of the embedding (128 in the paper)
 * @param dropout dropout rate after the second and third pooling (0.3 in the paper; 0 here by
 *     default, see below)
 * @param headDropout dropout rate after the first dense layer (0.5 in the paper; 0 here by
 *     default)
 * @param normalize whether embeddings are scaled to unit length
 */
@Doc("SigNet (Dey et al. 2017): the convolutional Siamese network for offline signature verification.")
public record SigNetConfig(
        @Doc("Multiplier of the paper's channel counts 96, 256, 384, 256; below 1 for a faster, narrower network.")
        Double width,
        @Doc("Stride of the first 11x11 convolution; 4 keeps 155x220 inputs affordable on a CPU.")
        Integer firstStride,
        @Doc("Units of the first dense layer (1024 in the paper).")
        Integer hidden,
        @Doc("Size of the embedding (128 in the paper).")
        Integer embedding,
        @Doc("Dropout rate after the second and third pooling (0.3 in the paper); 0, the default, for none: with unit-length embeddings, dropout noise swamps the pair distance and SigNet stops learning.")
        Double dropout,
        @Doc("Dropout rate after the first dense layer (0.5 in the paper); 0, the default, for none.")
        Double headDropout,
        @Doc("Whether embeddings are scaled to unit Euclidean length (the paper does not; the default margins of SigLab's losses assume it).")
        Boolean normalize) {

    public SigNetConfig {
        width = width == null ? 1.0 : width;
        firstStride = firstStride == null ? 4 : firstStride;
        hidden = hidden == null ? 1024 : hidden;
        embedding = embedding == null ? 128 : embedding;
        // Not the paper's 0.3 and 0.5: the two images of a pair get independent dropout masks,
        // and on unit-length embeddings the noise that puts into their distance is larger than the
        // signal. With the paper's rates SigNet could not fit four writers (training AUC 0.77 with
        // the contrastive loss, 0.59 with the logistic one) and cedar-signet collapsed to one
        // distance for every pair; without them it fits them in 30-45 updates (LearningTest).
        dropout = dropout == null ? 0.0 : dropout;
        headDropout = headDropout == null ? 0.0 : headDropout;
        normalize = normalize == null ? Boolean.TRUE : normalize;
        if (!(width > 0) || width > 16) {
            throw new IllegalArgumentException("width must be in (0, 16], got " + width);
        }
        if (firstStride < 1 || firstStride > 11) {
            throw new IllegalArgumentException(
                    "first-stride must be between 1 and 11, got " + firstStride);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be at least 1, got " + hidden);
        }
        if (embedding < 1) {
            throw new IllegalArgumentException("embedding must be at least 1, got " + embedding);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(headDropout >= 0 && headDropout < 1)) {
            throw new IllegalArgumentException(
                    "head-dropout must be in [0, 1), got " + headDropout);
        }
    }
}
