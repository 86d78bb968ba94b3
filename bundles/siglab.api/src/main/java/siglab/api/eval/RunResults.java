package siglab.api.eval;

import java.util.List;
import java.util.Map;
import siglab.api.model.EpochRecord;

/**
 * What a stored run holds, read back from its folder: plots are drawn from this alone.
 *
 * @param name the experiment's name
 * @param history one record per epoch
 * @param validation scored validation pairs
 * @param test scored test pairs
 * @param threshold the decision threshold used for the test metrics
 * @param thresholdPolicy how it was chosen
 * @param metrics the test metrics
 */
public record RunResults(String name, List<EpochRecord> history, List<ScoredPair> validation,
        List<ScoredPair> test, double threshold, String thresholdPolicy, Map<String, Double> metrics) {
    public RunResults {
        history = List.copyOf(history);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        metrics = Map.copyOf(metrics);
    }
}
