package siglab.encoders.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * A small residual network after He, Zhang, Ren and Sun (2016):
 *
 * <pre>
 * stem:    Conv w 7x7/2 pad 3, BatchNorm, ReLU, MaxPool 3x3/2 pad 1
 * stage s: blocks[s] basic blocks of 2^s w channels, the first of stages after the first with
 *          stride 2; a basic block is relu(x' + Conv 3x3, BN, ReLU, Conv 3x3, BN), where x' is x
 *          or, when the shape changes, Conv 1x1 (strided) + BN of x
 * head:    global average pooling [, Dropout], Dense embedding [, L2 normalisation]
 * </pre>
 *
 * <p>Convolutions have no bias because the BatchNorm after each of them would cancel it.
 */
public class ResNetBlock extends SequentialBlock {

    /** Builds the encoder that {@code config} describes. */
    public ResNetBlock(ResNetConfig config) {
        int channels = config.width();
        add(conv(channels, 7, 2, 3));
        add(BatchNorm.builder().build());
        add(Activation::relu);
        add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        List<Integer> stages = config.blocks();
        for (int stage = 0; stage < stages.size(); stage++) {
            int out = config.width() << stage;
            for (int block = 0; block < stages.get(stage); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                add(residual(channels, out, stride));
                channels = out;
            }
        }
        add(Pool.globalAvgPool2dBlock());
        if (config.dropout() > 0) {
            add(Dropout.builder().optRate(config.dropout().floatValue()).build());
        }
        add(Linear.builder().setUnits(config.embedding()).build());
        if (config.normalize()) {
            add(Layers.l2Normalization());
        }
    }

    /** Height and width of the last feature map, failing clearly when the image is too small. */
    static long[] featureMap(ResNetConfig config, long height, long width) {
        long[] size = {height, width};
        for (int axis = 0; axis < 2; axis++) {
            long n = Layers.window("resnet", "stem convolution", size[axis], 7, 2, 3);
            n = Layers.window("resnet", "stem pooling", n, 3, 2, 1);
            for (int stage = 1; stage < config.blocks().size(); stage++) {
                n = Layers.window("resnet", "stage " + (stage + 1), n, 3, 2, 1);
            }
            size[axis] = n;
        }
        return size;
    }

    private static Block residual(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(out, 3, 1, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = in == out && stride == 1
                ? Blocks.identityBlock()
                : new SequentialBlock()
                        .add(conv(out, 1, stride, 0))
                        .add(BatchNorm.builder().build());
        return new ParallelBlock(
                branches -> new NDList(Activation.relu(
                        branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()))),
                List.of(main, shortcut));
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
    }
}
