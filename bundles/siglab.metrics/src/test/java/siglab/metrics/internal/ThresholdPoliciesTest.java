package siglab.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import siglab.api.eval.ScoredPair;

class ThresholdPoliciesTest {

    // Genuine 0.1 0.2 0.3 0.6, skilled 0.4 0.7, random 0.8 0.9: EER 0.25 at 0.4 (see RankingMetricTest).
    private final List<ScoredPair> validation =
            Pairs.of().genuine(0.1, 0.2, 0.3, 0.6).skilled(0.4, 0.7).random(0.8, 0.9).list();

    @Test
    void fixedReturnsItsValueAndDefaultsToTheNotebooks() {
        assertEquals(1.3, new FixedThresholdConfig(null).value());
        assertEquals(0.8, new FixedThresholdPolicy().choose(new FixedThresholdConfig(0.8), validation));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new FixedThresholdConfig(-1.0));
        assertTrue(error.getMessage().startsWith("value"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedThresholdConfig(Double.NaN));
    }

    @Test
    void eerPicksTheCrossing() {
        assertEquals(0.4, new EerThresholdPolicy().choose(new EerConfig(), validation), 1e-12);
        // Interpolated: EER at 0.35 (see RankingMetricTest).
        List<ScoredPair> tied = Pairs.of().genuine(0.1, 0.2, 0.4, 0.6).skilled(0.3, 0.5).random(0.4, 0.7).list();
        assertEquals(0.35, new EerThresholdPolicy().choose(new EerConfig(), tied), 1e-12);
    }

    @Test
    void maxAccuracyPicksTheBestAndOnTiesTheSmallest() {
        // Correct decisions by threshold (8 pairs): none 4, 0.1 5, 0.2 6, 0.3 7, 0.4 6, 0.6 7,
        // 0.7 6, 0.8 5, 0.9 4. Best 7, first at 0.3.
        assertEquals(0.3, new MaxAccuracyThresholdPolicy().choose(new MaxAccuracyConfig(), validation));
        // A single best: genuine 0.1 0.3 0.5, negatives 0.2 0.9. Correct: none 2, 0.1 3, 0.2 2,
        // 0.3 3, 0.5 4, 0.9 3.
        List<ScoredPair> other = Pairs.of().genuine(0.1, 0.3, 0.5).skilled(0.2, 0.9).list();
        assertEquals(0.5, new MaxAccuracyThresholdPolicy().choose(new MaxAccuracyConfig(), other));
    }

    @Test
    void targetFarPicksTheLargestThresholdWithinTarget() {
        TargetFarThresholdPolicy policy = new TargetFarThresholdPolicy();
        assertEquals(0.01, new TargetFarConfig(null).far());
        // FAR 0 up to 0.3, 1/4 from 0.4, 2/4 from 0.7 (0.6 is genuine, so FAR stays 1/4 there).
        assertEquals(0.3, policy.choose(new TargetFarConfig(0.0), validation));
        assertEquals(0.3, policy.choose(new TargetFarConfig(0.01), validation));
        assertEquals(0.6, policy.choose(new TargetFarConfig(0.25), validation));
        assertEquals(0.6, policy.choose(new TargetFarConfig(0.3), validation));
        assertEquals(0.9, policy.choose(new TargetFarConfig(1.0), validation));
        // The smallest distance is a negative: nothing can be accepted at FAR 0.
        double none = policy.choose(new TargetFarConfig(0.0), Pairs.of().skilled(0.1).genuine(0.2).list());
        assertTrue(none < 0.1);
        assertEquals(0, new VerificationMetric().compute(Pairs.of().skilled(0.1).genuine(0.2).list(), none).get("fp"));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new TargetFarConfig(1.5));
        assertTrue(error.getMessage().startsWith("far"), error.getMessage());
    }

    @Test
    void learnedPoliciesRefuseOneClassValidation() {
        List<ScoredPair> genuineOnly = Pairs.of().genuine(0.1, 0.2).list();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new EerThresholdPolicy().choose(new EerConfig(), genuineOnly));
        assertTrue(error.getMessage().contains("eer"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new MaxAccuracyThresholdPolicy().choose(new MaxAccuracyConfig(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new TargetFarThresholdPolicy().choose(new TargetFarConfig(null), genuineOnly));
    }
}
