package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.EncoderFactory;

/** Builds SigNet (Dey et al. 2017), a {@link SigNetBlock}. */
@Component(
        service = EncoderFactory.class,
        property = {
            SigLab.TYPE + "=signet",
            SigLab.DESCRIPTION
                    + "=SigNet (Dey et al. 2017): four convolutions, three poolings, Dense 1024,"
                    + " Dense 128; BatchNorm stands in for local response normalisation."
        })
public class SigNetEncoderFactory implements EncoderFactory<SigNetConfig> {

    @Override
    public Class<SigNetConfig> configType() {
        return SigNetConfig.class;
    }

    @Override
    public Block create(SigNetConfig config, Shape imageShape) {
        Layers.requireImageShape("signet", imageShape);
        SigNetBlock.featureMap(config, imageShape.get(1), imageShape.get(2));
        return new SigNetBlock(config);
    }
}
