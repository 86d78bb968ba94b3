package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.data.image.ImageSettings;

class ImageCacheTest {

    @TempDir
    Path folder;

    /** Samples w0/0.png ... and their images: what a decoder would give for each file. */
    final Map<Path, float[]> images = new HashMap<>();
    final AtomicInteger decoded = new AtomicInteger();
    final List<String> warnings = new ArrayList<>();

    ImageCache.Decoder decoder = sample -> {
        decoded.incrementAndGet();
        float[] image = images.get(sample.file());
        if (image == null) {
            throw new IOException("cannot decode " + sample.file());
        }
        return image.clone();
    };

    List<Sample> samples(int count, int pixels, long seed) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Sample sample = sample("w" + n % 3 + "/" + n + ".png");
            samples.add(sample);
            images.put(sample.file(), unitImage(pixels, random));
        }
        return samples;
    }

    /** An image as {@code normalize: unit} gives it: paper exactly 0, ink up to 1, and shades between. */
    static float[] unitImage(int pixels, Random random) {
        float[] image = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            image[i] = random.nextInt(3) == 0 ? random.nextFloat() : 0f;
        }
        image[random.nextInt(pixels)] = 1f;
        return image;
    }

    /** An image as {@code normalize: standardize} gives it: mean 0, SD 1, its own range. */
    static float[] standardImage(int pixels, Random random, double scale) {
        float[] image = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            image[i] = (float) (random.nextGaussian() * scale);
        }
        return image;
    }

    static void assertWithinQuantisation(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (float v : expected) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        double range = highest - lowest;
        // Half a level (range / 510), and float rounding of values of this size.
        double tolerance = range / 510 + 1e-6 * Math.max(Math.abs(lowest), Math.abs(highest)) + 1e-7;
        assertTrue(tolerance <= range / 255 + 1e-5, "within 1/255 of the range");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + ", pixel " + i);
        }
    }

    @Test
    void eightBitPixelsGiveTheValuesBackWithinHalfALevel() throws Exception {
        Random random = new Random(7);
        float[][] stored = {
            unitImage(500, random),
            standardImage(500, random, 1),
            standardImage(500, random, 40),
            new float[500], // a blank image: one value, no range
        };
        java.util.Arrays.fill(stored[3], -0.25f);
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < stored.length; n++) {
            samples.add(sample("w/" + n + ".png"));
            images.put(samples.get(n).file(), stored[n]);
        }
        ImageStore store = ImageStore.of(stored);
        for (int n = 0; n < 4; n++) {
            assertWithinQuantisation(stored[n], store.image(n), "image " + n);
        }
        float[] unit = store.image(0);
        for (int i = 0; i < unit.length; i++) {
            if (stored[0][i] == 0f || stored[0][i] == 1f) {
                assertEquals(stored[0][i], unit[i], 0.0, "paper and full ink are exact");
            }
        }
        assertArrayEquals(stored[3], store.image(3), "a blank image is exact");
        for (int n = 0; n < 4; n++) {
            assertArrayEquals(siglab.data.image.EightBitPixels.asKept(stored[n]), store.image(n),
                    "image " + n + ": what verify and an exported model compute is what the store gives, bit for bit");
        }

        // Through a file: the same values, a quarter of float32's bytes.
        Path file = new ImageCache(folder).file("abc", "{height: 1}");
        ImageCache.Loaded loaded = ImageCache.load(file, samples, 500, decoder, warnings::add);
        assertFalse(loaded.cached());
        assertEquals(ImageCache.HEADER_BYTES + 4L * (8 + 500), Files.size(file));
        ImageCache.Loaded again = ImageCache.load(file, samples, 500, decoder, warnings::add);
        assertTrue(again.cached());
        for (int n = 0; n < 4; n++) {
            assertArrayEquals(store.image(n), again.store().image(again.stored()[n]), "image " + n + " from the file");
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void theKeyChangesWithTheDataAndTheSettings() {
        ImageCache cache = new ImageCache(folder);
        assertNotEquals(cache.file("abc", "{height: 1}"), cache.file("abd", "{height: 1}"));
        assertNotEquals(cache.file("abc", "{height: 1}"), cache.file("abc", "{height: 2}"));
        assertEquals(cache.file("abc", "{height: 1}"), cache.file("abc", "{height: 1}"));
    }

    @Test
    void aSecondLoadReadsTheFileAndDecodesNothing() throws Exception {
        List<Sample> samples = samples(7, 40, 1);
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.Loaded first = ImageCache.load(file, samples, 40, decoder, warnings::add);
        assertEquals(7, decoded.get());
        assertFalse(first.cached());
        ImageCache.Loaded second = ImageCache.load(file, samples, 40, decoder, warnings::add);
        assertEquals(7, decoded.get(), "nothing decoded again");
        assertTrue(second.cached());
        for (int i = 0; i < samples.size(); i++) {
            assertWithinQuantisation(images.get(samples.get(i).file()), second.store().image(second.stored()[i]),
                    "sample " + i);
        }
        assertEquals(List.of(), warnings);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aCorruptFileIsRebuiltWithAWarning() throws Exception {
        List<Sample> samples = samples(5, 30, 2);
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.load(file, samples, 30, decoder, warnings::add);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(file, bytes);
        String[] why = new String[1];
        assertNull(ImageCache.open(file, 5, 30, why));
        assertEquals("its checksum does not match its content", why[0]);

        ImageCache.Loaded rebuilt = ImageCache.load(file, samples, 30, decoder, warnings::add);
        assertEquals(List.of("the image cache " + file + " is not used: its checksum does not match its content;"
                + " rebuilding it"), warnings);
        assertFalse(rebuilt.cached());
        assertEquals(10, decoded.get(), "every image decoded again");
        assertNotNull(ImageCache.open(file, 5, 30, why), "the rebuilt file is valid");
        Sample last = samples.get(4);
        assertWithinQuantisation(images.get(last.file()), rebuilt.store().image(rebuilt.stored()[4]), "the last image");
    }

    @Test
    void aTruncatedFileIsRebuiltWithAWarning() throws Exception {
        List<Sample> samples = samples(4, 30, 3);
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.load(file, samples, 30, decoder, warnings::add);
        long size = Files.size(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        ImageCache.Loaded rebuilt = ImageCache.load(file, samples, 30, decoder, warnings::add);
        assertEquals(List.of("the image cache " + file + " is not used: it is truncated (" + (size - 5) + " of " + size
                + " bytes); rebuilding it"), warnings);
        assertFalse(rebuilt.cached());
        assertEquals(size, Files.size(file));
        assertTrue(ImageCache.load(file, samples, 30, decoder, warnings::add).cached());

        Files.write(file, java.util.Arrays.copyOf(bytes, 10));
        String[] why = new String[1];
        assertNull(ImageCache.open(file, 4, 30, why));
        assertEquals("its header does not match the data", why[0], "a file cut inside its header");
    }

    @Test
    void aFileOfOtherImagesIsNotTrusted() throws Exception {
        List<Sample> samples = samples(4, 30, 4);
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.load(file, samples, 30, decoder, warnings::add);
        String[] why = new String[1];
        assertNull(ImageCache.open(file, 3, 30, why));
        assertEquals("its header does not match the data", why[0]);
        assertNull(ImageCache.open(file, 4, 31, why));
        assertEquals("its header does not match the data", why[0]);
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertNull(ImageCache.open(file, 4, 30, why));
        assertTrue(why[0].startsWith("it is longer than its header says"), why[0]);
    }

    @Test
    void noFileIsNoCacheAndNoWarning() throws Exception {
        String[] why = new String[1];
        assertNull(ImageCache.open(folder.resolve("none.bin"), 2, 3, why));
        assertNull(why[0]);
        ImageCache.load(folder.resolve("none.bin"), samples(2, 3, 5), 3, decoder, warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void eachSampleReadsItsOwnImageWhateverOrderTheRunListsTheFilesIn() throws Exception {
        // Two runs with other writer splits (another seed, another writer fold) list the same files
        // in another order, and share a cache key: each must still get its own pixels.
        List<Sample> firstOrder = List.of(sample("w2/a.png"), sample("w1/b.png"), sample("w3/c.png"));
        images.put(firstOrder.get(0).file(), new float[] {0f, 2f});
        images.put(firstOrder.get(1).file(), new float[] {0f, 1f});
        images.put(firstOrder.get(2).file(), new float[] {0f, 3f});
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.Loaded written = ImageCache.load(file, firstOrder, 2, decoder, warnings::add);
        assertArrayEquals(new int[] {1, 0, 2}, written.stored(), "stored by path: w1/b, w2/a, w3/c");
        List<Sample> otherOrder = List.of(firstOrder.get(2), firstOrder.get(0), firstOrder.get(1));
        ImageCache.Loaded read = ImageCache.load(file, otherOrder, 2, decoder, warnings::add);
        assertTrue(read.cached());
        assertArrayEquals(new float[] {0f, 3f}, read.store().image(read.stored()[0]));
        assertArrayEquals(new float[] {0f, 2f}, read.store().image(read.stored()[1]));
        assertArrayEquals(new float[] {0f, 1f}, read.store().image(read.stored()[2]));
    }

    @Test
    void aMappingOfManyChunksFindsEveryImage() throws Exception {
        // A file above 2 GB is mapped in chunks of whole records; a small chunk size exercises the
        // same addressing with a file of a few hundred bytes.
        List<Sample> samples = samples(10, 6, 6);
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.Loaded loaded = ImageCache.load(file, samples, 6, decoder, warnings::add);
        int record = ImageStore.recordBytes(6);
        assertEquals(14, record);
        String[] why = new String[1];
        int[][] layouts = {{2 * record, 5}, {3 * record, 4}, {3 * record + 13, 4}, {record - 1, 10}, {1, 10},
            {10 * record, 1}, {Integer.MAX_VALUE, 1}};
        for (int[] layout : layouts) {
            ImageStore chunked = ImageCache.open(file, 10, 6, why, layout[0]);
            assertEquals(layout[1], chunked.chunkCount(), "chunks of at most " + layout[0] + " bytes");
            for (int k = 0; k < 10; k++) {
                assertArrayEquals(loaded.store().image(k), chunked.image(k), "image " + k + ", chunks of " + layout[0]);
            }
            for (int i = 0; i < samples.size(); i++) {
                assertWithinQuantisation(images.get(samples.get(i).file()), chunked.image(loaded.stored()[i]),
                        "sample " + i + ", chunks of " + layout[0]);
            }
        }
        assertEquals(ImageStore.MAX_CHUNK_BYTES, Integer.MAX_VALUE);
    }

    @Test
    void imagesAreWrittenAsTheyAreDecoded() throws Exception {
        // 3 batches of images of 8 KiB: by the time the third batch is decoded, the first two are
        // on disk but for what the 1 MiB write buffer holds; the set is never gathered in memory.
        int pixels = 8192;
        int count = 3 * ImageCache.DECODE_BATCH;
        List<Sample> samples = samples(count, pixels, 8);
        Path file = new ImageCache(folder).file("abc", "s");
        AtomicLong onDisk = new AtomicLong(-1);
        Sample firstOfThirdBatch = samples.get(ImageCache.storedOrder(samples)[2 * ImageCache.DECODE_BATCH]);
        ImageCache.Decoder watching = sample -> {
            if (sample.equals(firstOfThirdBatch)) {
                try (Stream<Path> files = Files.list(folder)) {
                    Path temporary = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst()
                            .orElseThrow();
                    onDisk.set(Files.size(temporary));
                }
            }
            return decoder.decode(sample);
        };
        ImageCache.load(file, samples, pixels, watching, warnings::add);
        long twoBatches = ImageCache.HEADER_BYTES + 2L * ImageCache.DECODE_BATCH * ImageStore.recordBytes(pixels);
        assertTrue(onDisk.get() >= twoBatches - (1 << 20), onDisk.get() + " bytes on disk, two batches are " + twoBatches);
        assertEquals(ImageCache.HEADER_BYTES + (long) count * ImageStore.recordBytes(pixels), Files.size(file));
    }

    @Test
    void imagesThatCannotBeDecodedAreNamedAndKeepTheOthersOutOfTheCache() throws Exception {
        List<Sample> samples = samples(6, 20, 9);
        images.remove(samples.get(4).file());
        float[] notANumber = images.get(samples.get(1).file());
        notANumber[3] = Float.NaN;
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.Loaded loaded = ImageCache.load(file, samples, 20, decoder, warnings::add);
        assertEquals(2, loaded.failures());
        assertEquals("/data/w1/1.png: pixel 3 of the preprocessed image is NaN, not a finite number",
                loaded.firstFailure(), "the first in path order, named");
        assertEquals(-1, loaded.stored()[1]);
        assertEquals(-1, loaded.stored()[4]);
        assertEquals(4, loaded.store().size());
        for (int i : new int[] {0, 2, 3, 5}) {
            assertWithinQuantisation(images.get(samples.get(i).file()), loaded.store().image(loaded.stored()[i]),
                    "sample " + i);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "a set with holes is not cached, and no file is left behind");
        }
    }

    @Test
    void aCacheFolderThatCannotBeWrittenStillGivesTheImages() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("images"), "a file where the cache folder should be");
        List<Sample> samples = samples(3, 10, 10);
        Path file = new ImageCache(notAFolder).file("abc", "s");
        ImageCache.Loaded loaded = ImageCache.load(file, samples, 10, decoder, warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("cannot write the image cache " + file), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("the images go to a temporary file of this run"), warnings.get(0));
        assertWithinQuantisation(images.get(samples.get(2).file()), loaded.store().image(loaded.stored()[2]), "sample 2");
    }

    static Sample sample(String file) {
        return new Sample(file.substring(0, 2), SampleKind.GENUINE, Path.of("/data", file));
    }

    @Test
    void fitSettingsKeepTheKeyTheyHadBeforeSigverExisted() {
        // The key every cache file of fit runs was written under before image.preprocess existed.
        assertEquals("{\"height\":155,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"keep\"}",
                ImageCache.settingsKey(ImageSettings.defaults()));
        assertEquals("{\"height\":155,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"otsu\"}",
                ImageCache.settingsKey(new ImageSettings(155, 220, true, "unit", "otsu")));
    }

    @Test
    void sigverSettingsKeyTheirCanvasAndResize() {
        ImageSettings sigver = new ImageSettings(null, null, null, null, null, "sigver", List.of(300, 420), null);
        assertEquals("{\"height\":150,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"otsu\","
                + "\"preprocess\":\"sigver\",\"canvas\":[300,420],\"resize\":[170,242]}", ImageCache.settingsKey(sigver));
        assertNotEquals(ImageCache.settingsKey(sigver), ImageCache.settingsKey(new ImageSettings(null,
                null, null, null, null, "sigver", List.of(300, 430), null)));
    }
}
