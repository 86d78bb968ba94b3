package siglab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;

class RocTest {

    @Test
    void matchesTheMetricsBundlesHandCountedExamples() {
        // Genuine 0.1 0.4 0.6, negatives 0.3 0.4 0.9: AUC (3 + 1.5 + 1) / 9.
        Roc roc = Roc.of(pairs(new double[] {0.1, 0.4, 0.6}, new double[] {0.3, 0.4, 0.9}));
        assertEquals(5.5 / 9, roc.areaUnderCurve(), 1e-12);
        // Genuine 0.1 0.2 0.4 0.6, negatives 0.3 0.4 0.5 0.7: EER 0.375 at 0.35.
        Roc.Point eer = Roc.of(pairs(new double[] {0.1, 0.2, 0.4, 0.6}, new double[] {0.3, 0.4, 0.5, 0.7}))
                .equalErrorRate();
        assertEquals(0.375, eer.falseAcceptRate(), 1e-12);
        assertEquals(0.375, eer.falseRejectRate(), 1e-12);
        assertEquals(0.35, eer.threshold(), 1e-12);
        assertFalse(Roc.of(List.of()).defined());
    }

    @Test
    void probitInvertsTheNormalDistribution() {
        assertEquals(0, Probit.of(0.5), 1e-9);
        assertEquals(-1.959963985, Probit.of(0.025), 1e-8);
        assertEquals(-3.090232306, Probit.of(0.001), 1e-8);
        assertEquals(2.326347874, Probit.of(0.99), 1e-8);
    }

    private static List<ScoredPair> pairs(double[] genuine, double[] negative) {
        List<ScoredPair> pairs = new ArrayList<>();
        for (double d : genuine) {
            pairs.add(new ScoredPair("a", "b", "w", PairKind.GENUINE, d));
        }
        for (double d : negative) {
            pairs.add(new ScoredPair("a", "c", "w", PairKind.SKILLED, d));
        }
        return pairs;
    }
}
