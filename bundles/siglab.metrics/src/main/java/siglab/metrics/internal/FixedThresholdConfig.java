package siglab.metrics.internal;

import siglab.api.Doc;

/**
 * Configuration of {@link FixedThresholdPolicy}.
 *
 * @param value the threshold itself
 */
@Doc("A threshold given in the config, not learnt from validation pairs.")
public record FixedThresholdConfig(
        @Doc("Distance at or below which a pair is called similar (the seed notebook used 1.3).")
        Double value) {

    /** The seed notebook's threshold on squared Euclidean distances. */
    public static final double DEFAULT_VALUE = 1.3;

    public FixedThresholdConfig {
        if (value == null) {
            value = DEFAULT_VALUE;
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("value must be a finite distance >= 0, got " + value);
        }
    }
}
