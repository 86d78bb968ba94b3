package siglab.losses.internal;

import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.Distance;
import siglab.api.model.LossFactory;
import siglab.api.model.SiameseLoss;

/** Builds the contrastive loss of Hadsell, Chopra and LeCun (2006), which trains on labelled pairs. */
@Component(
        service = LossFactory.class,
        property = {
            SigLab.TYPE + "=contrastive",
            SigLab.DESCRIPTION
                    + "=Contrastive loss (Hadsell et al. 2006): y d^2/2 + (1-y) max(margin-d, 0)^2/2"
                    + " on labelled pairs."
        })
public class ContrastiveLossFactory implements LossFactory<ContrastiveConfig> {

    @Override
    public Class<ContrastiveConfig> configType() {
        return ContrastiveConfig.class;
    }

    @Override
    public SiameseLoss create(ContrastiveConfig config, Distance distance) {
        return new ContrastiveLoss(config.margin().floatValue(), distance);
    }
}
