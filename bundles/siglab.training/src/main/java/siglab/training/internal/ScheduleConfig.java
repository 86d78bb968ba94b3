package siglab.training.internal;

import java.util.Locale;
import java.util.Set;
import siglab.api.Doc;

/**
 * A learning-rate schedule, in epochs: an optional linear warm-up, then constant, step, cosine
 * decay or plateau reduction from the optimizer's {@code lr}.
 *
 * @param type constant, step, cosine or plateau
 * @param warmupEpochs epochs of linear warm-up from lr / warm-up steps to lr
 * @param stepEpochs for step: epochs between two multiplications by gamma
 * @param gamma for step and plateau: the factor applied at each reduction
 * @param minLr the floor of step and plateau, and the end value of cosine
 * @param patience for plateau: epochs without a better validation AUC before a reduction
 */
@Doc("Learning-rate schedule: optional linear warm-up, then constant, step, cosine or plateau.")
public record ScheduleConfig(
        @Doc("constant, step (times gamma every step-epochs), cosine (from lr down to min-lr at the last epoch) or plateau (times gamma when the validation AUC has not improved for patience epochs).")
        String type,
        @Doc("Epochs of linear warm-up before the schedule, rising to lr; 0 for none.")
        Integer warmupEpochs,
        @Doc("For step: epochs between two multiplications by gamma.")
        Integer stepEpochs,
        @Doc("For step and plateau: the factor the learning rate is multiplied by at each reduction.")
        Double gamma,
        @Doc("Lowest learning rate: the floor of step and plateau, and the end value of cosine.")
        Double minLr,
        @Doc("For plateau: epochs without a higher validation AUC before the learning rate is multiplied by gamma.")
        Integer patience) {

    /** The learning rate stays at lr. */
    public static final String CONSTANT = "constant";
    /** lr times gamma^floor(epoch / step-epochs). */
    public static final String STEP = "step";
    /** Half a cosine from lr to min-lr over the epochs after warm-up. */
    public static final String COSINE = "cosine";
    /** lr times gamma for every patience epochs in a row without a higher validation AUC. */
    public static final String PLATEAU = "plateau";

    private static final Set<String> TYPES = Set.of(CONSTANT, STEP, COSINE, PLATEAU);

    /** A schedule without plateau settings (patience takes its default). */
    public ScheduleConfig(String type, Integer warmupEpochs, Integer stepEpochs, Double gamma, Double minLr) {
        this(type, warmupEpochs, stepEpochs, gamma, minLr, null);
    }

    public ScheduleConfig {
        type = type == null ? CONSTANT : type.trim().toLowerCase(Locale.ROOT);
        warmupEpochs = warmupEpochs == null ? 0 : warmupEpochs;
        stepEpochs = stepEpochs == null ? 10 : stepEpochs;
        gamma = gamma == null ? 0.1 : gamma;
        minLr = minLr == null ? 0.0 : minLr;
        patience = patience == null ? 3 : patience;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.type must be one of constant, step, cosine, plateau; got " + type);
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
        if (patience < 1) {
            throw new IllegalArgumentException(
                    "optimizer.schedule.patience must be at least 1, got " + patience);
        }
    }
}
