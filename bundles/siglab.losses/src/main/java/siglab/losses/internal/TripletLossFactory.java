package siglab.losses.internal;

import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.Distance;
import siglab.api.model.LossFactory;
import siglab.api.model.SiameseLoss;

/** Builds the triplet loss, which trains on (anchor, positive, negative) triplets. */
@Component(
        service = LossFactory.class,
        property = {
            SigLab.TYPE + "=triplet",
            SigLab.DESCRIPTION
                    + "=Triplet loss: mean of max(d(a,p) - d(a,n) + margin, 0), as in the seed"
                    + " notebook, with optional batch-all, batch-hard or semi-hard mining."
        })
public class TripletLossFactory implements LossFactory<TripletConfig> {

    @Override
    public Class<TripletConfig> configType() {
        return TripletConfig.class;
    }

    @Override
    public SiameseLoss create(TripletConfig config, Distance distance) {
        return new TripletLoss(config.margin().floatValue(), distance, config.mining());
    }
}
