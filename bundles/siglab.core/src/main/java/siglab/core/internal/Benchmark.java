package siglab.core.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import siglab.api.data.ImageBank;

/** Figures of an encoder that do not depend on training: cost per image, inference speed, memory. */
final class Benchmark {

    private Benchmark() {}

    /**
     * Multiply-adds of one forward pass through the convolutions and dense layers, walking
     * sequential and parallel blocks with their shapes; activations, normalisation and pooling are
     * left out (well under 1% of the total for SigLab's encoders), and so are blocks that are
     * neither sequential nor parallel, whose data flow cannot be known from outside.
     */
    static long multiplyAdds(Block block, Shape[] inputs) {
        if (block instanceof Convolution || block instanceof Linear) {
            Shape output = block.getOutputShapes(inputs)[0];
            Shape weight = block.getParameters().get("weight").getArray().getShape();
            // Each output value costs one multiply-add per weight of its filter (or row).
            return output.size() / output.get(0) * (weight.size() / weight.get(0));
        }
        long total = 0;
        if (block instanceof ParallelBlock) {
            for (Block child : block.getChildren().values()) {
                total += multiplyAdds(child, inputs);
            }
            return total;
        }
        if (block instanceof SequentialBlock) {
            Shape[] shapes = inputs;
            for (Block child : block.getChildren().values()) {
                total += multiplyAdds(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
        }
        return total;
    }

    /** Embeddings per second in inference mode, after two warm-up batches. */
    static double embeddingsPerSecond(Model model, ImageBank bank, int batches, int batchSize) {
        int[] indices = IntStream.range(0, batchSize).map(i -> i % bank.size()).toArray();
        long start = 0;
        for (int b = -2; b < batches; b++) {
            if (b == 0) {
                start = System.nanoTime();
            }
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray images = bank.batch(scope, indices);
                model.getBlock().forward(new ParameterStore(scope, false), new NDList(images), false)
                        .singletonOrThrow().toFloatArray();
            }
        }
        return (double) batches * batchSize / ((System.nanoTime() - start) / 1e9);
    }

    /** The process's peak resident memory in MiB (VmHWM), or -1 where /proc is missing. */
    static double peakResidentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: no figure.
        }
        return -1;
    }
}
