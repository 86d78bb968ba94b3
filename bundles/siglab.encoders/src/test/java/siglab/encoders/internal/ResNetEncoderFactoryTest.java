package siglab.encoders.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResNetEncoderFactoryTest {

    private static final Shape IMAGE = new Shape(1, 155, 220);

    private final ResNetEncoderFactory factory = new ResNetEncoderFactory();

    private static ResNetConfig defaults() {
        return new ResNetConfig(null, null, null, null, null);
    }

    /**
     * Default config (width 16, blocks [2, 2, 2, 2], embedding 128) at 155x220: the stem gives
     * 78x110, its pooling 39x55, the stages 39x55, 20x28, 10x14 and 5x7. Convolutions have no
     * bias; each BatchNorm holds 4 vectors.
     *
     * <pre>
     * stem: conv 1->16 7x7 784, BN 64                                     =     848
     * stage 1: 2 x (2 conv 16->16 3x3 2 304, 2 BN 64)                      =   9 472
     * stage 2: conv 16->32 4 608, conv 32->32 9 216, 2 BN 256,
     *          shortcut conv 1x1 512 + BN 128; then 2 conv 9 216 + 2 BN 256 =  33 408
     * stage 3: 18 432 + 36 864 + 512 + 2 048 + 256; 2 x 36 864 + 512        = 132 352
     * stage 4: 73 728 + 147 456 + 1 024 + 8 192 + 512; 2 x 147 456 + 1 024  = 526 848
     * dense 128 -> 128 + bias                                              =  16 512
     * total                                                                = 719 440
     * </pre>
     */
    @Test
    void defaultConfigHasTheExpectedShapeAndParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(defaults(), IMAGE);
            assertEquals(719_440, EncoderProbe.parameters(manager, block, IMAGE));
            assertArrayEquals(new long[] {5, 7}, ResNetBlock.featureMap(defaults(), 155, 220));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 2);
            assertEquals(new Shape(2, 128), embeddings.getShape());
            assertArrayEquals(new float[] {1f, 1f}, EncoderProbe.norms(embeddings), 1e-4f);
        }
    }

    @Test
    void depthAndWidthAreConfigurable() {
        ResNetConfig shallow = new ResNetConfig(8, List.of(1, 1), 16, 0.1, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(shallow, IMAGE);
            // stem 1*8*49 + 4*8; stage 1: 2*(8*8*9) + 2*4*8; stage 2: 8*16*9 + 16*16*9 + 2*4*16
            // + shortcut 8*16 + 4*16; dense 16*16 + 16
            long expected = 392 + 32 + 1152 + 64 + 1152 + 2304 + 128 + 128 + 64 + 272;
            assertEquals(expected, EncoderProbe.parameters(manager, block, IMAGE));
            NDArray embeddings = EncoderProbe.embed(manager, block, IMAGE, 3);
            assertEquals(new Shape(3, 16), embeddings.getShape());
        }
    }

    @Test
    void fillsDefaultsAndRejectsBadValues() {
        assertEquals(new ResNetConfig(16, List.of(2, 2, 2, 2), 128, 0.0, true), defaults());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ResNetConfig(null, List.of(2, 0), null, null, null));
        assertTrue(error.getMessage().contains("blocks"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ResNetConfig(null, List.of(), null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ResNetConfig(0, null, null, null, null));
        // Padding keeps every map at least one pixel, so six stages still fit a 16x16 image.
        assertArrayEquals(new long[] {1, 1}, ResNetBlock.featureMap(
                new ResNetConfig(null, List.of(1, 1, 1, 1, 1, 1), null, null, null), 16, 16));
    }
}
