package siglab.api.eval;

import java.util.List;
import java.util.Map;

/**
 * Turns scored pairs and a threshold into named numbers. An implementation is a pure function of
 * its inputs, names its numbers in snake_case and reports, beside each rate, the number of pairs
 * behind it (for example {@code far_skilled} with {@code pairs_skilled}). Registered as a service
 * with {@link siglab.api.SigLab#TYPE}.
 */
public interface Metric {

    /** Named numbers for {@code pairs} decided at {@code threshold}, in a stable order. */
    Map<String, Double> compute(List<ScoredPair> pairs, double threshold);
}
