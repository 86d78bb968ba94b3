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
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.data.image.ImageCrops;
import siglab.data.image.ImageSettings;

/** What the encoder is given from the bank: centre crops for evaluation, random crops for training. */
class MemoryImageBankTest {

    /** sigver settings storing 16 x 16 images and cropping 8 x 10 from them. */
    static final ImageSettings SIGVER = new ImageSettings(8, 10, true, null, null, "sigver", List.of(40, 60),
            List.of(16, 16));
    static final ImageSettings FIT = new ImageSettings(16, 16, true, null);

    @TempDir
    Path folder;

    /**
     * Image {@code n}: each pixel holds n + (its row * 16 + its column) / 255, so that its 256 values
     * are exactly the 256 levels of 8 bits and a crop says where it came from.
     */
    static MemoryImageBank bank(ImageSettings settings, int count) {
        List<Sample> samples = new ArrayList<>();
        float[][] pixels = new float[count][16 * 16];
        for (int n = 0; n < count; n++) {
            samples.add(new Sample("w" + n % 2, n < 4 ? SampleKind.GENUINE : SampleKind.FORGED, Path.of(n + ".png")));
            for (int i = 0; i < 16 * 16; i++) {
                pixels[n][i] = n + i / 255f;
            }
        }
        return MemoryImageBank.of(settings, samples, pixels);
    }

    /** The stored pixel a value of image {@code n} came from: (row, column). */
    static int[] where(float value, int n) {
        int level = Math.round((value - n) * 255);
        return new int[] {level / 16, level % 16};
    }

