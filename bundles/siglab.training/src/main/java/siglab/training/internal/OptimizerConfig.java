package siglab.training.internal;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import java.util.Set;
import siglab.api.Doc;

/**
 * The optimizer of a training loop.
 *
 * @param type adam, adamw, rmsprop or sgd
 * @param lr learning rate (the schedule's peak)
 * @param weightDecay L2 weight decay (decoupled for adamw)
 * @param momentum momentum of sgd (ignored by the others)
 * @param clipGradient bound of each gradient element, 0 for no clipping
 * @param schedule the learning-rate schedule
 */
@Doc("The optimizer that updates the encoder's parameters.")
public record OptimizerConfig(
        @Doc("Optimizer: adam, adamw, rmsprop or sgd (with momentum).")
        String type,
        @Doc("Learning rate; with a schedule, its peak.")
        Double lr,
        @Doc("Weight decay; decoupled from the gradient for adamw.")
        Double weightDecay,
        @Doc("Momentum of sgd; the other optimizers ignore it.")
        Double momentum,
        @Doc("Clips each gradient element to [-clip-gradient, clip-gradient]; 0 for no clipping.")
        Double clipGradient,
        @Doc("Learning-rate schedule.")
        ScheduleConfig schedule) {

    private static final Set<String> TYPES = Set.of("adam", "adamw", "rmsprop", "sgd");

    public OptimizerConfig {
        type = type == null ? "adam" : type.toLowerCase(Locale.ROOT);
        lr = lr == null ? 1e-3 : lr;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        momentum = momentum == null ? 0.9 : momentum;
        clipGradient = clipGradient == null ? 0.0 : clipGradient;
        schedule = schedule == null ? new ScheduleConfig(null, null, null, null, null) : schedule;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "optimizer.type must be one of adam, adamw, rmsprop, sgd; got " + type);
        }
        if (!(lr > 0) || lr.isInfinite()) {
            throw new IllegalArgumentException("optimizer.lr must be a finite number > 0, got " + lr);
        }
        if (!(weightDecay >= 0) || weightDecay.isInfinite()) {
            throw new IllegalArgumentException(
                    "optimizer.weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(
                    "optimizer.momentum must be in [0, 1), got " + momentum);
        }
        if (!(clipGradient >= 0) || clipGradient.isInfinite()) {
            throw new IllegalArgumentException(
                    "optimizer.clip-gradient must be a finite number >= 0, got " + clipGradient);
        }
        if (schedule.minLr() > lr) {
            throw new IllegalArgumentException("optimizer.schedule.min-lr (" + schedule.minLr()
                    + ") must not exceed optimizer.lr (" + lr + ")");
        }
    }

    /** The learning rate at each update of a run of {@code epochs} epochs. */
    EpochScheduleTracker tracker(int stepsPerEpoch, int epochs, int firstEpoch) {
        return new EpochScheduleTracker(schedule, lr.floatValue(), stepsPerEpoch, epochs,
                firstEpoch);
    }

    /**
     * A fresh DJL optimizer with these settings, for a run of {@code epochs} epochs of
     * {@code stepsPerEpoch} updates that starts at {@code firstEpoch}.
     */
    Optimizer build(int stepsPerEpoch, int epochs, int firstEpoch) {
        return build(tracker(stepsPerEpoch, epochs, firstEpoch));
    }

    /**
     * A fresh DJL optimizer with these settings whose learning rate follows {@code rate}: a loop
     * holding the same tracker knows the rate of each update (for its history), loops that feed a
     * plateau schedule their epochs keep the tracker, and it is shared between the optimizers of
     * the encoder and of a head.
     */
    Optimizer build(Tracker rate) {
        float decay = weightDecay.floatValue();
        // DJL turns clipping off for negative values.
        float clip = clipGradient > 0 ? clipGradient.floatValue() : -1f;
        switch (type) {
            case "adamw":
                return Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(decay)
                        .optClipGrad(clip).build();
            case "rmsprop":
                return Optimizer.rmsprop().optLearningRateTracker(rate).optWeightDecays(decay)
                        .optClipGrad(clip).build();
            case "sgd":
                return Optimizer.sgd().setLearningRateTracker(rate)
                        .optMomentum(momentum.floatValue()).optWeightDecays(decay)
                        .optClipGrad(clip).build();
            default:
                return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(decay)
                        .optClipGrad(clip).build();
        }
    }
}
