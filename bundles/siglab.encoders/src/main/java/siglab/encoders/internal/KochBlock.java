package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The convolutional twin of Koch, Zemel and Salakhutdinov's one-shot Siamese network (2015):
 *
 * <pre>
 * Conv 64 10x10, ReLU, MaxPool 2x2
 * Conv 128 7x7, ReLU, MaxPool 2x2
 * Conv 128 4x4, ReLU, MaxPool 2x2
 * Conv 256 4x4, ReLU
 * Dense 4096, sigmoid [, L2 normalisation]
 * </pre>
 *
 * <p>Scaled to signatures: the input is one grayscale channel of any size rather than a 105x105
 * character, so at 155x220 the last feature map is 12x20 and a 4096-unit dense layer would hold
 * 252 million weights; the dense layer's size is therefore the configurable embedding size
 * (256 by default), it may follow a global average pooling instead of the flattening, and the
 * channel counts scale with a width multiplier. The unpadded large kernels stay expensive at
 * signature sizes (about 3.4 G multiply-adds per image at 155x220, 1.3 G at 105x150, mostly in
 * the 7x7 convolution), so smaller images or a width below 1 suit a CPU. The paper's
 * L1-distance logistic head is not part of the encoder: SigLab scores pairs with the
 * experiment's distance.
 */
public class KochBlock extends SequentialBlock {

    /** Builds the encoder that {@code config} describes. */
    public KochBlock(KochConfig config) {
        double width = config.width();
        add(conv(Layers.scaled(64, width), 10));
        add(Activation::relu);
        add(pool());
        add(conv(Layers.scaled(128, width), 7));
        add(Activation::relu);
        add(pool());
        add(conv(Layers.scaled(128, width), 4));
        add(Activation::relu);
        add(pool());
        add(conv(Layers.scaled(256, width), 4));
        add(Activation::relu);
        if (KochConfig.AVERAGE.equals(config.pooling())) {
            add(Pool.globalAvgPool2dBlock());
        } else {
            add(Blocks.batchFlattenBlock());
        }
        add(Linear.builder().setUnits(config.embedding()).build());
        if (config.sigmoid()) {
            add(Activation::sigmoid);
        }
        if (config.normalize()) {
            add(Layers.l2Normalization());
        }
    }

    /** Height and width of the last feature map, failing clearly when the image is too small. */
    static long[] featureMap(long height, long width) {
        long[] size = {height, width};
        for (int axis = 0; axis < 2; axis++) {
            long n = Layers.window("koch", "conv1", size[axis], 10, 1, 0);
            n = Layers.window("koch", "pool1", n, 2, 2, 0);
            n = Layers.window("koch", "conv2", n, 7, 1, 0);
            n = Layers.window("koch", "pool2", n, 2, 2, 0);
            n = Layers.window("koch", "conv3", n, 4, 1, 0);
            n = Layers.window("koch", "pool3", n, 2, 2, 0);
            size[axis] = Layers.window("koch", "conv4", n, 4, 1, 0);
        }
        return size;
    }

    private static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .build();
    }

    private static ai.djl.nn.Block pool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