    @Test
    void evaluationSeesTheCentreCrop() {
        MemoryImageBank bank = bank(SIGVER, 6);
        assertEquals(new Shape(1, 8, 10), bank.imageShape());
        float[] crop = bank.pixels(3);
        assertEquals(80, crop.length);
        assertArrayEquals(new int[] {4, 3}, where(crop[0], 3), "top-left of the crop is stored pixel (4, 3)");
        assertArrayEquals(new int[] {11, 12}, where(crop[79], 3));
        assertEquals(3 + (4 * 16 + 3) / 255f, crop[0], 1e-6);
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
            int[] corner = where(crop[0], 2);
            assertTrue(corner[0] >= 0 && corner[0] <= 8 && corner[1] >= 0 && corner[1] <= 6,
                    "crop at " + corner[0] + ", " + corner[1]);
            corners.add(crop[0]);
        }
        assertTrue(corners.size() > 30, "crops at " + corners.size() + " of 63 places in 100 draws");
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
        assertEquals(new Shape(1, 16, 16), bank.imageShape());
        Random random = new Random(5);
        assertArrayEquals(bank.pixels(1), bank.trainingPixels(1, random));
        assertEquals(1f, bank.pixels(1)[0]);
        assertEquals(2f, bank.pixels(1)[255], "the highest value is exact");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(bank.batch(manager, new int[] {2, 0}).toFloatArray(),
                    bank.trainingBatch(manager, new int[] {2, 0}, random).toFloatArray());
        }
        assertEquals(new Random(5).nextLong(), random.nextLong(), "no number was drawn");
    }

    @Test
    void imagesOfAnotherSizeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryImageBank.of(SIGVER,
                List.of(new Sample("w", SampleKind.GENUINE, Path.of("a.png"))), new float[][] {new float[80]}));
        assertEquals("image 0 has 80 pixels; (1, 16, 16) holds 256", e.getMessage());
        ImageStore small = ImageStore.of(new float[][] {new float[80]});
        e = assertThrows(IllegalArgumentException.class, () -> new MemoryImageBank(SIGVER, small,
                List.of(new Sample("w", SampleKind.GENUINE, Path.of("a.png"))), new int[] {0}));
        assertEquals("the store holds images of 80 pixels; (1, 16, 16) holds 256", e.getMessage());
    }

    /**
     * The crops a bank over a mapped cache file gives are the crops the float bank gave before (the
     * same {@link ImageCrops} over the float images, the same random places from the same seed),
     * within half an 8-bit level of each image's range; the train and validation banks are views
     * of one mapping, here spread over chunks of three records.
     */
    @Test
    void mappedCropsAreTheFloatBanksWithinQuantisation() throws Exception {
        ImageSettings settings = new ImageSettings(12, 20, true, "standardize", null, "sigver", List.of(40, 60),
                List.of(17, 26));
        int stored = settings.pixelCount();
        Random random = new Random(3);
        List<Sample> samples = new ArrayList<>();
        Map<Path, float[]> images = new HashMap<>();
        for (int n = 0; n < 14; n++) {
            Sample sample = new Sample("w" + n / 4, n % 4 < 2 ? SampleKind.GENUINE : SampleKind.FORGED,
                    Path.of("/data/w" + n / 4 + "/" + (13 - n) + ".png"));
            samples.add(sample);
            images.put(sample.file(), n % 2 == 0 ? ImageCacheTest.standardImage(stored, random, 1 + n)
                    : ImageCacheTest.unitImage(stored, random));
        }
        Path file = new ImageCache(folder).file("abc", ImageCache.settingsKey(settings));
        ImageCache.Loaded built = ImageCache.load(file, samples, stored, s -> images.get(s.file()).clone(), w -> {});
        ImageStore mapped = ImageCache.open(file, samples.size(), stored, new String[1],
                3L * ImageStore.recordBytes(stored));
        assertEquals(5, mapped.chunkCount());
        List<MemoryImageBank> views = MemoryImageBank.views(settings, mapped, samples, built.stored(), List.of(10, 4));
        ImageCrops crops = ImageCrops.of(settings);
        try (NDManager manager = NDManager.newBaseManager()) {
            int offset = 0;
            for (MemoryImageBank bank : views) {
                int[] all = IntStream.range(0, bank.size()).toArray();
                float[] centre = bank.batch(manager, all).toFloatArray();
                float[] training = bank.trainingBatch(manager, all, new Random(9)).toFloatArray();
                Random places = new Random(9);
                for (int i = 0; i < bank.size(); i++) {
                    assertEquals(samples.get(offset + i), bank.sample(i));
                    float[] original = images.get(bank.sample(i).file());
                    float[] expected = new float[crops.cropSize()];
                    crops.centre(original, expected, 0);
                    String what = bank.sample(i).file().toString();
                    assertWithin(original, expected, bank.pixels(i), what + ", centre crop");
                    assertWithin(original, expected, slice(centre, i, crops.cropSize()), what + ", centre crop in a batch");
                    crops.random(original, places, expected, 0);
                    assertWithin(original, expected, slice(training, i, crops.cropSize()), what + ", random crop");
                }
                offset += bank.size();
            }
        }
        assertEquals(List.of("w0", "w1", "w2"), views.get(0).writers());
        assertArrayEquals(new int[] {0, 1}, views.get(0).genuine("w0"));
        assertArrayEquals(new int[] {2, 3}, views.get(0).forged("w0"));
        assertEquals(List.of("w2", "w3"), views.get(1).writers());
    }

    private static float[] slice(float[] batch, int image, int size) {
        return java.util.Arrays.copyOfRange(batch, image * size, (image + 1) * size);
    }

    /** {@code actual} is {@code expected} within half a level of the range of the whole stored image. */
    private static void assertWithin(float[] stored, float[] expected, float[] actual, String what) {
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (float v : stored) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        double tolerance = (highest - lowest) / 510.0 + 1e-6;
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + ", pixel " + i);
        }
    }

    /**
     * A batch is gathered into a buffer the thread reuses: after the first, batches take no direct
     * memory and no heap array the size of a batch, and an array made earlier keeps its values when
     * the buffer is filled again (the engine copied it).
     */
    @Test
    void batchesReuseOneBufferAndAllocateNothingTheSizeOfABatch() {
        ImageSettings settings = new ImageSettings(96, 136, true, null);
        int count = 40;
        float[][] pixels = new float[count][];
        List<Sample> samples = new ArrayList<>();
        Random random = new Random(12);
        for (int n = 0; n < count; n++) {
            pixels[n] = ImageCacheTest.unitImage(settings.pixelCount(), random);
            samples.add(new Sample("w" + n % 4, SampleKind.GENUINE, Path.of(n + ".png")));
        }
        MemoryImageBank bank = MemoryImageBank.of(settings, samples, pixels);
        int[] first = IntStream.range(0, 32).toArray();
        int[] second = IntStream.range(8, 40).toArray();
        long batchBytes = 32L * settings.pixelCount() * Float.BYTES;
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray kept = bank.batch(manager, first);
            float[] keptValues = kept.toFloatArray();
            long directBefore = direct.getMemoryUsed();
            long heapBefore = threads.getThreadAllocatedBytes(thread);
            for (int round = 0; round < 20; round++) {
                try (NDManager step = manager.newSubManager()) {
                    bank.batch(step, round % 2 == 0 ? second : first);
                }
            }
            long heapPerBatch = (threads.getThreadAllocatedBytes(thread) - heapBefore) / 20;
            assertEquals(directBefore, direct.getMemoryUsed(), "no direct memory taken by 20 batches");
            assertTrue(heapPerBatch < batchBytes / 20, heapPerBatch + " bytes of heap per batch of " + batchBytes);
            assertArrayEquals(keptValues, kept.toFloatArray(), "the first batch's array is its own copy");
            float[] secondValues = bank.batch(manager, second).toFloatArray();
            assertArrayEquals(bank.pixels(8), slice(secondValues, 0, settings.pixelCount()));
            assertArrayEquals(bank.pixels(39), slice(secondValues, 31, settings.pixelCount()));
        }
    }
}
