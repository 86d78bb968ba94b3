package siglab.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePreprocessorTest {

    private static final int HEIGHT = 31;
    private static final int WIDTH = 44;

    @TempDir
    Path folder;

    private final ImagePreprocessor preprocessor =
            new ImagePreprocessor(new ImageSettings(HEIGHT, WIDTH, true, "unit"));

    /** A 60 x 80 image of the given type: white paper, a dark filled rectangle in the middle. */
    private static BufferedImage drawing(int type) {
        BufferedImage image;
        if (type == BufferedImage.TYPE_BYTE_INDEXED) {
            byte[] levels = {0, (byte) 255};
            image = new BufferedImage(80, 60, type, new IndexColorModel(1, 2, levels, levels, levels));
        } else {
            image = new BufferedImage(80, 60, type);
        }
        Graphics2D g = image.createGraphics();
        if (type != BufferedImage.TYPE_INT_ARGB) {
            // An ARGB image stays transparent: its background must come out as paper.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 80, 60);
        }
        g.setColor(Color.BLACK);
        g.fillRect(30, 20, 20, 20);
        g.dispose();
        return image;
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = folder.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
        return file;
    }

    @ParameterizedTest
    @CsvSource({
        "10, png, gray.png", "5, png, bgr.PNG", "2, png, argb.png", "13, png, indexed.png",
        "10, jpeg, gray.jpg", "5, jpeg, bgr.JPEG", "5, tiff, bgr.tif"})
    void everyColourModeGivesInkHighOnBackgroundZero(int type, String format, String name)
            throws IOException {
        float[] pixels = preprocessor.load(write(drawing(type), format, name));

        assertEquals(HEIGHT * WIDTH, pixels.length);
        for (float v : pixels) {
            assertTrue(v >= 0 && v <= 1, "value out of [0, 1]: " + v);
        }
        // 80 x 60 is height-bound in 44 x 31: it becomes 41 x 31, the square stays central.
        float centre = pixels[(HEIGHT / 2) * WIDTH + WIDTH / 2];
        float corner = pixels[2 * WIDTH + 2];
        assertTrue(centre > 0.9f, "ink should be high after invert, was " + centre);
        assertTrue(corner < 0.1f, "paper should be low after invert, was " + corner);
    }

    @Test
    void grayValuesAreNotLightenedByColourSpaceConversion() throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(data, (byte) 100);
        float[] pixels = new ImagePreprocessor(new ImageSettings(HEIGHT, WIDTH, false, null))
                .load(write(image, "png", "flat.png"));
        assertEquals(100 / 255f, pixels[123], 1e-4);
    }

    @Test
    void aWideBarStaysABarCentredInTheBox() throws IOException {
        // 400 x 40 black bar filling the whole image: aspect 10:1.
        BufferedImage bar = new BufferedImage(400, 40, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = preprocessor.load(write(bar, "png", "bar.png"));
        // Width-bound: 44 x 4.4 -> 44 x 4 rows of ink centred in 31 rows.
        int inkRows = 0;
        for (int y = 0; y < HEIGHT; y++) {
            float row = 0;
            for (int x = 0; x < WIDTH; x++) {
                row += pixels[y * WIDTH + x];
            }
            if (row > WIDTH * 0.5f) {
                inkRows++;
                assertTrue(Math.abs(y - HEIGHT / 2) <= 3, "ink row " + y + " is not centred");
            }
        }
        assertEquals(4, inkRows);
    }

    @Test
    void transparentBackgroundBecomesPaper() throws IOException {
        BufferedImage image = new BufferedImage(80, 60, BufferedImage.TYPE_INT_ARGB);
        // Fully transparent black: its colour must not leak through.
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(new Color(0, 0, 0, 0));
        g.fillRect(0, 0, 80, 60);
        g.setColor(new Color(0, 0, 0, 128));
        g.fillRect(0, 0, 40, 60);
        g.dispose();
        float[] pixels = new ImagePreprocessor(new ImageSettings(60, 80, true, null))
                .load(write(image, "png", "alpha.png"));
        assertEquals(0f, pixels[30 * 80 + 70], 1e-6, "transparent pixel is paper");
        assertEquals(128 / 255f, pixels[30 * 80 + 10], 0.01, "half-transparent black is half ink");
    }

    @Test
    void withoutInvertPaperIsHighAndPaddingIsPaper() throws IOException {
        BufferedImage bar = new BufferedImage(400, 40, BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = new ImagePreprocessor(new ImageSettings(HEIGHT, WIDTH, false, null))
                .load(write(bar, "png", "bar.png"));
        assertEquals(1f, pixels[0], 1e-6);
        assertEquals(0f, pixels[(HEIGHT / 2) * WIDTH + WIDTH / 2], 1e-6);
    }

    @Test
    void standardizeGivesMeanZeroAndUnitSpread() throws IOException {
        float[] pixels = new ImagePreprocessor(new ImageSettings(HEIGHT, WIDTH, true, "standardize"))
                .load(write(drawing(BufferedImage.TYPE_BYTE_GRAY), "png", "s.png"));
        double mean = 0;
        for (float v : pixels) {
            mean += v;
        }
        mean /= pixels.length;
        double variance = 0;
        for (float v : pixels) {
            variance += (v - mean) * (v - mean);
        }
        assertEquals(0, mean, 1e-4);
        assertEquals(1, variance / pixels.length, 1e-3);
    }

    @Test
    void enlargingASmallImageKeepsItsContent() throws IOException {
        BufferedImage small = drawing(BufferedImage.TYPE_BYTE_GRAY);
        float[] pixels = new ImagePreprocessor(new ImageSettings(120, 160, true, null))
                .load(write(small, "png", "small.png"));
        assertEquals(120 * 160, pixels.length);
        assertTrue(pixels[60 * 160 + 80] > 0.99f);
        assertTrue(pixels[5 * 160 + 5] < 0.01f);
    }

    @Test
    void truncatedPngNamesTheFile() throws IOException {
        Path whole = write(drawing(BufferedImage.TYPE_3BYTE_BGR), "png", "whole.png");
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = folder.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        IOException e = assertThrows(IOException.class, () -> preprocessor.load(truncated));
        assertTrue(e.getMessage().contains("cannot decode image " + truncated), e.getMessage());
    }

    @Test
    void textFileNamedPngNamesTheFile() throws IOException {
        Path text = folder.resolve("notes.png");
        Files.writeString(text, "not an image at all", StandardCharsets.UTF_8);

        IOException e = assertThrows(IOException.class, () -> preprocessor.load(text));
        assertTrue(e.getMessage().contains("cannot decode image " + text), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesNameTheFile() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.PNG"));
        IOException e = assertThrows(IOException.class, () -> preprocessor.load(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());

        Path missing = folder.resolve("missing.png");
        e = assertThrows(IOException.class, () -> preprocessor.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void settingsRejectOutOfRangeValuesNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSettings(2, null, null, null));
        assertTrue(e.getMessage().startsWith("height"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSettings(null, null, null, "zscore"));
        assertTrue(e.getMessage().startsWith("normalize"), e.getMessage());
        ImageSettings defaults = ImageSettings.defaults();
        assertEquals(155, defaults.height());
        assertEquals(220, defaults.width());
        assertTrue(defaults.invert());
        assertEquals("unit", defaults.normalize());
    }
}
