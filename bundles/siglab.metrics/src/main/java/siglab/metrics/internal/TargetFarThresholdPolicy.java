package siglab.metrics.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;

/**
 * The largest threshold whose FAR on validation negatives is at most the target: the most
 * genuine pairs accepted for the false accepts one is willing to pay. Candidates are the distinct
 * validation distances; when even the smallest accepts too many negatives, the threshold sits just
 * below it and accepts nothing.
 */
@Component(service = ThresholdPolicy.class, property = {SigLab.TYPE + "=target-far",
    SigLab.DESCRIPTION + "=The largest threshold whose FAR on validation pairs is within a target (default 0.01)."})
public class TargetFarThresholdPolicy implements ThresholdPolicy<TargetFarConfig> {

    @Override
    public Class<TargetFarConfig> configType() {
        return TargetFarConfig.class;
    }

    @Override
    public double choose(TargetFarConfig config, List<ScoredPair> validation) {
        RocCurve curve = RocCurve.of(validation);
        if (curve.negative() == 0) {
            throw new IllegalArgumentException(
                    "threshold policy target-far needs negative validation pairs, got none");
        }
        double threshold = curve.points().get(0).threshold();
        for (RocCurve.Point point : curve.points()) {
            // FAR never falls as the threshold rises, so the last point within target is the largest.
            if (point.falseAcceptRate() <= config.far()) {
                threshold = point.threshold();
            } else {
                break;
            }
        }
        return threshold;
    }
}
