package siglab.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;

class PerWriterMetricTest {

    private final PerWriterMetric metric = new PerWriterMetric();
    private final List<ScoredPair> pairs = new ArrayList<>();

    private void add(String writer, PairKind kind, double... distances) {
        for (double distance : distances) {
            pairs.add(new ScoredPair("a" + pairs.size(), "b" + pairs.size(), writer, kind, distance));
        }
    }

    @Test
    void eachWritersEerAndTheirMeanAndSd() {
        // Writer 10: genuine 0.1 0.3, skilled 0.2 0.4. At 0.2 FAR = FRR = 1/2: EER 0.5.
        add("10", PairKind.GENUINE, 0.1, 0.3);
        add("10", PairKind.SKILLED, 0.2, 0.4);
        // Writer 2: genuine 0.1 0.2 below both negatives: EER 0.
        add("2", PairKind.GENUINE, 0.1, 0.2);
        add("2", PairKind.SKILLED, 0.3);
        add("2", PairKind.RANDOM, 0.4);
        // Writer 3: genuine 0.1 0.2 0.4, negatives 0.3 0.5 0.6 0.7. At 0.3 FAR 1/4, FRR 1/3
        // (gap -1/12); at 0.4 FAR 1/4, FRR 0 (gap 1/4): they cross a quarter of the way, FAR 1/4.
        add("3", PairKind.GENUINE, 0.1, 0.2, 0.4);
        add("3", PairKind.SKILLED, 0.3, 0.5);
        add("3", PairKind.RANDOM, 0.6, 0.7);
        // Writer 4: only genuine pairs, no EER.
        add("4", PairKind.GENUINE, 0.2);

        Map<String, Double> m = metric.compute(pairs, 123);

        assertEquals(List.of("eer_writer_2", "pairs_writer_2", "eer_writer_3", "pairs_writer_3",
                "eer_writer_4", "pairs_writer_4", "eer_writer_10", "pairs_writer_10",
                "eer_writer_mean", "eer_writer_sd", "writers", "writers_without_eer"), List.copyOf(m.keySet()));
        assertEquals(0.0, m.get("eer_writer_2"), 1e-12);
        assertEquals(0.25, m.get("eer_writer_3"), 1e-12);
        assertTrue(m.get("eer_writer_4").isNaN());
        assertEquals(0.5, m.get("eer_writer_10"), 1e-12);
        assertEquals(4, m.get("pairs_writer_2"));
        assertEquals(7, m.get("pairs_writer_3"));
        // Mean of 0, 0.25, 0.5 = 0.25; deviations -0.25, 0, 0.25: sqrt(0.125 / 2) = 0.25.
        assertEquals(0.25, m.get("eer_writer_mean"), 1e-12);
        assertEquals(0.25, m.get("eer_writer_sd"), 1e-12);
        assertEquals(3, m.get("writers"));
        assertEquals(1, m.get("writers_without_eer"));
    }

    @Test
    void oneWriterHasNoSdAndNoPairsHaveNoMean() {
        add("w", PairKind.GENUINE, 0.1);
        add("w", PairKind.SKILLED, 0.9);
        Map<String, Double> one = metric.compute(pairs, 0);
        assertEquals(0.0, one.get("eer_writer_mean"), 1e-12);
        assertTrue(one.get("eer_writer_sd").isNaN());
        assertEquals(1, one.get("writers"));

        Map<String, Double> none = metric.compute(List.of(), 0);
        assertTrue(none.get("eer_writer_mean").isNaN());
        assertEquals(0, none.get("writers"));
        assertEquals(0, none.get("writers_without_eer"));
    }

    @Test
    void idsBecomeSafeKeysThatCannotHideTheSummary() {
        assertEquals("person_1", PerWriterMetric.key("person 1"));
        assertEquals("id_mean", PerWriterMetric.key("mean"));
        assertEquals("049", PerWriterMetric.key("049"));
    }

    @Test
    void idsSortAsPeopleReadThem() {
        List<String> ids = new ArrayList<>(List.of("person10", "person2", "10", "9", "b", "a", "009"));
        ids.sort(PerWriterMetric::compareNatural);
        assertEquals(List.of("009", "9", "10", "a", "b", "person2", "person10"), ids);
    }
}
