package siglab.encoders.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** Initialises an encoder and runs it on random images, for the encoder tests. */
final class EncoderProbe {

    private EncoderProbe() {}

    /** Parameter count after initialising for 1 x image; includes BatchNorm running statistics. */
    static long parameters(NDManager manager, Block block, Shape image) {
        block.initialize(manager, DataType.FLOAT32, batchOf(1, image));
        long total = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            total += pair.getValue().getArray().size();
        }
        return total;
    }

    /** Embeddings of {@code count} random images, computed in inference mode. */
    static NDArray embed(NDManager manager, Block block, Shape image, int count) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, batchOf(1, image));
        }
        manager.getEngine().setRandomSeed(7);
        NDArray images = manager.randomUniform(0f, 1f, batchOf(count, image));
        return block.forward(new ParameterStore(manager, false), new NDList(images), false)
                .singletonOrThrow();
    }

    /** Euclidean length of each row. */
    static float[] norms(NDArray embeddings) {
        return embeddings.square().sum(new int[] {1}).sqrt().toFloatArray();
    }

    private static Shape batchOf(long count, Shape image) {
        return new Shape(count, image.get(0), image.get(1), image.get(2));
    }
}
