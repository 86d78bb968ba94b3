package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static final int HEIGHT = 24;
    private static final int WIDTH = 32;

    /** An inverted signature-like image: background 0, a bright 2-pixel stroke with a 0.5 tail. */
    private static float[] image() {
        float[] pixels = new float[HEIGHT * WIDTH];
        for (int x = 6; x < 26; x++) {
            int y = 8 + (x % 7);
            pixels[y * WIDTH + x] = 1f;
            pixels[(y + 1) * WIDTH + x] = 0.5f;
        }
        return pixels;
    }

    private static AugmentConfig all() {
        return new AugmentConfig(1.0, 10.0, 0.1, 10.0, 0.1, 1);
    }

    @Test
    void keepsShapeAndValueRange() {
        Augmenter augmenter = new Augmenter(all());
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            float[] out = augmenter.apply(image(), 1, HEIGHT, WIDTH, random);
            assertEquals(HEIGHT * WIDTH, out.length);
            for (float value : out) {
                assertTrue(value >= 0f && value <= 1f, "value " + value + " outside [0, 1]");
            }
        }
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        Augmenter augmenter = new Augmenter(all());
        float[] first = augmenter.apply(image(), 1, HEIGHT, WIDTH, new Random(11));
        float[] again = augmenter.apply(image(), 1, HEIGHT, WIDTH, new Random(11));
        float[] other = augmenter.apply(image(), 1, HEIGHT, WIDTH, new Random(12));
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        assertFalse(Arrays.equals(first, image()));
    }

    @Test
    void probabilityZeroLeavesImagesAlone() {
        float[] original = image();
        Augmenter augmenter = new Augmenter(new AugmentConfig(0.0, 10.0, null, null, null, null));
        assertSame(original, augmenter.apply(original, 1, HEIGHT, WIDTH, new Random(1)));
    }

    /** A one-pixel dilation of bright ink on a dark background adds ink; an erosion removes it. */
    @Test
    void strokeChangesTheAmountOfInk() {
        Augmenter augmenter = new Augmenter(new AugmentConfig(1.0, null, null, null, null, 1));
        double original = sum(image());
        boolean thicker = false;
        boolean thinner = false;
        Random random = new Random(5);
        for (int i = 0; i < 12; i++) {
            double ink = sum(augmenter.apply(image(), 1, HEIGHT, WIDTH, random));
            thicker |= ink > original * 1.5;
            thinner |= ink < original * 0.5;
        }
        assertTrue(thicker && thinner, "expected both dilated and eroded images");
    }

    /** A pure translation spreads a point bilinearly but keeps its total, when it stays inside. */
    @Test
    void translationConservesInk() {
        float[] original = new float[HEIGHT * WIDTH];
        original[10 * WIDTH + 10] = 1f;
        Augmenter augmenter = new Augmenter(new AugmentConfig(1.0, null, null, null, 0.25, null));
        float[] out = augmenter.apply(original, 1, HEIGHT, WIDTH, new Random(2));
        assertEquals(1.0, sum(out), 1e-4);
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    @Test
    void aBatchHoldsEachImageAugmentedInOrderAndItsBufferIsReused() {
        PatternBank bank = new PatternBank(3, 4, 2, 7L);
        int[] first = {0, 5, 2};
        int[] second = {1, 3};
        SiameseLoop.Augmentation augmentation = new SiameseLoop.Augmentation(new Augmenter(all()), new Random(5));
        Augmenter expected = new Augmenter(all());
        Random random = new Random(5);
        ai.djl.ndarray.types.Shape image = bank.imageShape();
        int channels = (int) image.get(0);
        int height = (int) image.get(1);
        int width = (int) image.get(2);
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            for (int[] indices : new int[][] {first, second}) {
                float[] batch = augmentation.batch(manager, bank, indices, null).toFloatArray();
                assertEquals(indices.length * channels * height * width, batch.length);
                for (int i = 0; i < indices.length; i++) {
                    float[] one = expected.apply(bank.pixels(indices[i]), channels, height, width, random);
                    assertArrayEquals(one, Arrays.copyOfRange(batch, i * one.length, (i + 1) * one.length),
                            "image " + i + " of the batch");
                }
            }
        }
    }
}
