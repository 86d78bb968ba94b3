package siglab.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;

/** Hand-made pair lists for the tests. */
final class Pairs {

    private final List<ScoredPair> pairs = new ArrayList<>();

    static Pairs of() {
        return new Pairs();
    }

    Pairs genuine(double... distances) {
        return add(PairKind.GENUINE, distances);
    }

    Pairs skilled(double... distances) {
        return add(PairKind.SKILLED, distances);
    }

    Pairs random(double... distances) {
        return add(PairKind.RANDOM, distances);
    }

    private Pairs add(PairKind kind, double... distances) {
        for (double distance : distances) {
            int n = pairs.size();
            pairs.add(new ScoredPair("a" + n + ".png", "b" + n + ".png", "w" + (n % 3), kind, distance));
        }
        return this;
    }

    List<ScoredPair> list() {
        return List.copyOf(pairs);
    }
}
