package siglab.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Global L2 norms over a model's parameters: of their gradients, sqrt(sum over parameters of
 * ||g||²), as gradient clipping by norm defines it (Pascanu et al. 2013), and of the values of the
 * parameters no gradient reaches, the running statistics such as BatchNorm's mean and variance:
 * a diverging step can fill those with NaN while every training loss stays finite (training
 * normalises with the batch's own statistics), and only inference would see it. Trainable
 * parameters need no check of their own: an update that breaks them breaks the next loss.
 *
 * <p>Each is one engine call that returns the sum of squares of every array, (N) floats, which the
 * caller reads back when it suits it (see {@link #norm(float[])}). On MXNet that call is the fused
 * {@code multi_sum_sq} operator (the one LAMB uses), so watching the norms adds two operations per
 * step however many arrays the model has: on a loaded 2-core machine every small parallel
 * operation costs milliseconds, and one per array would show. Other engines get one
 * {@code square().sum()} per array, stacked.
 */
final class GlobalNorms {

    private final List<Parameter> trainable;
    private final List<Parameter> statistics;

    /** The initialised parameters of {@code blocks} (null blocks are skipped). */
    GlobalNorms(Block... blocks) {
        List<Parameter> withGradient = new ArrayList<>();
        List<Parameter> withoutGradient = new ArrayList<>();
        for (Block block : blocks) {
            if (block == null) {
                continue;
            }
            for (Pair<String, Parameter> pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                if (!parameter.isInitialized()) {
                    continue;
                }
                (parameter.requiresGradient() ? withGradient : withoutGradient).add(parameter);
            }
        }
        this.trainable = List.copyOf(withGradient);
        this.statistics = List.copyOf(withoutGradient);
    }

    /** How many parameter arrays have gradients. */
    int trainableCount() {
        return trainable.size();
    }

    /**
     * The sum of squares of each gradient, an (N) array attached to {@code manager}; the gradient
     * handles it reads are attached to {@code scratch} and freed with it. Call after backward and
     * before the optimizer (some engines clear gradients when they update).
     */
    NDArray gradientSquares(NDManager scratch, NDManager manager) {
        NDList gradients = new NDList(trainable.size());
        for (Parameter parameter : trainable) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.attach(scratch);
            gradients.add(gradient);
        }
        return sumsOfSquares(gradients, manager);
    }

    /**
     * The sum of squares of each running statistic (parameter without gradient), an (M) array
     * attached to {@code manager}, or null when the model has none.
     */
    NDArray statisticSquares(NDManager manager) {
        if (statistics.isEmpty()) {
            return null;
        }
        NDList values = new NDList(statistics.size());
        for (Parameter parameter : statistics) {
            values.add(parameter.getArray());
        }
        return sumsOfSquares(values, manager);
    }

    /** The global norm from sums of squares read back: sqrt of their sum, in double. */
    static double norm(float[] squares) {
        double total = 0;
        for (float square : squares) {
            total += square;
        }
        return Math.sqrt(total);
    }

    private static NDArray sumsOfSquares(NDList arrays, NDManager manager) {
        NDArray sums;
        if ("MXNet".equals(manager.getEngine().getEngineName())) {
            sums = manager.invoke("multi_sum_sq", arrays,
                    new PairList<>(List.of("num_arrays"), List.<Object>of(arrays.size()))).singletonOrThrow();
        } else {
            NDList each = new NDList(arrays.size());
            for (NDArray array : arrays) {
                NDArray square = array.square().sum();
                square.attach(manager);
                each.add(square);
            }
            sums = NDArrays.stack(each);
            each.close();
        }
        sums.attach(manager);
        return sums;
    }
}
