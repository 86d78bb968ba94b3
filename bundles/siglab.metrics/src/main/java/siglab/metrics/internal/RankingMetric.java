package siglab.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Metric;
import siglab.api.eval.ScoredPair;
import smile.validation.metric.AUC;

/**
 * Threshold-free numbers: the area under the ROC curve and the equal error rate with its
 * threshold. The {@code threshold} argument is ignored.
 *
 * <p>AUC is Smile's rank (Mann-Whitney) statistic on the score -distance, which counts a tie
 * between a genuine and a negative pair as half a correct ordering. The EER is read off the ROC
 * curve, linearly interpolated between the two points where FAR - FRR changes sign.
 */
@Component(service = Metric.class, property = {SigLab.TYPE + "=ranking",
    SigLab.DESCRIPTION + "=Area under the ROC curve and equal error rate with its threshold."})
public class RankingMetric implements Metric {

    @Override
    public Map<String, Double> compute(List<ScoredPair> pairs, double threshold) {
        RocCurve curve = RocCurve.of(pairs);
        RocCurve.EqualErrorRate equalError = curve.equalErrorRate();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", areaUnderCurve(pairs, curve));
        metrics.put("eer", equalError.rate());
        metrics.put("eer_threshold", equalError.threshold());
        return metrics;
    }

    static double areaUnderCurve(List<ScoredPair> pairs, RocCurve curve) {
        if (curve.genuine() == 0 || curve.negative() == 0) {
            return Double.NaN;
        }
        int[] truth = new int[pairs.size()];
        double[] score = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            ScoredPair pair = pairs.get(i);
            truth[i] = pair.similar() ? 1 : 0;
            double distance = pair.distance();
            // An unscorable pair ranks as the least similar of all.
            score[i] = Double.isNaN(distance) ? Double.NEGATIVE_INFINITY : -distance;
        }
        return AUC.of(truth, score);
    }
}
