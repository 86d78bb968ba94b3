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
 * The global L2 norm of the gradients of a set of parameters, sqrt(sum over parameters of
 * ||g||²), as gradient clipping by norm defines it (Pascanu et al. 2013).
 *
 * <p>Computed on the engine as one norm per parameter, stacked, and the norm of that vector: a
 * handful of small operations per step whose result is a scalar array, so the caller decides when
 * to read it back and the engine need not stop for it.
 */
final class GradientNorm {

    private final List<Parameter> parameters;

    /** The trainable parameters of {@code blocks} (null blocks are skipped), initialised. */
    GradientNorm(Block... blocks) {
        List<Parameter> trainable = new ArrayList<>();
        for (Block block : blocks) {
            if (block == null) {
                continue;
            }
            for (Pair<String, Parameter> pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                if (parameter.requiresGradient() && parameter.isInitialized()) {
                    trainable.add(parameter);
                }
            }
        }
        this.parameters = List.copyOf(trainable);
    }

    /** How many parameter arrays take part. */
    int parameterCount() {
        return parameters.size();
    }

    /**
     * The global gradient norm as a scalar array attached to {@code manager}; the gradient handles
     * it reads are attached to {@code scratch} and freed with it. Call after backward.
     */
    NDArray compute(NDManager scratch, NDManager manager) {
        NDList norms = new NDList(parameters.size());
        for (Parameter parameter : parameters) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.attach(scratch);
            norms.add(gradient.norm());
        }
        NDArray total = NDArrays.stack(norms).norm();
        total.attach(manager);
        return total;
    }
}
