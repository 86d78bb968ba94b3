package siglab.encoders.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.EncoderFactory;

/** Builds the seed notebook's encoder, a {@link SeedCnnBlock}. */
@Component(
        service = EncoderFactory.class,
        property = {
            SigLab.TYPE + "=seed-cnn",
            SigLab.DESCRIPTION
                    + "=Small CNN trunk with the seed notebook's head: Dense, ReLU, BatchNorm,"
                    + " Dense, L2 normalisation."
        })
public class SeedCnnEncoderFactory implements EncoderFactory<SeedCnnConfig> {

    @Override
    public Class<SeedCnnConfig> configType() {
        return SeedCnnConfig.class;
    }

    @Override
    public Block create(SeedCnnConfig config, Shape imageShape) {
        if (imageShape.dimension() != 3) {
            throw new IllegalArgumentException(
                    "seed-cnn expects an image shape (channels, height, width), got " + imageShape);
        }
        // Each block halves the image (rounding down): it must keep at least one pixel.
        long smallest = Math.min(imageShape.get(1), imageShape.get(2));
        if (smallest >> config.blocks() < 1) {
            throw new IllegalArgumentException("blocks=" + config.blocks()
                    + " halves a " + imageShape.get(1) + "x" + imageShape.get(2)
                    + " image below one pixel; use fewer blocks");
        }
        return new SeedCnnBlock(config);
    }
}
