package siglab.core.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import siglab.api.Doc;

/**
 * How writers are split into training, validation and test writers, with no overlap: by counts
 * (values of 1 or more), by fractions of all writers (values below 1), both seeded, by explicit
 * writer lists, or into writer folds for cross-validation (every writer a test writer in exactly
 * one fold). {@link WriterSplits} applies it to a dataset's writers.
 */
@Doc("Writer-independent split: counts (>= 1) or fractions (< 1) of writers, explicit writer lists, or writer folds.")
public record SplitConfig(
        @Doc("Training writers: a count, or a fraction of all writers (with folds: every writer neither tested nor validated on).")
                Double train,
        @Doc("Validation writers (threshold and checkpoint selection): a count or a fraction; with folds, drawn from "
                + "the writers outside the fold's test part (default 0.1 of all writers, at least 2).") Double val,
        @Doc("Test writers, never seen in training: a count or a fraction (with folds: the fold's part).") Double test,
        @Doc("Explicit training writers (default with explicit lists: every writer not in the other two).")
                List<String> trainWriters,
        @Doc("Explicit validation writers; with test-writers, replaces the counts.") List<String> valWriters,
        @Doc("Explicit test writers; with val-writers, replaces the counts.") List<String> testWriters,
        @Doc("Writer folds for cross-validation (at least 2): the writers, shuffled with the seed, are cut into this "
                + "many near-equal parts and each fold tests on one part; run starts one run per fold.") Integer folds,
        @Doc("The one fold (1..folds) to run, as a plain run; without it a config with folds runs every fold.")
                Integer fold) {

    /** Validation writers with folds when val is not given: a tenth of all writers, at least 2. */
    static final double FOLD_VALIDATION = 0.1;

    public SplitConfig {
        if (folds != null || fold != null) {
            // The fold's part of the writers is its test set and the rest is shared out: counts
            // or lists for train and test would contradict that, so they are errors, not ignored.
            if (folds == null) {
                throw new IllegalArgumentException("fold needs folds: fold N runs one of K writer folds, e.g. "
                        + "split: {folds: 5, fold: 2}");
            }
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2 (each writer is a test writer in one "
                        + "fold, trained on in the others), was " + folds);
            }
            if (fold != null && (fold < 1 || fold > folds)) {
                throw new IllegalArgumentException("fold must be in 1.." + folds + " (one of the " + folds
                        + " folds), was " + fold);
            }
            if (test != null) {
                throw new IllegalArgumentException("test cannot be combined with folds: each fold tests on its own "
                        + "part (1/" + folds + ") of the writers; give the whole split, e.g. split: {folds: " + folds
                        + "}, or set test: null");
            }
            if (testWriters != null) {
                throw new IllegalArgumentException("test-writers cannot be combined with folds: each fold tests on "
                        + "its own part of the writers");
            }
            if (valWriters != null || trainWriters != null) {
                throw new IllegalArgumentException((valWriters != null ? "val-writers" : "train-writers")
                        + " cannot be combined with folds: each fold draws its writers from the seed");
            }
            if (train != null) {
                throw new IllegalArgumentException("train cannot be combined with folds: every writer that is "
                        + "neither a test nor a validation writer of a fold trains; set train: null");
            }
            val = val == null ? FOLD_VALIDATION : val;
            if (val <= 0) {
                throw new IllegalArgumentException("val must be positive (a count, or a fraction of all writers), was "
                        + val);
            }
        } else {
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
    }

    /** True when writers are named rather than counted. */
    boolean explicit() {
        return valWriters != null;
    }

    /** True when the writers are cut into folds. */
    boolean folded() {
        return folds != null;
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

    /**
     * Validation writers of each fold among {@code writers} writers: a count as given, or a
     * fraction of all writers, at least 2 (so that random-forgery pairs, which need two writers,
     * take part in choosing the threshold).
     */
    int foldValidationCount(int writers) {
        return val >= 1 ? (int) Math.round(val) : Math.max(2, (int) Math.round(val * writers));
    }
}
