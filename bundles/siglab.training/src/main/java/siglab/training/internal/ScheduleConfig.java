package siglab.training.internal;

import java.util.Locale;
import java.util.Set;
import siglab.api.Doc;

/**
 * A learning-rate schedule, in epochs: an optional linear warm-up, then constant, step or cosine
 * decay from the optimizer's {@code lr}.
 *
 * @param type constant, step or cosine
 * @param warmupEpochs epochs of linear warm-up from lr / warm-up steps to lr
 * @param stepEpochs for step: epochs between two multiplications by gamma
 * @param gamma for step: the factor applied every step-epochs
 * @param minLr the floor of step and the end value of cosine
 */
@Doc("Learning-rate schedule: optional linear warm-up, then constant, step or cosine decay.")
public record ScheduleConfig(
        @Doc("constant, step (times gamma every step-epochs) or cosine (from lr down to min-lr at the last epoch).")
        String type,
        @Doc("Epochs of linear warm-up before the schedule, rising to lr; 0 for none.")
        Integer warmupEpochs,
        @Doc("For step: epochs between two multiplications by gamma.")
        Integer stepEpochs,
        @Doc("For step: the factor the learning rate is multiplied by every step-epochs.")
        Double gamma,
        @Doc("Lowest learning rate: the floor of step and the end value of cosine.")
        Double minLr) {

    /** The learning rate stays at lr. */
    public static final String CONSTANT = "constant";
    /** lr times gamma^floor(epoch / step-epochs). */
    public static final String STEP = "step";
    /** Half a cosine from lr to min-lr over the epochs after warm-up. */
    public static final String COSINE = "cosine";

    private static final Set<String> TYPES = Set.of(CONSTANT, STEP, COSINE);

    public ScheduleConfig {
        type = type == null ? CONSTANT : type.trim().toLowerCase(Locale.ROOT);
        warmupEpochs = warmupEpochs == null ? 0 : warmupEpochs;
        stepEpochs = stepEpochs == null ? 10 : stepEpochs;
        gamma = gamma == null ? 0.1 : gamma;
        minLr = minLr == null ? 0.0 : minLr;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.type must be one of constant, step, cosine; got " + type);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.warmup-epochs must be >= 0, got " + warmupEpochs);
        }
        if (stepEpochs < 1) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.step-epochs must be at least 1, got " + stepEpochs);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.gamma must be in (0, 1], got " + gamma);
        }
        if (!(minLr >= 0) || minLr.isInfinite()) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.min-lr must be a finite number >= 0, got " + minLr);
        }
    }
}
