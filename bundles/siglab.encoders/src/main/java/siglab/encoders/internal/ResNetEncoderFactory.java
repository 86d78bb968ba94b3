package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.EncoderFactory;

/** Builds a small residual network, a {@link ResNetBlock}. */
@Component(
        service = EncoderFactory.class,
        property = {
            SigLab.TYPE + "=resnet",
            SigLab.DESCRIPTION
                    + "=Small residual network (He et al. 2016) of basic blocks with configurable"
                    + " depth (blocks per stage) and width."
        })
public class ResNetEncoderFactory implements EncoderFactory<ResNetConfig> {

    @Override
    public Class<ResNetConfig> configType() {
        return ResNetConfig.class;
    }

    @Override
    public Block create(ResNetConfig config, Shape imageShape) {
        Layers.requireImageShape("resnet", imageShape);
        ResNetBlock.featureMap(config, imageShape.get(1), imageShape.get(2));
        return new ResNetBlock(config);
    }
}
