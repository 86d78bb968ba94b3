package siglab.core.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import siglab.api.Doc;

/**
 * How writers are split into training, validation and test writers, with no overlap: by counts
 * (values of 1 or more), by fractions of all writers (values below 1), both seeded, or by explicit
 * writer lists.
 */
@Doc("Writer-independent split: counts (>= 1) or fractions (< 1) of writers, or explicit writer lists.")
public record SplitConfig(
        @Doc("Training writers: a count, or a fraction of all writers.") Double train,
        @Doc("Validation writers (threshold and checkpoint selection): a count or a fraction.") Double val,
        @Doc("Test writers, never seen in training: a count or a fraction.") Double test,
        @Doc("Explicit training writers (default with explicit lists: every writer not in the other two).")
                List<String> trainWriters,
        @Doc("Explicit validation writers; with test-writers, replaces the counts.") List<String> valWriters,
        @Doc("Explicit test writers; with val-writers, replaces the counts.") List<String> testWriters) {

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
        trainWriters = trainWriters == null ? null : List.copyOf(trainWriters);
        valWriters = valWriters == null ? null : List.copyOf(valWriters);
        testWriters = testWriters == null ? null : List.copyOf(testWriters);
        boolean explicit = trainWriters != null || valWriters != null || testWriters != null;
        if (explicit && (valWriters == null || testWriters == null || valWriters.isEmpty() || testWriters.isEmpty())) {
            throw new IllegalArgumentException("val-writers and test-writers are both needed for an explicit split");
        }
        if (explicit) {
            Set<String> seen = new HashSet<>();
            for (List<String> list : java.util.Arrays.asList(trainWriters, valWriters, testWriters)) {
                for (String writer : list == null ? List.<String>of() : list) {
                    if (!seen.add(writer)) {
                        throw new IllegalArgumentException("writer '" + writer
                                + "' is in more than one part of the split: writers never overlap");
                    }
                }
            }
        }
    }

    /** True when writers are named rather than counted. */
    boolean explicit() {
        return valWriters != null;
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
