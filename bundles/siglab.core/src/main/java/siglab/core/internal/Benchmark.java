package siglab.core.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures that do not depend on training: an encoder's cost per image, the process's memory, its allocator. */
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

    /**
     * Resets the process's peak resident memory to its current resident memory (Linux,
     * {@code /proc/self/clear_refs}), so that the next {@link #peakResidentMiB()} is the peak since
     * now; does nothing where that file is missing or refused.
     */
    static void resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | SecurityException e) {
            // Not Linux, or not allowed: the peak is then the process's.
        }
    }

    /** The process's peak resident memory in MiB (VmHWM), or -1 where /proc is missing. */
    static double peakResidentMiB() {
        return statusMiB("VmHWM:");
    }

    /** The process's resident memory now in MiB (VmRSS), or -1 where /proc is missing. */
    static double residentMiB() {
        return statusMiB("VmRSS:");
    }

    private static double statusMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: no figure.
        }
        return -1;
    }

    /** The native allocator the launcher chose ({@code SIGLAB_ALLOCATOR}), as the process sees it. */
    static String allocator() {
        String chosen = System.getenv("SIGLAB_ALLOCATOR");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        String preload = String.valueOf(System.getenv("LD_PRELOAD"));
        if (preload.contains("jemalloc")) {
            return "jemalloc";
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        return tunables != null && tunables.contains("glibc.malloc") ? "glibc" : "system";
    }
}
