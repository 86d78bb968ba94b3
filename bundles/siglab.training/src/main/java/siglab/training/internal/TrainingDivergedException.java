package siglab.training.internal;

import java.util.Locale;

/**
 * Training stopped because the loss or the gradients stopped being finite numbers: going on would
 * only spread NaN through the parameters. The message names the epoch and the step (both 1-based)
 * and what to change.
 */
final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;

    /**
     * @param quantity what stopped being finite: "the loss", "the gradient norm" or "the norm
     *     of the running statistics (BatchNorm)"
     * @param value its value: NaN or an infinity
     * @param epoch 1-based epoch
     * @param step 1-based step within the epoch
     * @param steps steps per epoch
     * @param learningRate the learning rate of that step's update
     * @param optimizer the optimizer settings, for the advice
     */
    TrainingDivergedException(String quantity, double value, int epoch, int step, int steps,
            double learningRate, OptimizerConfig optimizer) {
        super(message(quantity, value, epoch, step, steps, learningRate, optimizer));
        this.epoch = epoch;
        this.step = step;
    }

    int epoch() {
        return epoch;
    }

    int step() {
        return step;
    }

    private static String message(String quantity, double value, int epoch, int step, int steps,
            double learningRate, OptimizerConfig optimizer) {
        String advice = optimizer.clipGradient() > 0
                ? "lower training.optimizer.lr or training.optimizer.clip-gradient (now "
                        + optimizer.clipGradient() + ")"
                : "lower training.optimizer.lr or set training.optimizer.clip-gradient";
        return String.format(Locale.ROOT,
                "training diverged: %s is %s at epoch %d, step %d of %d (learning rate %s); %s",
                quantity, Double.isNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity",
                epoch, step, steps, (float) learningRate, advice);
    }
}
