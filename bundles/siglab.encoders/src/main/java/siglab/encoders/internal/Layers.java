package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/** Pieces that several encoders share: L2 normalisation, channel scaling and size arithmetic. */
final class Layers {

    private Layers() {}

    /** A block scaling each embedding to unit Euclidean length (see {@link SeedCnnBlock#l2Normalize}). */
    static Block l2Normalization() {
        return new LambdaBlock(SeedCnnBlock::l2Normalize, "l2-normalize");
    }

    /** {@code channels} times the width multiplier, rounded, and never below one. */
    static int scaled(int channels, double width) {
        return (int) Math.max(1, Math.round(channels * width));
    }

    /**
     * Output length of a convolution or pooling window along one axis, with floor rounding as
     * DJL does by default.
     *
     * @throws IllegalArgumentException when the input is smaller than the window, naming the
     *     encoder and the layer so that the user knows which image size to raise
     */
    static long window(String encoder, String layer, long length, int kernel, int stride,
            int padding) {
        if (length + 2L * padding < kernel) {
            throw new IllegalArgumentException(encoder + ": the image is too small: " + layer
                    + " needs at least " + kernel + " pixels but gets " + (length + 2L * padding)
                    + "; use a larger image.height / image.width");
        }
        return (length + 2L * padding - kernel) / stride + 1;
    }

    /** Checks that the factory got (channels, height, width). */
    static void requireImageShape(String encoder, Shape imageShape) {
        if (imageShape.dimension() != 3) {
            throw new IllegalArgumentException(encoder
                    + " expects an image shape (channels, height, width), got " + imageShape);
        }
    }
}
