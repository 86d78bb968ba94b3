package siglab.encoders.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;

class KochEncoderFactoryTest {

    private static final Shape IMAGE = new Shape(1, 155, 220);

    private final KochEncoderFactory factory = new KochEncoderFactory();

    private static KochConfig defaults() {
        return new KochConfig(null, null, null, null, null);
    }

    /**
     * Default config at 155x220: the feature maps are 146x211, 73x105, 67x99, 33x49, 30x46,
     * 15x23 and 12x20.
     *
     * <pre>
     * conv 1->64 10x10 + bias:        6 464
     * conv 64->128 7x7 + bias:      401 536
     * conv 128->128 4x4 + bias:     262 272
     * conv 128->256 4x4 + bias:     524 544
     * dense 256*12*20=61440 -> 256: 15 728 896
     * total                        16 923 712
     * </pre>
     */
    @Test
    void defaultConfigHasTheExpectedShapeAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(defaults(), IMAGE);
            assertEquals(16_923_712, EncoderProbe.parameters(manager, block, IMAGE));
            assertArrayEquals(new long[] {12, 20}, KochBlock.featureMap(155, 220));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 2);
            assertEquals(new Shape(2, 256), embeddings.getShape());
            assertArrayEquals(new float[] {1f, 1f}, EncoderProbe.norms(embeddings), 1e-4f);
        }
    }

    @Test
    void averagePoolingKeepsTheDenseLayerSmallAndSigmoidBoundsTheOutput() {
        KochConfig small = new KochConfig(0.5, 32, "average", true, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(small, IMAGE);
            // 32, 64, 64, 128 channels: 1*32*100+32 + 32*64*49+64 + 64*64*16+64
            // + 64*128*16+128 + 128*32+32
            long expected = 3232 + 100416 + 65600 + 131200 + 4128;
            assertEquals(expected, EncoderProbe.parameters(manager, block, IMAGE));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 3);
            assertEquals(new Shape(3, 32), embeddings.getShape());
            for (float value : embeddings.toFloatArray()) {
                assertTrue(value > 0f && value < 1f, "sigmoid output " + value);
            }
        }
    }

    @Test
    void fillsDefaultsAndRejectsBadValues() {
        assertEquals(new KochConfig(1.0, 256, "flatten", true, true), defaults());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new KochConfig(null, null, "max", null, null));
        assertTrue(error.getMessage().contains("pooling"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new KochConfig(null, 0, null, null, null));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> factory.create(defaults(), new Shape(1, 48, 48)));
        assertTrue(small.getMessage().contains("conv4"), small.getMessage());
    }
}
