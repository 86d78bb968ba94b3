package siglab.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siglab.api.eval.ScoredPair;

class RankingMetricTest {

    private final RankingMetric metric = new RankingMetric();

    @Test
    void aucOfPerfectReversedAndTiedScores() {
        assertEquals(1.0, auc(Pairs.of().genuine(0.1, 0.2).skilled(0.8, 0.9).random(0.7)), 1e-12);
        assertEquals(0.0, auc(Pairs.of().genuine(0.8, 0.9).skilled(0.1, 0.2)), 1e-12);
        assertEquals(0.5, auc(Pairs.of().genuine(0.5, 0.5).skilled(0.5, 0.5, 0.5)), 1e-12);
    }

    @Test
    void aucMatchesAHandCount() {
        // Genuine 0.1 0.4 0.6, negatives 0.3 0.4 0.9: of the 9 (genuine, negative) orderings
        // 0.1 beats all 3; 0.4 beats 0.9, ties 0.4 (half), loses to 0.3; 0.6 beats 0.9 only.
        // (3 + 1.5 + 1) / 9 = 5.5 / 9.
        assertEquals(5.5 / 9, auc(Pairs.of().genuine(0.1, 0.4, 0.6).skilled(0.3).random(0.4, 0.9)), 1e-12);
    }

    @Test
    void aucEqualsTheTrapezoidAreaUnderTheRocCurve() {
        Random random = new Random(7);
        Pairs pairs = Pairs.of();
        for (int i = 0; i < 40; i++) {
            // Rounded so that ties across classes occur.
            pairs.genuine(Math.round((random.nextGaussian() + 1) * 10) / 10.0);
            pairs.skilled(Math.round((random.nextGaussian() + 2) * 10) / 10.0);
        }
        List<ScoredPair> list = pairs.list();
        double area = 0;
        List<RocCurve.Point> points = RocCurve.of(list).points();
        for (int i = 1; i < points.size(); i++) {
            RocCurve.Point a = points.get(i - 1);
            RocCurve.Point b = points.get(i);
            area += (b.falseAcceptRate() - a.falseAcceptRate()) * (a.trueAcceptRate() + b.trueAcceptRate()) / 2;
        }
        assertEquals(area, metric.compute(list, 0).get("auc"), 1e-12);
    }

    @Test
    void eerIsExactWhereFarMeetsFrrAtAPoint() {
        // Genuine 0.1 0.2 0.3 0.6, skilled 0.4 0.7 0.8 0.9.
        // At threshold 0.4: FRR = 1/4 (0.6 rejected), FAR = 1/4 (0.4 accepted): EER 0.25.
        Map<String, Double> m = metric.compute(
                Pairs.of().genuine(0.1, 0.2, 0.3, 0.6).skilled(0.4, 0.7, 0.8, 0.9).list(), 0);
        assertEquals(0.25, m.get("eer"), 1e-12);
        assertEquals(0.4, m.get("eer_threshold"), 1e-12);
    }

    @Test
    void eerIsInterpolatedBetweenTheBracketingPoints() {
        // Genuine 0.1 0.2 0.4 0.6, negatives 0.3 0.4 0.5 0.7 (a tie at 0.4).
        // At 0.3: FAR 1/4, FRR 2/4, FAR - FRR = -1/4.
        // At 0.4: FAR 2/4, FRR 1/4, FAR - FRR = +1/4 (both move: the tie is one step).
        // They cross half way: t = 0.5, EER = 1/4 + 0.5 * 1/4 = 0.375, threshold 0.35.
        Map<String, Double> m = metric.compute(
                Pairs.of().genuine(0.1, 0.2, 0.4, 0.6).skilled(0.3, 0.5).random(0.4, 0.7).list(), 0);
        assertEquals(0.375, m.get("eer"), 1e-12);
        assertEquals(0.35, m.get("eer_threshold"), 1e-12);

        // Unequal classes: genuine 0.1 0.5, negatives 0.2 0.3 0.4 0.6.
        // At 0.2: FAR 1/4, FRR 1/2; at 0.3: FAR 2/4, FRR 1/2 -> they meet at a point: EER 0.5 at 0.3.
        Map<String, Double> unequal = metric.compute(
                Pairs.of().genuine(0.1, 0.5).skilled(0.2, 0.3, 0.4, 0.6).list(), 0);
        assertEquals(0.5, unequal.get("eer"), 1e-12);
        assertEquals(0.3, unequal.get("eer_threshold"), 1e-12);

        // Only FRR moves across the crossing: genuine 0.3 0.5, negatives 0.1 0.6 0.7 0.8.
        // At 0.1: FAR 1/4, FRR 1 (gap -3/4); 0.3: FAR 1/4, FRR 1/2 (-1/4); 0.5: FAR 1/4, FRR 0 (+1/4).
        // t = (1/4) / (1/2) = 0.5: FRR half way from 1/2 to 0 is 1/4 = FAR, threshold 0.4.
        Map<String, Double> steps = metric.compute(
                Pairs.of().genuine(0.3, 0.5).skilled(0.1, 0.6).random(0.7, 0.8).list(), 0);
        assertEquals(0.25, steps.get("eer"), 1e-12);
        assertEquals(0.4, steps.get("eer_threshold"), 1e-12);
    }

    @Test
    void oneClassGivesNaN() {
        Map<String, Double> m = metric.compute(Pairs.of().genuine(0.1, 0.2).list(), 0);
        assertTrue(m.get("auc").isNaN());
        assertTrue(m.get("eer").isNaN());
        assertTrue(m.get("eer_threshold").isNaN());
        assertTrue(metric.compute(List.of(), 0).get("auc").isNaN());
    }

    @Test
    void rocPointsMoveTiesTogether() {
        List<RocCurve.Point> points = RocCurve.of(
                Pairs.of().genuine(0.2, 0.5).skilled(0.5, 0.9).list()).points();
        // Accept nothing, then 0.2, then 0.5 (one genuine and one skilled together), then 0.9.
        assertEquals(4, points.size());
        assertEquals(0.0, points.get(0).falseAcceptRate());
        assertEquals(1.0, points.get(0).falseRejectRate());
        assertEquals(0.5, points.get(2).threshold());
        assertEquals(0.5, points.get(2).falseAcceptRate());
        assertEquals(0.0, points.get(2).falseRejectRate());
        assertEquals(1.0, points.get(3).falseAcceptRate());
    }

    private double auc(Pairs pairs) {
        return metric.compute(pairs.list(), 0).get("auc");
    }
}
