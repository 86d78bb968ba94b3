package siglab.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import siglab.api.model.EpochRecord;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingKeys;

/**
 * Runs forward, backward and the optimizer on one batch at a time for every training loop,
 * freeing every array it made, and watches that training stays finite: the loss, the gradients,
 * and the running statistics after the step (see {@link GlobalNorms}), which a finite training
 * loss can hide. It also keeps the epoch's training statistics (see {@link TrainingKeys}) for
 * {@link siglab.api.model.TrainingContext#endEpoch(int, double, long, double, Map)}.
 *
 * <p>The loss is read back at every step anyway; the two norms of step k, one fused reduction
 * each, are read back after the forward pass of step k + 1 (or at the end of the epoch), when the
 * engine has long computed them, so that checking them never makes the engine wait. A non-finite
 * norm therefore stops training one forward pass later, still naming step k; its update has then
 * reached the parameters, but no checkpoint is written from them.
 */
final class Stepper implements AutoCloseable {

    /** The loss of one batch. */
    @FunctionalInterface
    interface Objective {
        /**
         * Runs the batch forward, while gradients are recorded, and returns its scalar loss.
         *
         * @param batch the manager of the batch's arrays, freed after the update: the images are
         *     made in it, and what forward makes attaches to them
         */
        NDArray loss(NDManager batch);
    }

    private final Trainer trainer;
    private final Trainer headTrainer;
    private final Model model;
    private final GlobalNorms norms;
    private final EpochScheduleTracker rate;
    private final OptimizerConfig optimizer;
    private final int steps;
    /** Holds the norms' sums of squares from one step until they are read back. */
    private final NDManager pending;
    /** Updates applied by this loop so far; DJL counts them the same way for the schedule. */
    private int updates;
    private int epoch;
    /** The squares behind the last update's two norms, not yet read back, and its step. */
    private NDArray unreadGradientSquares;
    private NDArray unreadStatisticSquares;
    private int unreadStep;
    private double normSum;
    private double normMax;
    private int epochUpdates;

    /**
     * @param trainer the encoder's trainer
     * @param headTrainer the trainer of a head trained with the encoder (stepped after it), or null
     * @param model the encoder's model
     * @param norms the norms of the encoder's and the head's parameters
     * @param rate the schedule both trainers' optimizers follow
     * @param optimizer the optimizer settings, for the advice when training diverges
     * @param steps steps per epoch, for the messages
     */
    Stepper(Trainer trainer, Trainer headTrainer, Model model, GlobalNorms norms,
            EpochScheduleTracker rate, OptimizerConfig optimizer, int steps) {
        this.trainer = trainer;
        this.headTrainer = headTrainer;
        this.model = model;
        this.norms = norms;
        this.rate = rate;
        this.optimizer = optimizer;
        this.steps = steps;
        this.pending = model.getNDManager().newSubManager();
    }

    void startEpoch(int epoch) {
        this.epoch = epoch;
        normSum = 0;
        normMax = 0;
        epochUpdates = 0;
    }

    /** The learning rate of the next update. */
    private double nextRate() {
        return decimal(rate.getNewValue(updates + 1));
    }

    /** The learning rate of the last update. */
    private double lastRate() {
        return decimal(rate.getNewValue(Math.max(updates, 1)));
    }

    /** The float the optimizer uses, as the shortest decimal that names it: 1.0E-4, not 9.9999997E-5. */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /**
     * Trains on one batch, step {@code step} (1-based) of the epoch; returns its loss. The very
     * first update of a run is skipped when every sample already satisfies the loss (its
     * gradients are all zero, which DJL refuses): that batch counts with its loss of 0.
     *
     * @throws TrainingDivergedException when the loss, or the norms of the step before, are not
     *     finite
     */
    float step(int step, Objective objective) {
        try (NDManager batch = model.getNDManager().newSubManager()) {
            float value;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss = objective.loss(batch);
                value = loss.getFloat();
                readUnreadNorm();
                if (!Float.isFinite(value)) {
                    throw new TrainingDivergedException("the loss", value, epoch, step, steps,
                            nextRate(), optimizer);
                }
                if (updates == 0 && value == 0f) {
                    return value;
                }
                collector.backward(loss);
            }
            unreadGradientSquares = norms.gradientSquares(batch, pending);
            unreadStep = step;
            trainer.step();
            if (headTrainer != null) {
                headTrainer.step();
            }
            unreadStatisticSquares = norms.statisticSquares(pending);
            updates++;
            epochUpdates++;
            return value;
        }
    }

    /**
     * Reads the last update's norms back, checks them, and adds the gradient norm to the
     * epoch's.
     */
    private void readUnreadNorm() {
        if (unreadGradientSquares == null) {
            return;
        }
        double gradient;
        double statistics;
        try (NDArray g = unreadGradientSquares; NDArray s = unreadStatisticSquares) {
            gradient = GlobalNorms.norm(g.toFloatArray());
            statistics = s == null ? 0 : GlobalNorms.norm(s.toFloatArray());
        }
        unreadGradientSquares = null;
        unreadStatisticSquares = null;
        if (!Double.isFinite(gradient)) {
            throw new TrainingDivergedException("the gradient norm", gradient, epoch, unreadStep,
                    steps, lastRate(), optimizer);
        }
        if (!Double.isFinite(statistics)) {
            throw new TrainingDivergedException("the norm of the running statistics (BatchNorm)",
                    statistics, epoch, unreadStep, steps, lastRate(), optimizer);
        }
        normSum += gradient;
        normMax = Math.max(normMax, gradient);
    }

    /**
     * The epoch's training statistics ({@link TrainingKeys#GRADIENT_NORM},
     * {@link TrainingKeys#GRADIENT_NORM_MAX}, {@link TrainingKeys#LEARNING_RATE}) in a map the
     * loop may add to, after checking its last norms; empty when the epoch made no update.
     *
     * @throws TrainingDivergedException when the last update's norms are not finite
     */
    Map<String, Double> endEpoch() {
        readUnreadNorm();
        Map<String, Double> statistics = new LinkedHashMap<>();
        if (epochUpdates > 0) {
            statistics.put(TrainingKeys.GRADIENT_NORM, normSum / epochUpdates);
            statistics.put(TrainingKeys.GRADIENT_NORM_MAX, normMax);
            statistics.put(TrainingKeys.LEARNING_RATE, lastRate());
        }
        return statistics;
    }

    /**
     * What every loop does once the context has ended the epoch: the schedule sees the epoch's
     * record (a plateau schedule may lower the rate), then early stopping does; both say why in
     * the log.
     *
     * @param record the epoch's record from the context, or null when it gave none
     * @return true when early stopping ends training
     */
    boolean afterEpoch(EpochRecord record, EarlyStopping earlyStopping, TrainingContext context) {
        String lowered = rate.endEpoch(record);
        if (lowered != null) {
            context.log(lowered);
        }
        String stop = record == null ? null : earlyStopping.update(record);
        if (stop != null) {
            context.log(stop);
            return true;
        }
        return false;
    }

    /** Frees the norms not read back (training stopped or failed mid-epoch). */
    @Override
    public void close() {
        pending.close();
    }
}
