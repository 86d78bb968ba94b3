package siglab.metrics.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;

/** The threshold written in the config; validation pairs are not looked at. */
@Component(service = ThresholdPolicy.class, property = {SigLab.TYPE + "=fixed",
    SigLab.DESCRIPTION + "=A fixed threshold from the config (default 1.3, as the seed notebook)."})
public class FixedThresholdPolicy implements ThresholdPolicy<FixedThresholdConfig> {

    @Override
    public Class<FixedThresholdConfig> configType() {
        return FixedThresholdConfig.class;
    }

    @Override
    public double choose(FixedThresholdConfig config, List<ScoredPair> validation) {
        return config.value();
    }
}
