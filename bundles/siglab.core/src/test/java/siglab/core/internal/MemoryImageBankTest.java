package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.data.image.ImageSettings;

/** What the encoder is given from the bank: centre crops for evaluation, random crops for training. */
class MemoryImageBankTest {

    /** sigver settings storing 12 x 16 images and cropping 8 x 10 from them. */
    static final ImageSettings SIGVER = new ImageSettings(8, 10, true, null, null, "sigver", List.of(40, 60),
            List.of(12, 16));
    static final ImageSettings FIT = new ImageSettings(12, 16, true, null);

    /** Image {@code n}: each pixel holds n * 10000 + its row * 100 + its column, so a crop says where it came from. */
    static MemoryImageBank bank(ImageSettings settings, int count) {
        List<Sample> samples = new ArrayList<>();
        float[][] pixels = new float[count][12 * 16];
        for (int n = 0; n < count; n++) {
            samples.add(new Sample("w" + n % 2, n < 4 ? SampleKind.GENUINE : SampleKind.FORGED, Path.of(n + ".png")));
            for (int i = 0; i < 12 * 16; i++) {
                pixels[n][i] = n * 10000 + (i / 16) * 100 + i % 16;
            }
        }
        return new MemoryImageBank(settings, samples, pixels);
    }

    @Test
    void evaluationSeesTheCentreCrop() {
        MemoryImageBank bank = bank(SIGVER, 6);
        assertEquals(new Shape(1, 8, 10), bank.imageShape());
        float[] crop = bank.pixels(3);
        assertEquals(80, crop.length);
        assertEquals(30203f, crop[0], "top-left of the crop is stored pixel (2, 3)");
        assertEquals(30912f, crop[79]);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = bank.batch(manager, new int[] {3, 0});
            assertEquals(new Shape(2, 1, 8, 10), batch.getShape());
            float[] values = batch.toFloatArray();
            assertArrayEquals(crop, java.util.Arrays.copyOfRange(values, 0, 80));
            assertArrayEquals(bank.pixels(0), java.util.Arrays.copyOfRange(values, 80, 160));
        }
    }

    @Test
    void trainingCropsVaryAndRepeatForASeed() {
        MemoryImageBank bank = bank(SIGVER, 6);
        assertTrue(bank.randomCrops());
        Set<Float> corners = new HashSet<>();
        Random random = new Random(11);
        Random same = new Random(11);
        for (int i = 0; i < 100; i++) {
            float[] crop = bank.trainingPixels(2, random);
            assertArrayEquals(crop, bank.trainingPixels(2, same));
            int top = (int) (crop[0] - 20000) / 100;
            int left = (int) (crop[0] - 20000) % 100;
            assertTrue(top >= 0 && top <= 4 && left >= 0 && left <= 6, "crop at " + top + ", " + left);
            corners.add(crop[0]);
        }
        assertTrue(corners.size() > 20, "crops at " + corners.size() + " of 35 places in 100 draws");
        assertNotEquals(bank.trainingPixels(2, new Random(1))[0] + bank.trainingPixels(2, new Random(2))[0]
                + bank.trainingPixels(2, new Random(3))[0], 3 * bank.pixels(2)[0], "other seeds, other crops");

        try (NDManager manager = NDManager.newBaseManager()) {
            int[] indices = {5, 1, 1};
            float[] batch = bank.trainingBatch(manager, indices, new Random(4)).toFloatArray();
            Random one = new Random(4);
            for (int i = 0; i < indices.length; i++) {
                assertArrayEquals(bank.trainingPixels(indices[i], one),
                        java.util.Arrays.copyOfRange(batch, i * 80, (i + 1) * 80), "image " + i + " of the batch");
            }
            assertArrayEquals(batch, bank.trainingBatch(manager, indices, new Random(4)).toFloatArray());
        }
    }

    @Test
    void fitTrainsOnTheWholeImageAndDrawsNothing() {
        MemoryImageBank bank = bank(FIT, 3);
        assertFalse(bank.randomCrops());
        assertEquals(new Shape(1, 12, 16), bank.imageShape());
        Random random = new Random(5);
        assertArrayEquals(bank.pixels(1), bank.trainingPixels(1, random));
        assertEquals(10000f, bank.pixels(1)[0]);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(bank.batch(manager, new int[] {2, 0}).toFloatArray(),
                    bank.trainingBatch(manager, new int[] {2, 0}, random).toFloatArray());
        }
        assertEquals(new Random(5).nextLong(), random.nextLong(), "no number was drawn");
    }

    @Test
    void imagesOfAnotherSizeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MemoryImageBank(SIGVER,
                List.of(new Sample("w", SampleKind.GENUINE, Path.of("a.png"))), new float[][] {new float[80]}));
        assertEquals("image 0 has 80 pixels; (1, 12, 16) holds 192", e.getMessage());
    }
}
