package siglab.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Global L2 norms over a model's parameters: of their gradients, sqrt(sum over parameters of
 * ||g||²), as gradient clipping by norm defines it (Pascanu et al. 2013), and of their values,
 * running statistics such as BatchNorm's included, which no gradient reaches but which a
 * diverging step can still fill with NaN.
 *
 * <p>Computed on the engine as one norm per array, stacked, and the norm of that vector: a
 * handful of small operations whose result is a scalar array, so the caller decides when to read
 * it back and the engine need not stop for it.
 */
final class GlobalNorms {

    private final List<Parameter> trainable;
    private final List<Parameter> all;

    /** The initialised parameters of {@code blocks} (null blocks are skipped). */
    GlobalNorms(Block... blocks) {
        List<Parameter> withGradient = new ArrayList<>();
        List<Parameter> every = new ArrayList<>();
        for (Block block : blocks) {
            if (block == null) {
                continue;
            }
            for (Pair<String, Parameter> pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                if (!parameter.isInitialized()) {
                    continue;
                }
                every.add(parameter);
                if (parameter.requiresGradient()) {
                    withGradient.add(parameter);
                }
            }
        }
        this.trainable = List.copyOf(withGradient);
        this.all = List.copyOf(every);
    }

    /** How many parameter arrays have gradients. */
    int trainableCount() {
        return trainable.size();
    }

    /**
     * The global norm of the gradients, as a scalar array attached to {@code manager}; the
     * gradient handles it reads are attached to {@code scratch} and freed with it. Call after
     * backward.
     */
    NDArray gradients(NDManager scratch, NDManager manager) {
        NDList norms = new NDList(trainable.size());
        for (Parameter parameter : trainable) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.attach(scratch);
            norms.add(gradient.norm());
        }
        return global(norms, manager);
    }

    /** The global norm of every parameter's value, as a scalar array attached to {@code manager}. */
    NDArray values(NDManager manager) {
        NDList norms = new NDList(all.size());
        for (Parameter parameter : all) {
            NDArray norm = parameter.getArray().norm();
            norm.attach(manager);
            norms.add(norm);
        }
        return global(norms, manager);
    }

    private static NDArray global(NDList norms, NDManager manager) {
        NDArray stacked = NDArrays.stack(norms);
        NDArray total = stacked.norm();
        total.attach(manager);
        norms.close();
        stacked.close();
        return total;
    }
}
