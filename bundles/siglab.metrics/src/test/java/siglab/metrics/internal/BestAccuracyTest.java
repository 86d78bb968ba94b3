package siglab.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import siglab.api.eval.ScoredPair;

/** The best accuracy over thresholds (SigNet's optimistic measure), counted by hand. */
class BestAccuracyTest {

    @Test
    void aTieCannotBeSplitEvenWhereSplittingItWouldBePerfect() {
        // Genuine 0.1 0.3 0.3, skilled 0.3 0.5. Accepting the two genuine pairs at 0.3 but not the
        // skilled one would be 100 %, but a threshold can only fall between distinct distances.
        // Correct decisions by threshold (5 pairs): none 2, 0.1 3, 0.3 3 + 1 = 4, 0.5 3.
        RocCurve.BestAccuracy best = best(Pairs.of().genuine(0.1, 0.3, 0.3).skilled(0.3, 0.5));
        assertEquals(0.3, best.threshold());
        assertEquals(4, best.correct());
        assertEquals(5, best.pairs());
        assertEquals(0.8, best.accuracy(), 1e-12);
    }

    @Test
    void equalAccuraciesGoToTheSmallestThreshold() {
        // Genuine 0.1 0.2 0.3 0.6, skilled 0.4 0.7, random 0.8 0.9. Correct: none 4, 0.1 5, 0.2 6,
        // 0.3 7, 0.4 6, 0.6 7, 0.7 6, 0.8 5, 0.9 4: 7 of 8 at 0.3 and at 0.6; 0.3 wins.
        RocCurve.BestAccuracy best = best(Pairs.of().genuine(0.1, 0.2, 0.3, 0.6).skilled(0.4, 0.7).random(0.8, 0.9));
        assertEquals(0.3, best.threshold());
        assertEquals(7.0 / 8, best.accuracy(), 1e-12);
    }

    @Test
    void allDistancesEqualLeavesOnlyAcceptingAllOrNothing() {
        // Two genuine and three negative pairs at 0.5: accept nothing (3 of 5 right) or all (2 of 5).
        List<ScoredPair> pairs = Pairs.of().genuine(0.5, 0.5).skilled(0.5, 0.5).random(0.5).list();
        RocCurve.BestAccuracy best = RocCurve.of(pairs).bestAccuracy();
        assertEquals(0.6, best.accuracy(), 1e-12);
        assertTrue(best.threshold() < 0.5, "accepts nothing: " + best.threshold());
        assertEquals(0.0, new VerificationMetric().compute(pairs, best.threshold()).get("tp"));
        // More genuine than negative pairs: accepting all is best.
        assertEquals(0.5, best(Pairs.of().genuine(0.5, 0.5, 0.5).skilled(0.5)).threshold());
        assertEquals(0.75, best(Pairs.of().genuine(0.5, 0.5, 0.5).skilled(0.5)).accuracy(), 1e-12);
    }

    @Test
    void perfectlySeparableIsOneHundredPercent() {
        RocCurve.BestAccuracy best = best(Pairs.of().genuine(0.1, 0.2, 0.35).skilled(0.4, 0.9).random(0.6));
        assertEquals(1.0, best.accuracy());
        assertEquals(0.35, best.threshold());
        assertEquals(6, best.correct());
    }

    @Test
    void smallDistanceMeansSimilar() {
        // Genuine pairs far apart and forgeries close: perfectly separable the wrong way round, which
        // a distance threshold must not exploit. Accepting nothing (or all) is right half the time.
        RocCurve.BestAccuracy best = best(Pairs.of().genuine(0.8, 0.9).skilled(0.1, 0.2));
        assertEquals(0.5, best.accuracy(), 1e-12);
        assertTrue(best.threshold() < 0.1, "the smallest of the equally good thresholds: " + best.threshold());
    }

    @Test
    void unscorablePairsAreRejected() {
        // A NaN genuine pair is a false reject at every threshold; a NaN forgery a true reject.
        // Genuine 0.1 NaN, skilled 0.5 NaN: at 0.1, 1 + 2 = 3 of 4.
        RocCurve.BestAccuracy best = best(Pairs.of().genuine(0.1, Double.NaN).skilled(0.5, Double.NaN));
        assertEquals(0.1, best.threshold());
        assertEquals(0.75, best.accuracy(), 1e-12);
        assertEquals(4, best.pairs());
    }

    @Test
    void noPairsGiveNaN() {
        RocCurve.BestAccuracy best = RocCurve.of(List.of()).bestAccuracy();
        assertTrue(Double.isNaN(best.accuracy()));
        assertTrue(Double.isNaN(best.threshold()));
    }

    @Test
    void theOnePassAgreesWithTryingEveryThreshold() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            Pairs pairs = Pairs.of();
            for (int i = 0; i < 30; i++) {
                // Rounded so that ties within and across classes occur.
                pairs.genuine(Math.round((random.nextGaussian() + 1) * 5) / 5.0);
                pairs.skilled(Math.round((random.nextGaussian() + 1.8) * 5) / 5.0);
                if (i % 3 == 0) {
                    pairs.random(Math.round((random.nextGaussian() + 2.5) * 5) / 5.0);
                }
            }
            List<ScoredPair> list = pairs.list();
            TreeSet<Double> candidates = new TreeSet<>();
            list.forEach(pair -> candidates.add(pair.distance()));
            candidates.add(Double.NEGATIVE_INFINITY);
            double bestAccuracy = -1;
            double bestThreshold = Double.NaN;
            VerificationMetric decisions = new VerificationMetric();
            for (double threshold : candidates) {
                double accuracy = decisions.compute(list, threshold).get("accuracy");
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestThreshold = threshold;
                }
            }
            RocCurve.BestAccuracy best = RocCurve.of(list).bestAccuracy();
            assertEquals(bestAccuracy, best.accuracy(), 1e-12, "trial " + trial);
            assertEquals(bestAccuracy, decisions.compute(list, best.threshold()).get("accuracy"), 1e-12);
            if (bestThreshold != Double.NEGATIVE_INFINITY) {
                assertEquals(bestThreshold, best.threshold(), "trial " + trial);
            }
        }
    }

    @Test
    void theMaxAccuracyPolicyIsTheBestAccuracyThreshold() {
        List<ScoredPair> pairs = Pairs.of().genuine(0.1, 0.3, 0.5).skilled(0.2, 0.9).list();
        assertEquals(RocCurve.of(pairs).bestAccuracy().threshold(),
                new MaxAccuracyThresholdPolicy().choose(new MaxAccuracyConfig(), pairs));
    }

    private static RocCurve.BestAccuracy best(Pairs pairs) {
        return RocCurve.of(pairs.list()).bestAccuracy();
    }
}
