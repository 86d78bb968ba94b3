package siglab.training.internal;

import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Locale;
import siglab.api.model.EpochRecord;
import siglab.api.model.ValidationKeys;

/**
 * The learning rate of a {@link ScheduleConfig} at each optimizer update, with epochs converted
 * to updates through the loop's steps per epoch.
 *
 * <pre>
 * s  = update index from the start of training (0-based; a resumed run starts past 0)
 * warm-up (s &lt; W):  lr (s + 1) / W
 * constant:          lr
 * step:              max(lr gamma^floor(s / (step-epochs x steps)), min-lr)
 * cosine:            min-lr + (lr - min-lr) (1 + cos(pi min(s - W, T) / T)) / 2,  T = total - W
 * plateau:           max(lr gamma^r, min-lr),  r = reductions so far
 * </pre>
 *
 * <p>Plateau follows the validation AUC through {@link #endEpoch}: after {@code patience} epochs
 * in a row without an AUC higher than the best so far, r grows by one and the count starts again
 * (as PyTorch's {@code ReduceLROnPlateau} with mode max, threshold 0 and no cool-down). Epochs of
 * warm-up only set the best; epochs without an AUC (no validation writers) neither improve nor
 * count. A resumed run rebuilds r by {@link #replay replaying} the stored history, so it continues
 * with the rate it stopped at.
 *
 * <p>Written here rather than composed from DJL's {@code WarmUpTracker} and {@code CosineTracker}
 * so that epochs, resumption and the minimum are exact and the same for every schedule.
 */
final class EpochScheduleTracker implements Tracker {

    private final ScheduleConfig schedule;
    private final float lr;
    private final int stepsPerEpoch;
    private final long warmupSteps;
    private final long totalSteps;
    private final long firstStep;
    private int reductions;
    private double bestAuc = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    /**
     * @param schedule the schedule
     * @param lr the optimizer's base learning rate
     * @param stepsPerEpoch optimizer updates per epoch
     * @param epochs the run's last epoch
     * @param firstEpoch the first epoch this optimizer trains (1-based; later when resuming)
     */
    EpochScheduleTracker(ScheduleConfig schedule, float lr, int stepsPerEpoch, int epochs,
            int firstEpoch) {
        this.schedule = schedule;
        this.lr = lr;
        this.stepsPerEpoch = stepsPerEpoch;
        this.warmupSteps = (long) schedule.warmupEpochs() * stepsPerEpoch;
        this.totalSteps = (long) epochs * stepsPerEpoch;
        this.firstStep = (long) (firstEpoch - 1) * stepsPerEpoch;
    }

    /** DJL counts updates from 1. */
    @Override
    public float getNewValue(int numUpdate) {
        return at(firstStep + numUpdate - 1);
    }

    /** The learning rate of update {@code step}, counted from 0 at the start of training. */
    float at(long step) {
        if (step < warmupSteps) {
            return lr * (step + 1) / warmupSteps;
        }
        float min = schedule.minLr().floatValue();
        switch (schedule.type()) {
            case ScheduleConfig.STEP: {
                long drops = step / ((long) schedule.stepEpochs() * stepsPerEpoch);
                return (float) Math.max(lr * Math.pow(schedule.gamma(), drops), min);
            }
            case ScheduleConfig.COSINE: {
                long span = Math.max(1, totalSteps - warmupSteps);
                double progress = Math.min(step - warmupSteps, span) / (double) span;
                return (float) (min + (lr - min) * (1 + Math.cos(Math.PI * progress)) / 2);
            }
            case ScheduleConfig.PLATEAU:
                return plateauRate();
            default:
                return lr;
        }
    }

    private float plateauRate() {
        return (float) Math.max(lr * Math.pow(schedule.gamma(), reductions),
                schedule.minLr().floatValue());
    }

    /**
     * Takes the record of an ended epoch. For plateau, may lower the rate of the updates that
     * follow; returns a sentence for the log when it did, otherwise (and for every other
     * schedule) null.
     */
    String endEpoch(EpochRecord record) {
        if (!schedule.type().equals(ScheduleConfig.PLATEAU) || record == null) {
            return null;
        }
        Double auc = record.validation().get(ValidationKeys.AUC);
        if (auc == null || auc.isNaN()) {
            return null;
        }
        if (auc > bestAuc) {
            bestAuc = auc;
            bestEpoch = record.epoch();
            epochsWithoutImprovement = 0;
            return null;
        }
        if (record.epoch() <= schedule.warmupEpochs()) {
            return null;
        }
        epochsWithoutImprovement++;
        if (epochsWithoutImprovement < schedule.patience()) {
            return null;
        }
        epochsWithoutImprovement = 0;
        float before = plateauRate();
        reductions++;
        float after = plateauRate();
        if (after == before) {
            return null;
        }
        return String.format(Locale.ROOT,
                "learning rate %.3g -> %.3g after epoch %d: validation AUC has not exceeded %.4f"
                        + " (epoch %d) for %d epochs",
                before, after, record.epoch(), bestAuc, bestEpoch, schedule.patience());
    }

    /** Rebuilds the plateau state from the epochs a resumed run completed before, oldest first. */
    void replay(List<EpochRecord> history) {
        history.forEach(this::endEpoch);
    }
}
