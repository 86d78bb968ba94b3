package siglab.metrics.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;

/**
 * The threshold with the highest accuracy on validation pairs ({@link RocCurve#bestAccuracy()}):
 * every distinct validation distance is a candidate (accuracy only changes there); among equally
 * accurate candidates the smallest wins, because a false accept costs more than a false reject in
 * signature verification.
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
        return Policies.curveWithBothClasses("max-accuracy", validation).bestAccuracy().threshold();
    }
}
