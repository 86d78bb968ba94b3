package siglab.encoders.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The seed notebook's Siamese encoder: a small convolutional trunk, then Dense(hidden), ReLU,
 * BatchNorm, Dense(embedding) and an optional L2 normalisation.
 *
 * <p>The convolutions have no bias because the BatchNorm after each of them would cancel it.
 */
public class SeedCnnBlock extends SequentialBlock {

    /** Guards the division of an all-zero embedding. */
    private static final float EPSILON = 1e-12f;

    /** Builds the encoder that {@code config} describes. */
    public SeedCnnBlock(SeedCnnConfig config) {
        int channels = config.width();
        for (int block = 0; block < config.blocks(); block++) {
            add(Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .setFilters(channels)
                    .optBias(false)
                    .build());
            add(BatchNorm.builder().build());
            add(Activation::relu);
            add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            channels *= 2;
        }
        if (SeedCnnConfig.AVERAGE.equals(config.pooling())) {
            add(Pool.globalAvgPool2dBlock());
        } else {
            add(Blocks.batchFlattenBlock());
        }
        add(Linear.builder().setUnits(config.hidden()).build());
        add(Activation::relu);
        add(BatchNorm.builder().build());
        if (config.dropout() > 0) {
            add(Dropout.builder().optRate(config.dropout().floatValue()).build());
        }
        add(Linear.builder().setUnits(config.embedding()).build());
        if (config.normalize()) {
            add(new LambdaBlock(SeedCnnBlock::l2Normalize, "l2-normalize"));
        }
    }

    /**
     * Scales each row to unit Euclidean length: x / sqrt(sum(x²) + ε). Written out because the
     * MXNet engine does not implement {@code NDArray.normalize}.
     */
    static NDList l2Normalize(NDList input) {
        NDArray x = input.singletonOrThrow();
        NDArray norm = x.square().sum(new int[] {1}, true).add(EPSILON).sqrt();
        return new NDList(x.div(norm));
    }
}
