package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCacheTest {

    @TempDir
    Path folder;

    final float[][] images = {{0f, 0.25f, 1f}, {0.5f, 0.75f, 0.125f}};

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        Path file = new ImageCache(folder).file("abc", "{height: 1}");
        ImageCache.write(file, images);
        String[] why = new String[1];
        float[][] read = ImageCache.read(file, 2, 3, why);
        assertArrayEquals(images, read);
        assertNull(why[0]);
    }

    @Test
    void theKeyChangesWithTheDataAndTheSettings() {
        ImageCache cache = new ImageCache(folder);
        assertNotEquals(cache.file("abc", "{height: 1}"), cache.file("abd", "{height: 1}"));
        assertNotEquals(cache.file("abc", "{height: 1}"), cache.file("abc", "{height: 2}"));
        assertEquals(cache.file("abc", "{height: 1}"), cache.file("abc", "{height: 1}"));
    }

    @Test
    void aCorruptFileIsNotTrusted() throws Exception {
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.write(file, images);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(file, bytes);
        String[] why = new String[1];
        assertNull(ImageCache.read(file, 2, 3, why));
        assertEquals("its checksum does not match its content", why[0]);
    }

    @Test
    void aTruncatedFileOrAnotherShapeIsNotTrusted() throws Exception {
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.write(file, images);
        String[] why = new String[1];
        assertNull(ImageCache.read(file, 3, 3, why));
        assertEquals("its header does not match the data", why[0]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertNull(ImageCache.read(file, 2, 3, why));
        assertEquals(true, why[0].startsWith("it cannot be read"), why[0]);
    }

    @Test
    void noFileIsNoCacheAndNoWarning() {
        String[] why = new String[1];
        assertNull(ImageCache.read(folder.resolve("none.bin"), 2, 3, why));
        assertNull(why[0]);
    }

    @Test
    void eachSampleReadsItsOwnImageWhateverOrderTheRunListsTheFilesIn() throws Exception {
        // Two runs with other writer splits (another seed, another writer fold) list the same files
        // in another order, and share a cache key: each must still get its own pixels.
        java.util.List<siglab.api.data.Sample> firstOrder = java.util.List.of(sample("w2/a.png"), sample("w1/b.png"),
                sample("w3/c.png"));
        float[][] pixels = {{2f}, {1f}, {3f}};
        Path file = new ImageCache(folder).file("abc", "s");
        ImageCache.write(file, firstOrder, pixels);
        java.util.List<siglab.api.data.Sample> otherOrder = java.util.List.of(firstOrder.get(2), firstOrder.get(0),
                firstOrder.get(1));
        String[] why = new String[1];
        assertArrayEquals(new float[][] {{3f}, {2f}, {1f}}, ImageCache.read(file, otherOrder, 1, why));
        assertArrayEquals(pixels, ImageCache.read(file, firstOrder, 1, why));
        assertNull(why[0]);
    }

    static siglab.api.data.Sample sample(String file) {
        return new siglab.api.data.Sample(file.substring(0, 2), siglab.api.data.SampleKind.GENUINE, Path.of("/data", file));
    }

    @Test
    void fitSettingsKeepTheKeyTheyHadBeforeSigverExisted() {
        // The key every cache file of fit runs was written under before image.preprocess existed.
        assertEquals("{\"height\":155,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"keep\"}",
                ImageCache.settingsKey(siglab.data.image.ImageSettings.defaults()));
        assertEquals("{\"height\":155,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"otsu\"}",
                ImageCache.settingsKey(new siglab.data.image.ImageSettings(155, 220, true, "unit", "otsu")));
    }

    @Test
    void sigverSettingsKeyTheirCanvasAndResize() {
        siglab.data.image.ImageSettings sigver = new siglab.data.image.ImageSettings(null, null, null, null, null,
                "sigver", java.util.List.of(300, 420), null);
        assertEquals("{\"height\":150,\"width\":220,\"invert\":true,\"normalize\":\"unit\",\"background\":\"otsu\","
                + "\"preprocess\":\"sigver\",\"canvas\":[300,420],\"resize\":[170,242]}", ImageCache.settingsKey(sigver));
        assertNotEquals(ImageCache.settingsKey(sigver), ImageCache.settingsKey(new siglab.data.image.ImageSettings(null,
                null, null, null, null, "sigver", java.util.List.of(300, 430), null)));
    }

}
