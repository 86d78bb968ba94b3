package siglab.core.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siglab.api.eval.Metric;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;
import siglab.core.Kind;

/**
 * The two evaluation protocols of metrics.json and how each is labelled. The verification result
 * decides the test pairs at a threshold chosen without them (on validation writers, or fixed in
 * advance). The literature's optimistic figures, kept apart in a section of their own, choose the
 * threshold on the test pairs themselves. Published near-100 % CEDAR accuracies (SigNet, Dey et al.
 * 2017) are the best accuracy over all thresholds on the test pairs; the EER of the test ROC is read
 * at the threshold where FAR meets FRR on those same pairs. Both are upper bounds of what a deployed
 * verifier, whose threshold must be fixed before it sees a questioned signature, can reach.
 *
 * <p>Nothing is computed here: the threshold comes from the {@code max-accuracy} threshold policy
 * applied to the test pairs (instead of validation pairs), the decisions from the
 * {@code verification} metric at that threshold, and the EER from the {@code ranking} metric, so
 * that each figure has one owner in siglab.metrics. They are used whether or not the config lists
 * them under {@code metrics}.
 */
final class Protocols {

    /** The label of the section {@code optimistic}. */
    static final String OPTIMISTIC = "threshold chosen on the test pairs (as SigNet, Dey et al. 2017, reports); "
            + "an upper bound, not a verification result";

    /** The label of the figures at a threshold that was not chosen on the test pairs. */
    static final String HONEST = "threshold chosen without the test pairs (see threshold_chosen_on): accuracy, FAR and "
            + "FRR in metrics are a verification result; auc and eer there are read off the test ROC";

    static final String BEST_ACCURACY_POLICY = "max-accuracy";
    static final String DECISIONS_METRIC = "verification";
    static final String EER_METRIC = "ranking";

    /** Keys taken from the decisions at the best-accuracy threshold, in the order written. */
    private static final List<String> DECISION_KEYS = List.of("accuracy", "far", "far_skilled", "far_random", "frr");

    private Protocols() {}

    /**
     * Where the verification threshold came from, for {@code threshold_chosen_on}.
     *
     * @param policy the threshold policy's type
     * @param validationPairs how many validation pairs it saw
     */
    static String chosenOn(String policy, int validationPairs) {
        return policy.equals("fixed") ? "none: fixed in the config"
                : "validation writers (" + validationPairs + " pairs)";
    }

    /**
     * The section {@code optimistic} of metrics.json for {@code test}: protocol, threshold_chosen_on,
     * threshold, accuracy, far, far_skilled, far_random, frr, eer, eer_threshold, pairs. NaN is
     * written as null; when the test pairs lack a class or a plug-in is missing, the figures are
     * absent and {@code unavailable} says why.
     */
    static Map<String, Object> section(PluginRegistry plugins, List<ScoredPair> test) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("protocol", OPTIMISTIC);
        section.put("threshold_chosen_on", "test pairs (" + test.size() + " pairs)");
        Object policy = plugins.find(Kind.THRESHOLD, BEST_ACCURACY_POLICY).orElse(null);
        Object decisions = plugins.find(Kind.METRIC, DECISIONS_METRIC).orElse(null);
        Object ranking = plugins.find(Kind.METRIC, EER_METRIC).orElse(null);
        if (policy == null || decisions == null || ranking == null) {
            section.put("unavailable", "needs the threshold policy " + BEST_ACCURACY_POLICY + " and the metrics "
                    + DECISIONS_METRIC + " and " + EER_METRIC + " (bundle siglab.metrics)");
            section.put("pairs", test.size());
            return section;
        }
        boolean genuine = test.stream().anyMatch(ScoredPair::similar);
        boolean negative = test.stream().anyMatch(pair -> !pair.similar());
        if (!genuine || !negative) {
            section.put("unavailable", "the test pairs need both genuine and negative pairs");
            section.put("pairs", test.size());
            return section;
        }
        @SuppressWarnings("unchecked")
        ThresholdPolicy<Record> bestAccuracy = (ThresholdPolicy<Record>) policy;
        Record settings = ConfigBinder.MAPPER.convertValue(Map.of(), bestAccuracy.configType());
        double threshold = bestAccuracy.choose(settings, test);
        Map<String, Double> atThreshold = ((Metric) decisions).compute(test, threshold);
        Map<String, Double> roc = ((Metric) ranking).compute(test, threshold);
        section.put("threshold", nullIfNaN(threshold));
        for (String key : DECISION_KEYS) {
            section.put(key, nullIfNaN(atThreshold.get(key)));
        }
        section.put("eer", nullIfNaN(roc.get("eer")));
        section.put("eer_threshold", nullIfNaN(roc.get("eer_threshold")));
        section.put("pairs", test.size());
        return section;
    }

    private static Double nullIfNaN(Double value) {
        return value == null || value.isNaN() ? null : value;
    }
}
