package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.EncoderFactory;

/** Builds the one-shot network of Koch et al. (2015), a {@link KochBlock}. */
@Component(
        service = EncoderFactory.class,
        property = {
            SigLab.TYPE + "=koch",
            SigLab.DESCRIPTION
                    + "=Koch et al. (2015) one-shot network: four convolutions (10x10, 7x7, 4x4,"
                    + " 4x4) and a sigmoid dense layer of configurable size."
        })
public class KochEncoderFactory implements EncoderFactory<KochConfig> {

    @Override
    public Class<KochConfig> configType() {
        return KochConfig.class;
    }

    @Override
    public Block create(KochConfig config, Shape imageShape) {
        Layers.requireImageShape("koch", imageShape);
        KochBlock.featureMap(imageShape.get(1), imageShape.get(2));
        return new KochBlock(config);
    }
}
