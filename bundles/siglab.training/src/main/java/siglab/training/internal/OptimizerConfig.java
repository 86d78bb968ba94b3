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
 * @param lr learning rate
 * @param weightDecay L2 weight decay (decoupled for adamw)
 * @param momentum momentum of sgd (ignored by the others)
 */
@Doc("The optimizer that updates the encoder's parameters.")
public record OptimizerConfig(
        @Doc("Optimizer: adam, adamw, rmsprop or sgd.")
        String type,
        @Doc("Learning rate.")
        Double lr,
        @Doc("Weight decay; decoupled from the gradient for adamw.")
        Double weightDecay,
        @Doc("Momentum of sgd; the other optimizers ignore it.")
        Double momentum) {

    private static final Set<String> TYPES = Set.of("adam", "adamw", "rmsprop", "sgd");

    public OptimizerConfig {
        type = type == null ? "adam" : type.toLowerCase(Locale.ROOT);
        lr = lr == null ? 1e-3 : lr;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        momentum = momentum == null ? 0.9 : momentum;
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
    }

    /** A fresh DJL optimizer with these settings. */
    public Optimizer build() {
        Tracker rate = Tracker.fixed(lr.floatValue());
        float decay = weightDecay.floatValue();
        switch (type) {
            case "adamw":
                return Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(decay).build();
            case "rmsprop":
                return Optimizer.rmsprop().optLearningRateTracker(rate).optWeightDecays(decay).build();
            case "sgd":
                return Optimizer.sgd().setLearningRateTracker(rate)
                        .optMomentum(momentum.floatValue()).optWeightDecays(decay).build();
            default:
                return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(decay).build();
        }
    }
}
