package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * SigNet, the convolutional Siamese network of Dey et al. (2017) for 155x220 signatures:
 *
 * <pre>
 * Conv 96 11x11 /s, ReLU, norm, MaxPool 3x3/2
 * Conv 256 5x5 pad 2, ReLU, norm, MaxPool 3x3/2 [, Dropout 0.3]
 * Conv 384 3x3 pad 1, ReLU
 * Conv 256 3x3 pad 1, ReLU, MaxPool 3x3/2 [, Dropout 0.3]
 * Dense 1024, ReLU [, Dropout 0.5], Dense 128 [, L2 normalisation]
 * </pre>
 *
 * <p>Differences from the paper, and why: the paper normalises after the first two convolutions
 * with local response normalisation, which DJL's MXNet engine does not offer, so "norm" is a
 * BatchNorm, the nearest available layer (it also normalises activations, across the batch rather
 * than across neighbouring channels); the first convolution's stride is configurable, 4 by
 * default as in AlexNet, from which SigNet descends (reimplementations of SigNet differ here, and
 * at 155x220 stride 1 costs about 17 times the multiply-adds: 8.2 G instead of 0.48 G per image);
 * channel counts scale with a width multiplier so that the network can
 * be made small enough for a two-core CPU; the embedding may be scaled to unit length; and the
 * paper's dropout is off by default, because the independent masks of a pair's two images make
 * its distance noisier than the signal on unit-length embeddings (see {@link SigNetConfig}).
 */
public class SigNetBlock extends SequentialBlock {

    /** Builds the encoder that {@code config} describes. */
    public SigNetBlock(SigNetConfig config) {
        double width = config.width();
        add(conv(Layers.scaled(96, width), 11, config.firstStride(), 0));
        add(Activation::relu);
        add(BatchNorm.builder().build());
        add(pool());
        add(conv(Layers.scaled(256, width), 5, 1, 2));
        add(Activation::relu);
        add(BatchNorm.builder().build());
        add(pool());
        dropout(config.dropout());
        add(conv(Layers.scaled(384, width), 3, 1, 1));
        add(Activation::relu);
        add(conv(Layers.scaled(256, width), 3, 1, 1));
        add(Activation::relu);
        add(pool());
        dropout(config.dropout());
        add(Blocks.batchFlattenBlock());
        add(Linear.builder().setUnits(config.hidden()).build());
        add(Activation::relu);
        dropout(config.headDropout());
        add(Linear.builder().setUnits(config.embedding()).build());
        if (config.normalize()) {
            add(Layers.l2Normalization());
        }
    }

    /**
     * Height and width of the last feature map for an image of {@code height} x {@code width},
     * failing with a clear message when a layer would get less than its window.
     */
    static long[] featureMap(SigNetConfig config, long height, long width) {
        long[] size = {height, width};
        for (int axis = 0; axis < 2; axis++) {
            long n = Layers.window("signet", "conv1", size[axis], 11, config.firstStride(), 0);
            n = Layers.window("signet", "pool1", n, 3, 2, 0);
            n = Layers.window("signet", "conv2", n, 5, 1, 2);
            n = Layers.window("signet", "pool2", n, 3, 2, 0);
            n = Layers.window("signet", "pool3", n, 3, 2, 0);
            size[axis] = n;
        }
        return size;
    }

    private void dropout(double rate) {
        if (rate > 0) {
            add(Dropout.builder().optRate((float) rate).build());
        }
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .build();
    }

    private static ai.djl.nn.Block pool() {
        return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2));
    }
}
