package siglab.encoders.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class SeedCnnEncoderFactoryTest {

    private static final Shape IMAGE = new Shape(1, 155, 220);

    private final SeedCnnEncoderFactory factory = new SeedCnnEncoderFactory();

    @Test
    void mapsImagesToUnitLengthEmbeddings() {
        SeedCnnConfig config = new SeedCnnConfig(null, null, null, null, null, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(config, IMAGE);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 155, 220));
            manager.getEngine().setRandomSeed(7);
            NDArray images = manager.randomUniform(0f, 1f, new Shape(3, 1, 155, 220));
            NDArray embeddings = block.forward(new ParameterStore(manager, false),
                    new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(3, 256), embeddings.getShape());
            float[] norms = embeddings.square().sum(new int[] {1}).sqrt().toFloatArray();
            assertArrayEquals(new float[] {1f, 1f, 1f}, norms, 1e-4f);
        }
    }

    @Test
    void keepsRawEmbeddingsWhenNotNormalising() {
        SeedCnnConfig config = new SeedCnnConfig(4, 2, "flatten", 32, 8, false, 0.2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(config, new Shape(1, 32, 32));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32, 32));
            NDArray images = manager.randomUniform(0f, 1f, new Shape(5, 1, 32, 32));
            NDArray embeddings = block.forward(new ParameterStore(manager, false),
                    new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(5, 8), embeddings.getShape());
            float[] norms = embeddings.square().sum(new int[] {1}).sqrt().toFloatArray();
            boolean allUnit = true;
            for (float norm : norms) {
                allUnit &= Math.abs(norm - 1f) < 1e-3f;
            }
            assertEquals(false, allUnit);
        }
    }

    /**
     * Counts every parameter DJL keeps, including BatchNorm's running mean and variance (four
     * vectors per BatchNorm). Default: width 16, 4 blocks, average pooling, hidden 512,
     * embedding 256; convolutions have no bias.
     *
     * <pre>
     * conv 1->16:    1*16*9 =    144   BatchNorm 16:  4*16  =    64
     * conv 16->32:  16*32*9 =  4 608   BatchNorm 32:  4*32  =   128
     * conv 32->64:  32*64*9 = 18 432   BatchNorm 64:  4*64  =   256
     * conv 64->128: 64*128*9= 73 728   BatchNorm 128: 4*128 =   512
     * dense 128->512: 128*512 + 512  = 66 048
     * BatchNorm 512:  4*512          =  2 048
     * dense 512->256: 512*256 + 256  = 131 328
     * total                          = 297 296 (of which 2*752 = 1 504 are running statistics)
     * </pre>
     */
    @Test
    void defaultConfigHasTheExpectedParameterCount() {
        SeedCnnConfig config = new SeedCnnConfig(null, null, null, null, null, null, null);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = factory.create(config, IMAGE);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 155, 220));
            long total = 0;
            long running = 0;
            for (Pair<String, Parameter> pair : block.getParameters()) {
                long size = pair.getValue().getArray().size();
                total += size;
                if (pair.getValue().getType() == Parameter.Type.RUNNING_MEAN
                        || pair.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                    running += size;
                }
            }
            assertEquals(297_296, total);
            assertEquals(1_504, running);
        }
    }

    @Test
    void fillsDefaultsAndRejectsBadValues() {
        SeedCnnConfig defaults = new SeedCnnConfig(null, null, null, null, null, null, null);
        assertEquals(new SeedCnnConfig(16, 4, "average", 512, 256, true, 0.0), defaults);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SeedCnnConfig(0, null, null, null, null, null, null));
        assertEquals(true, error.getMessage().contains("width"));
        assertThrows(IllegalArgumentException.class,
                () -> new SeedCnnConfig(null, null, "max", null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new SeedCnnConfig(null, null, null, null, null, null, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> factory.create(new SeedCnnConfig(null, 6, null, null, null, null, null),
                        new Shape(1, 32, 32)));
    }
}
