package siglab.metrics.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;

/**
 * The threshold with the highest accuracy on validation pairs. Every distinct validation
 * distance is a candidate (accuracy only changes there); among equally accurate candidates the
 * smallest wins, because a false accept costs more than a false reject in signature verification.
 */
@Component(service = ThresholdPolicy.class, property = {SigLab.TYPE + "=max-accuracy",
    SigLab.DESCRIPTION + "=The threshold with the highest accuracy on validation pairs."})
public class MaxAccuracyThresholdPolicy implements ThresholdPolicy<MaxAccuracyConfig> {

    @Override
    public Class<MaxAccuracyConfig> configType() {
        return MaxAccuracyConfig.class;
    }

    @Override
    public double choose(MaxAccuracyConfig config, List<ScoredPair> validation) {
        RocCurve curve = Policies.curveWithBothClasses("max-accuracy", validation);
        int negative = curve.negative();
        RocCurve.Point best = null;
        int bestCorrect = -1;
        for (RocCurve.Point point : curve.points()) {
            int correct = point.acceptedGenuine() + (negative - point.acceptedNegative());
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = point;
            }
        }
        return best.threshold();
    }
}
