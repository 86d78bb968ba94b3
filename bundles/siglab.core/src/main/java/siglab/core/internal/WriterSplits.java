package siglab.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import siglab.core.WriterSplit;

/**
 * The one place where a {@link SplitConfig} meets a dataset's writers: which writers train,
 * validate and test in a run. Counted and fractional splits shuffle the writers with the seed and
 * cut them in three. Writer folds shuffle them the same way and cut them into K near-equal parts
 * (sizes differ by at most one); fold i tests on part i, draws its validation writers with the seed
 * from the other parts and trains on the rest, so that over the K folds every writer is a test
 * writer exactly once.
 */
final class WriterSplits {

    private WriterSplits() {}

    /**
     * The split of one run.
     *
     * @param writers writer ids in the dataset's order
     * @throws IllegalArgumentException when the split does not fit the writers, naming the key
     */
    static WriterSplit split(SplitConfig config, List<String> writers, long seed) {
        requireOneRun(config);
        if (config.folded()) {
            return fold(config, writers, seed, config.fold());
        }
        if (config.explicit()) {
            Set<String> known = new LinkedHashSet<>(writers);
            List<String> val = named(config.valWriters(), known, "val-writers");
            List<String> test = named(config.testWriters(), known, "test-writers");
            List<String> train;
            if (config.trainWriters() != null) {
                train = named(config.trainWriters(), known, "train-writers");
            } else {
                train = new ArrayList<>(writers);
                train.removeAll(val);
                train.removeAll(test);
            }
            return new WriterSplit(0, 0, train, val, test);
        }
        int[] counts = config.counts(writers.size());
        List<String> shuffled = shuffled(writers, seed);
        return new WriterSplit(0, 0, shuffled.subList(0, counts[0]), shuffled.subList(counts[0], counts[0] + counts[1]),
                shuffled.subList(counts[0] + counts[1], counts[0] + counts[1] + counts[2]));
    }

    /** Refuses a config with folds but no fold chosen: one run is one fold. */
    static void requireOneRun(SplitConfig config) {
        if (config.folded() && config.fold() == null) {
            throw new IllegalArgumentException("dataset.split.fold: a config with " + config.folds()
                    + " folds stands for one run per fold (siglab run starts them as a group); name the fold "
                    + "(dataset.split.fold=N) to run one of them");
        }
    }

    /**
     * Every split the config stands for: one per fold for a config with folds and no fold chosen,
     * otherwise the one split of {@link #split}.
     */
    static List<WriterSplit> all(SplitConfig config, List<String> writers, long seed) {
        if (!config.folded() || config.fold() != null) {
            return List.of(split(config, writers, seed));
        }
        List<WriterSplit> folds = new ArrayList<>();
        for (int fold = 1; fold <= config.folds(); fold++) {
            folds.add(fold(config, writers, seed, fold));
        }
        return folds;
    }

    /** Fold {@code fold} (1-based) of a config with folds. */
    static WriterSplit fold(SplitConfig config, List<String> writers, long seed, int fold) {
        int n = writers.size();
        int k = config.folds();
        if (k > n) {
            throw new IllegalArgumentException("dataset.split.folds: " + k + " folds need at least " + k
                    + " writers (every fold tests on at least one), but the dataset has " + n);
        }
        List<String> shuffled = shuffled(writers, seed);
        // Part i holds shuffled[floor(i n / k), floor((i + 1) n / k)): sizes differ by at most one.
        int from = (int) ((long) (fold - 1) * n / k);
        int to = (int) ((long) fold * n / k);
        List<String> test = shuffled.subList(from, to);
        List<String> rest = new ArrayList<>(shuffled.subList(0, from));
        rest.addAll(shuffled.subList(to, n));
        int validation = config.foldValidationCount(n);
        if (validation > rest.size() - 1) {
            throw new IllegalArgumentException("dataset.split.val: fold " + fold + " of " + k + " leaves " + rest.size()
                    + " writers outside its " + test.size() + " test writers; " + validation
                    + " validation writers would leave none to train on (lower val or folds)");
        }
        // Drawn with the seed and the fold, so that each fold's validation writers are its own
        // and the same every time.
        Collections.shuffle(rest, new Random(seed * 1_000_003L + fold));
        return new WriterSplit(fold, k, rest.subList(validation, rest.size()), rest.subList(0, validation), test);
    }

    private static List<String> shuffled(List<String> writers, long seed) {
        List<String> shuffled = new ArrayList<>(writers);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }

    private static List<String> named(List<String> ids, Set<String> known, String key) {
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("dataset.split." + key + " names writer '" + id
                        + "', which the dataset does not have (it has " + known.size() + " writers, e.g. "
                        + String.join(", ", known.stream().limit(5).toList()) + ")");
            }
        }
        return ids;
    }
}
