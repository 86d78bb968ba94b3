package siglab.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Metric;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;
import smile.validation.metric.Accuracy;
import smile.validation.metric.ConfusionMatrix;

/**
 * Decisions at one threshold: accuracy, FAR (all negatives, skilled, random), FRR and the
 * confusion counts, each rate beside the number of pairs behind it.
 *
 * <p>A pair is predicted similar when its distance is at most the threshold; the positive class
 * is a genuine pair. A rate whose denominator is zero is NaN, never 0, so that "no skilled pairs"
 * cannot pass for "no skilled pair accepted".
 */
@Component(service = Metric.class, property = {SigLab.TYPE + "=verification",
    SigLab.DESCRIPTION + "=Accuracy, FAR (skilled, random), FRR and confusion counts at the threshold."})
public class VerificationMetric implements Metric {

    static final int SIMILAR = 1;
    static final int DIFFERENT = 0;

    @Override
    public Map<String, Double> compute(List<ScoredPair> pairs, double threshold) {
        int[] truth = new int[pairs.size()];
        int[] prediction = new int[pairs.size()];
        int skilled = 0;
        int random = 0;
        int skilledAccepted = 0;
        int randomAccepted = 0;
        for (int i = 0; i < pairs.size(); i++) {
            ScoredPair pair = pairs.get(i);
            // NaN <= threshold is false: an unscorable pair is rejected.
            boolean accepted = pair.distance() <= threshold;
            truth[i] = pair.similar() ? SIMILAR : DIFFERENT;
            prediction[i] = accepted ? SIMILAR : DIFFERENT;
            if (pair.kind() == PairKind.SKILLED) {
                skilled++;
                skilledAccepted += accepted ? 1 : 0;
            } else if (pair.kind() == PairKind.RANDOM) {
                random++;
                randomAccepted += accepted ? 1 : 0;
            }
        }
        // Smile sizes the matrix by the largest label seen, so a one-class input gives 1 x 1.
        int[][] matrix = ConfusionMatrix.of(truth, prediction).matrix;
        int truePositives = cell(matrix, SIMILAR, SIMILAR);
        int falseNegatives = cell(matrix, SIMILAR, DIFFERENT);
        int falsePositives = cell(matrix, DIFFERENT, SIMILAR);
        int trueNegatives = cell(matrix, DIFFERENT, DIFFERENT);
        int genuine = truePositives + falseNegatives;
        int negative = falsePositives + trueNegatives;

        double falseAcceptRate = ratio(falsePositives, negative);
        double falseRejectRate = ratio(falseNegatives, genuine);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", pairs.isEmpty() ? Double.NaN : Accuracy.of(truth, prediction));
        metrics.put("balanced_accuracy", ((1 - falseRejectRate) + (1 - falseAcceptRate)) / 2);
        metrics.put("far", falseAcceptRate);
        metrics.put("far_skilled", ratio(skilledAccepted, skilled));
        metrics.put("far_random", ratio(randomAccepted, random));
        metrics.put("frr", falseRejectRate);
        metrics.put("tp", (double) truePositives);
        metrics.put("fp", (double) falsePositives);
        metrics.put("tn", (double) trueNegatives);
        metrics.put("fn", (double) falseNegatives);
        metrics.put("pairs", (double) pairs.size());
        metrics.put("pairs_genuine", (double) genuine);
        metrics.put("pairs_negative", (double) negative);
        metrics.put("pairs_skilled", (double) skilled);
        metrics.put("pairs_random", (double) random);
        return metrics;
    }

    private static int cell(int[][] matrix, int truth, int prediction) {
        return truth < matrix.length && prediction < matrix[truth].length ? matrix[truth][prediction] : 0;
    }

    private static double ratio(int count, int total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }
}
