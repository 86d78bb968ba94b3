package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import siglab.core.WriterSplit;

/** Writer folds and the other splits, on writer ids alone. */
class WriterSplitsTest {

    static final long SEED = 42;

    static List<String> writers(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("w%03d", i)).toList();
    }

    static SplitConfig folds(int k, Double val) {
        return new SplitConfig(null, val, null, null, null, null, k, null);
    }

    @Test
    void everyWriterIsATestWriterExactlyOnceAndNoFoldMixesItsParts() {
        // 23 writers in 5 folds: 5 does not divide 23, so parts have 4 or 5 writers.
        List<String> writers = writers(23);
        List<WriterSplit> folds = WriterSplits.all(folds(5, null), writers, SEED);
        assertEquals(5, folds.size());
        Map<String, Integer> testedIn = new HashMap<>();
        for (WriterSplit split : folds) {
            for (String writer : split.test()) {
                assertEquals(null, testedIn.put(writer, split.fold()), writer + " is a test writer twice");
            }
            Set<String> all = new HashSet<>();
            all.addAll(split.train());
            all.addAll(split.val());
            all.addAll(split.test());
            assertEquals(split.train().size() + split.val().size() + split.test().size(), all.size(),
                    "fold " + split.fold() + ": a writer is in two parts");
            assertEquals(new HashSet<>(writers), all, "fold " + split.fold() + " uses every writer");
            assertEquals(5, split.folds());
            // A tenth of 23 writers rounds to 2.
            assertEquals(2, split.val().size());
        }
        assertEquals(new HashSet<>(writers), testedIn.keySet());
        assertEquals(List.of(1, 2, 3, 4, 5), folds.stream().map(WriterSplit::fold).toList());
        assertEquals(List.of(4, 5, 4, 5, 5), folds.stream().map(s -> s.test().size()).toList(),
                "near-equal parts: 23 = 4 + 5 + 4 + 5 + 5");
    }

    @Test
    void foldsAreTheSameForTheSameSeedAndDifferForAnother() {
        List<String> writers = writers(20);
        List<WriterSplit> first = WriterSplits.all(folds(4, null), writers, SEED);
        assertEquals(first, WriterSplits.all(folds(4, null), writers, SEED));
        List<WriterSplit> other = WriterSplits.all(folds(4, null), writers, SEED + 1);
        assertNotEquals(first.stream().map(WriterSplit::test).toList(), other.stream().map(WriterSplit::test).toList());
        // One fold run on its own is the same fold as in the group.
        SplitConfig third = new SplitConfig(null, null, null, null, null, null, 4, 3);
        assertEquals(first.get(2), WriterSplits.split(third, writers, SEED));
        assertEquals(List.of(first.get(2)), WriterSplits.all(third, writers, SEED));
    }

    @Test
    void validationWritersAreACountAFractionOrATenthAtLeastTwo() {
        List<String> writers = writers(55);
        assertEquals(6, WriterSplits.fold(folds(5, null), writers, SEED, 1).val().size(), "a tenth of 55, rounded");
        assertEquals(3, WriterSplits.fold(folds(5, 3.0), writers, SEED, 1).val().size());
        assertEquals(11, WriterSplits.fold(folds(5, 0.2), writers, SEED, 1).val().size());
        assertEquals(2, WriterSplits.fold(folds(3, null), writers(9), SEED, 1).val().size(), "at least 2");
        // Validation writers are drawn per fold, not always the first writers after the test part.
        Set<List<String>> validation = new HashSet<>();
        WriterSplits.all(folds(5, null), writers, SEED).forEach(s -> validation.add(s.val()));
        assertEquals(5, validation.size());
    }

    @Test
    void moreFoldsThanWritersOrNoWriterLeftToTrainIsAnErrorNamingTheKey() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> WriterSplits.all(folds(12, null), writers(10), SEED));
        assertEquals("dataset.split.folds: 12 folds need at least 12 writers (every fold tests on at least one), "
                + "but the dataset has 10", tooMany.getMessage());
        IllegalArgumentException noTraining = assertThrows(IllegalArgumentException.class,
                () -> WriterSplits.all(folds(2, 3.0), writers(6), SEED));
        assertEquals("dataset.split.val: fold 1 of 2 leaves 3 writers outside its 3 test writers; 3 validation "
                + "writers would leave none to train on (lower val or folds)", noTraining.getMessage());
        IllegalArgumentException noFold = assertThrows(IllegalArgumentException.class,
                () -> WriterSplits.split(folds(3, null), writers(9), SEED));
        assertTrue(noFold.getMessage().startsWith("dataset.split.fold: a config with 3 folds stands for one run per fold"),
                noFold.getMessage());
    }

    @Test
    void countedSplitsKeepTheirWritersAndExplicitListsNameUnknownWriters() {
        List<String> writers = writers(10);
        WriterSplit split = WriterSplits.split(new SplitConfig(6.0, 2.0, 2.0, null, null, null, null, null), writers, SEED);
        List<String> shuffled = new ArrayList<>(writers);
        java.util.Collections.shuffle(shuffled, new java.util.Random(SEED));
        assertEquals(shuffled.subList(0, 6), split.train(), "the same writers as before folds existed");
        assertEquals(shuffled.subList(6, 8), split.val());
        assertEquals(shuffled.subList(8, 10), split.test());
        assertEquals(0, split.fold());

        SplitConfig explicit = new SplitConfig(null, null, null, null, List.of("w001"), List.of("w002", "w099"), null, null);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> WriterSplits.split(explicit, writers, SEED));
        assertTrue(unknown.getMessage().startsWith("dataset.split.test-writers names writer 'w099'"), unknown.getMessage());
    }
}
