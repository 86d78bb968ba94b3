package siglab.losses.internal;

import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.Distance;
import siglab.api.model.LossFactory;
import siglab.api.model.SiameseLoss;

/** Builds the logistic loss: a learned head on |e1 - e2| (Koch et al. 2015) whose score replaces the distance. */
@Component(
        service = LossFactory.class,
        property = {
            SigLab.TYPE + "=logistic",
            SigLab.DESCRIPTION + "=A learned head on |e1 - e2| trained with binary cross-entropy (Koch et al. 2015);"
                    + " pairs are scored 1 - sigmoid(head), not by the distance."
        })
public class LogisticLossFactory implements LossFactory<LogisticConfig> {

    @Override
    public Class<LogisticConfig> configType() {
        return LogisticConfig.class;
    }

    @Override
    public SiameseLoss create(LogisticConfig config, Distance distance) {
        return new LogisticLoss(config.hidden());
    }
}
