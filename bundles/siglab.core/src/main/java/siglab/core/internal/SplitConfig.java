package siglab.core.internal;

import siglab.api.Doc;

/**
 * How writers are split into training, validation and test writers, with no overlap. Values of 1
 * or more are writer counts; values below 1 are fractions of all writers.
 */
@Doc("Writer-independent split: counts (>= 1) or fractions (< 1) of writers.")
public record SplitConfig(
        @Doc("Training writers: a count, or a fraction of all writers.") Double train,
        @Doc("Validation writers (threshold and checkpoint selection): a count or a fraction.") Double val,
        @Doc("Test writers, never seen in training: a count or a fraction.") Double test) {

    public SplitConfig {
        train = train == null ? 0.7 : train;
        val = val == null ? 0.15 : val;
        test = test == null ? 0.15 : test;
        for (double v : new double[] {train, val, test}) {
            if (v < 0) {
                throw new IllegalArgumentException("split values must not be negative, was " + v);
            }
        }
        if (val <= 0 || test <= 0 || train <= 0) {
            throw new IllegalArgumentException("train, val and test each need at least one writer");
        }
    }

    /** Writer counts for {@code writers} writers: (train, val, test). */
    int[] counts(int writers) {
        boolean fractions = train < 1 && val < 1 && test < 1;
        int v = fractions ? Math.max(1, (int) Math.round(val * writers)) : (int) Math.round(val);
        int t = fractions ? Math.max(1, (int) Math.round(test * writers)) : (int) Math.round(test);
        int tr = fractions ? writers - v - t : (int) Math.round(train);
        if (tr < 1 || tr + v + t > writers) {
            throw new IllegalArgumentException("the split asks for " + tr + " + " + v + " + " + t
                    + " writers but the dataset has " + writers);
        }
        return new int[] {tr, v, t};
    }
}
