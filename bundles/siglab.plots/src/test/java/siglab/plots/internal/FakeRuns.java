package siglab.plots.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.eval.PairKind;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;
import siglab.api.model.EpochRecord;
import siglab.api.model.ValidationKeys;

/** Runs made up for the plotter tests: a tiny one and a realistic one. */
final class FakeRuns {

    private FakeRuns() {}

    /** Three epochs and a dozen test pairs. */
    static RunResults small() {
        List<EpochRecord> history = List.of(
                epoch(1, 0.9, 0.60, 0.8, 0.2, 1.0, 0.3),
                epoch(2, 0.6, 0.75, 0.6, 0.2, 1.1, 0.3),
                epoch(3, 0.4, 0.85, 0.5, 0.15, 1.2, 0.25));
        List<ScoredPair> test = new ArrayList<>();
        double[] genuine = {0.2, 0.3, 0.5, 0.7, 0.9};
        double[] skilled = {0.6, 0.8, 1.0, 1.1};
        double[] random = {0.9, 1.3, 1.5};
        add(test, PairKind.GENUINE, genuine);
        add(test, PairKind.SKILLED, skilled);
        add(test, PairKind.RANDOM, random);
        return new RunResults("small", history, test, test, 0.75, "eer", Map.of("auc", 0.9));
    }

    /** Nothing at all: no epochs, no pairs. */
    static RunResults empty() {
        return new RunResults("empty", List.of(), List.of(), List.of(), 1.3, "fixed", Map.of());
    }

    /** Twenty epochs and about a thousand test pairs drawn like a half-trained model's. */
    static RunResults realistic() {
        Random random = new Random(42);
        List<EpochRecord> history = new ArrayList<>();
        for (int epoch = 1; epoch <= 20; epoch++) {
            double progress = 1 - Math.exp(-epoch / 6.0);
            history.add(epoch(epoch, 1.1 - 0.8 * progress + 0.03 * random.nextGaussian(),
                    0.55 + 0.37 * progress + 0.01 * random.nextGaussian(),
                    0.9 - 0.4 * progress, 0.3 - 0.08 * progress,
                    1.0 + 0.5 * progress, 0.35 - 0.05 * progress));
        }
        List<ScoredPair> test = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            add(test, PairKind.GENUINE, Math.abs(0.55 + 0.22 * random.nextGaussian()));
        }
        for (int i = 0; i < 300; i++) {
            add(test, PairKind.SKILLED, Math.abs(1.05 + 0.28 * random.nextGaussian()));
        }
        for (int i = 0; i < 300; i++) {
            add(test, PairKind.RANDOM, Math.abs(1.5 + 0.3 * random.nextGaussian()));
        }
        return new RunResults("signet-cedar", history, test, test, 0.82, "eer", Map.of());
    }

    private static EpochRecord epoch(int epoch, double loss, double tripletAccuracy, double apMean,
            double apSd, double anMean, double anSd) {
        return new EpochRecord(epoch, loss, 1000, 12.5, Map.of(
                ValidationKeys.TRIPLET_ACCURACY, tripletAccuracy,
                ValidationKeys.AP_MEAN, apMean, ValidationKeys.AP_SD, apSd,
                ValidationKeys.AN_MEAN, anMean, ValidationKeys.AN_SD, anSd));
    }

    private static void add(List<ScoredPair> pairs, PairKind kind, double... distances) {
        for (double distance : distances) {
            int n = pairs.size();
            pairs.add(new ScoredPair("a" + n + ".png", "b" + n + ".png", "w" + n % 5, kind, distance));
        }
    }
}
