package siglab.encoders.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

class SigNetEncoderFactoryTest {

    private static final Shape IMAGE = new Shape(1, 155, 220);

    private final SigNetEncoderFactory factory = new SigNetEncoderFactory();

    private static SigNetConfig defaults() {
        return new SigNetConfig(null, null, null, null, null, null, null);
    }

    /**
     * Default config at 155x220: the feature maps are 37x53, 18x26, 8x12 and 3x5.
     *
     * <pre>
     * conv 1->96 11x11 + bias:      11 712    BatchNorm 96:  4*96  =    384
     * conv 96->256 5x5 + bias:     614 656    BatchNorm 256: 4*256 =  1 024
     * conv 256->384 3x3 + bias:    885 120
     * conv 384->256 3x3 + bias:    884 992
     * dense 256*3*5=3840 -> 1024: 3 933 184
     * dense 1024 -> 128:            131 200
     * total                       6 462 272
     * </pre>
     */
    @Test
    void defaultConfigHasTheExpectedShapeAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(defaults(), IMAGE);
            assertEquals(6_462_272, EncoderProbe.parameters(manager, block, IMAGE));
            assertArrayEquals(new long[] {3, 5}, SigNetBlock.featureMap(defaults(), 155, 220));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 2);
            assertEquals(new Shape(2, 128), embeddings.getShape());
            assertArrayEquals(new float[] {1f, 1f}, EncoderProbe.norms(embeddings), 1e-4f);
        }
    }

    @Test
    void widthScalesChannelsAndNormalisationIsOptional() {
        SigNetConfig narrow = new SigNetConfig(0.25, null, 64, 16, 0.0, 0.0, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(narrow, IMAGE);
            // 24, 64, 96, 64 channels: 1*24*121+24 + 4*24 + 24*64*25+64 + 4*64
            // + 64*96*9+96 + 96*64*9+64 + 64*15*64+64 + 64*16+16
            long expected = 2928 + 96 + 38464 + 256 + 55392 + 55360 + 61504 + 1040;
            assertEquals(expected, EncoderProbe.parameters(manager, block, IMAGE));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 3);
            assertEquals(new Shape(3, 16), embeddings.getShape());
            assertNotEquals(1f, EncoderProbe.norms(embeddings)[0], 1e-3f);
        }
    }

    @Test
    void fillsDefaultsAndRejectsBadValues() {
        assertEquals(new SigNetConfig(1.0, 4, 1024, 128, 0.0, 0.0, true), defaults());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SigNetConfig(null, 0, null, null, null, null, null));
        assertTrue(error.getMessage().contains("first-stride"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SigNetConfig(0.0, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SigNetConfig(null, null, null, null, null, 1.0, null));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> factory.create(defaults(), new Shape(1, 40, 40)));
        assertTrue(small.getMessage().contains("too small"), small.getMessage());
    }
}
