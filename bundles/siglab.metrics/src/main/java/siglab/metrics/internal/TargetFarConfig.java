package siglab.metrics.internal;

import siglab.api.Doc;

/**
 * Configuration of {@link TargetFarThresholdPolicy}.
 *
 * @param far the largest false accept rate allowed on validation pairs
 */
@Doc("The largest threshold whose false accept rate on validation pairs stays within a target.")
public record TargetFarConfig(
        @Doc("Largest share of validation negatives (skilled and random) that may be accepted, in [0, 1].")
        Double far) {

    /** One false accept in a hundred. */
    public static final double DEFAULT_FAR = 0.01;

    public TargetFarConfig {
        if (far == null) {
            far = DEFAULT_FAR;
        }
        if (!(far >= 0 && far <= 1)) {
            throw new IllegalArgumentException("far must be in [0, 1], got " + far);
        }
    }
}
