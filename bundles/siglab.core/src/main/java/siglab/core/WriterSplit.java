package siglab.core;

import java.util.List;

/**
 * Which writers train, validate and test in one run, by writer id, with no writer in two parts.
 *
 * @param fold the writer fold this split tests on (1-based), or 0 when the config has no folds
 * @param folds the number of writer folds, or 0 when the config has no folds
 * @param train the training writers
 * @param val the validation writers (threshold and checkpoint selection)
 * @param test the test writers, never seen in training or in any choice
 * @since 1.1
 */
public record WriterSplit(int fold, int folds, List<String> train, List<String> val, List<String> test) {
    public WriterSplit {
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
    }
}
