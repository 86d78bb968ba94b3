package siglab.training.internal;

import ai.djl.training.tracker.Tracker;

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
 * </pre>
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
            default:
                return lr;
        }
    }
}
