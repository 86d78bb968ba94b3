package siglab.metrics.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;

/**
 * The threshold at the equal error rate of validation pairs, linearly interpolated between the
 * two ROC points that bracket FAR = FRR.
 */
@Component(service = ThresholdPolicy.class, property = {SigLab.TYPE + "=eer",
    SigLab.DESCRIPTION + "=The threshold where FAR equals FRR on validation pairs."})
public class EerThresholdPolicy implements ThresholdPolicy<EerConfig> {

    @Override
    public Class<EerConfig> configType() {
        return EerConfig.class;
    }

    @Override
    public double choose(EerConfig config, List<ScoredPair> validation) {
        RocCurve curve = Policies.curveWithBothClasses("eer", validation);
        double threshold = curve.equalErrorRate().threshold();
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException(
                    "threshold policy eer: FAR never reaches FRR because some validation distances are NaN");
        }
        return threshold;
    }
}
