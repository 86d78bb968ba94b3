package siglab.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.api.eval.ScoredPair;

class VerificationMetricTest {

    private final VerificationMetric metric = new VerificationMetric();

    @Test
    void countsDecisionsAtTheThreshold() {
        // Threshold 0.5: genuine 0.1 0.3 0.45 accepted, 0.7 rejected -> tp 3, fn 1.
        // Skilled 0.2 0.5 accepted (0.5 <= 0.5), 0.8 rejected -> 2 of 3.
        // Random 0.4 accepted, 0.9 0.95 rejected -> 1 of 3.
        List<ScoredPair> pairs = Pairs.of()
                .genuine(0.1, 0.3, 0.45, 0.7)
                .skilled(0.2, 0.5, 0.8)
                .random(0.4, 0.9, 0.95)
                .list();
        Map<String, Double> m = metric.compute(pairs, 0.5);

        assertEquals(3, m.get("tp"));
        assertEquals(1, m.get("fn"));
        assertEquals(3, m.get("fp"));
        assertEquals(3, m.get("tn"));
        assertEquals(6.0 / 10, m.get("accuracy"), 1e-12);
        assertEquals(3.0 / 6, m.get("far"), 1e-12);
        assertEquals(2.0 / 3, m.get("far_skilled"), 1e-12);
        assertEquals(1.0 / 3, m.get("far_random"), 1e-12);
        assertEquals(1.0 / 4, m.get("frr"), 1e-12);
        // (TPR 3/4 + TNR 3/6) / 2
        assertEquals((0.75 + 0.5) / 2, m.get("balanced_accuracy"), 1e-12);
        assertEquals(10, m.get("pairs"));
        assertEquals(4, m.get("pairs_genuine"));
        assertEquals(6, m.get("pairs_negative"));
        assertEquals(3, m.get("pairs_skilled"));
        assertEquals(3, m.get("pairs_random"));
    }

    @Test
    void keysComeInAStableOrder() {
        Map<String, Double> m = metric.compute(Pairs.of().genuine(0.1).skilled(0.9).list(), 0.5);
        assertEquals(List.of("accuracy", "balanced_accuracy", "far", "far_skilled", "far_random", "frr",
                "tp", "fp", "tn", "fn", "pairs", "pairs_genuine", "pairs_negative", "pairs_skilled",
                "pairs_random"), List.copyOf(m.keySet()));
        assertEquals(1.0, m.get("accuracy"));
    }

    @Test
    void emptyDenominatorsAreNaNNotZero() {
        // No random pairs, and every decision correct.
        Map<String, Double> m = metric.compute(Pairs.of().genuine(0.1, 0.2).skilled(0.9).list(), 0.5);
        assertTrue(m.get("far_random").isNaN());
        assertTrue(m.containsKey("far_random"));
        assertEquals(0.0, m.get("far_skilled"));
        assertEquals(0.0, m.get("pairs_random"));

        // Genuine pairs only: the confusion matrix Smile builds is 1 x 1 or 2 x 2 depending on
        // the decisions, and either way every negative-class rate is NaN.
        Map<String, Double> genuineOnly = metric.compute(Pairs.of().genuine(0.9, 0.95).list(), 0.5);
        assertTrue(genuineOnly.get("far").isNaN());
        assertEquals(1.0, genuineOnly.get("frr"));
        assertEquals(2, genuineOnly.get("fn"));
        assertTrue(genuineOnly.get("balanced_accuracy").isNaN());

        Map<String, Double> negativesOnly = metric.compute(Pairs.of().random(0.9).list(), 0.5);
        assertEquals(1, negativesOnly.get("tn"));
        assertEquals(0.0, negativesOnly.get("far"));
        assertTrue(negativesOnly.get("frr").isNaN());

        Map<String, Double> empty = metric.compute(List.of(), 0.5);
        assertTrue(empty.get("accuracy").isNaN());
        assertTrue(empty.get("far").isNaN());
        assertTrue(empty.get("frr").isNaN());
        assertEquals(0.0, empty.get("pairs"));
    }

    @Test
    void aNaNDistanceIsRejected() {
        Map<String, Double> m = metric.compute(Pairs.of().genuine(Double.NaN).skilled(Double.NaN).list(), 0.5);
        assertEquals(1, m.get("fn"));
        assertEquals(1, m.get("tn"));
    }
}
