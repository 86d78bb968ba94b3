package siglab.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hafemann et al.'s preprocessing ({@code preprocess: sigver}) on drawn signatures whose every
 * pixel is known: strokes of two ink shades, drawn off-centre on paper with noise, and what each
 * step must make of them.
 */
class SigverPreprocessingTest {

    private static final int PAPER = 235;
    private static final int DARK_INK = 60;
    private static final int PALE_INK = 120;
    /** Between the palest ink (0.47) and the darkest paper (0.86): ink in the test's own terms. */
    private static final float INK_BELOW = 0.6f;

    /**
     * A 300 x 400 scan: paper of shade 220-250 (noise), strokes of two shades (no anti-aliasing,
     * so every pixel is paper or one of the two inks) in the upper left, off the image's centre.
     */
    private static BufferedImage scan(long seed) {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(PAPER, PAPER, PAPER));
        g.fillRect(0, 0, 400, 300);
        g.setStroke(new BasicStroke(4));
        g.setColor(new Color(DARK_INK, DARK_INK, DARK_INK));
        g.drawLine(30, 130, 110, 40);
        g.drawOval(60, 60, 50, 40);
        g.fillRect(150, 100, 20, 12);
        g.setColor(new Color(PALE_INK, PALE_INK, PALE_INK));
        g.drawLine(40, 120, 190, 125);
        g.drawArc(120, 30, 60, 60, 0, 200);
        g.dispose();
        WritableRaster raster = image.getRaster();
        Random random = new Random(seed);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                if (raster.getSample(x, y, 0) == PAPER) {
                    raster.setSample(x, y, 0, 220 + random.nextInt(31));
                }
            }
        }
        return image;
    }

    private static ImageSettings sigver(int height, int width, List<Integer> canvas, List<Integer> resize) {
        return new ImageSettings(height, width, true, null, null, "sigver", canvas, resize);
    }

    /** Centre of mass (row, column) of an image whose values are the weights. */
    private static double[] centreOfMass(float[] image, int width) {
        double mass = 0;
        double sumY = 0;
        double sumX = 0;
        for (int i = 0; i < image.length; i++) {
            mass += image[i];
            sumY += image[i] * (i / width);
            sumX += image[i] * (i % width);
        }
        return new double[] {sumY / mass, sumX / mass};
    }

    /**
     * What the canvas must hold, computed here from the definition: the ink (darker than
     * {@link #INK_BELOW}) inverted with its own shade, paper exactly 0, the ink's centre of mass
     * (darkness-weighted) moved to the canvas centre by a whole-pixel shift.
     */
    private static float[] expectedCanvas(BufferedImage scan, int canvasHeight, int canvasWidth) {
        int width = scan.getWidth();
        int height = scan.getHeight();
        float[] ink = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = scan.getRaster().getSample(x, y, 0) / 255f;
                ink[y * width + x] = v < INK_BELOW ? 1f - v : 0f;
            }
        }
        double[] centre = centreOfMass(ink, width);
        int shiftY = (int) Math.round((canvasHeight - 1) / 2.0 - centre[0]);
        int shiftX = (int) Math.round((canvasWidth - 1) / 2.0 - centre[1]);
        float[] canvas = new float[canvasHeight * canvasWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int cy = y + shiftY;
                int cx = x + shiftX;
                if (cy >= 0 && cy < canvasHeight && cx >= 0 && cx < canvasWidth) {
                    canvas[cy * canvasWidth + cx] = ink[y * width + x];
                }
            }
        }
        return canvas;
    }

    @Test
    void theInkIsCentredByItsCentreOfMassWithItsShadesKeptOnPaperOfExactlyZero() {
        BufferedImage scan = scan(1);
        // resize = canvas: no resampling, so that the stored image is the canvas itself.
        ImageSettings settings = sigver(180, 280, List.of(200, 300), List.of(200, 300));
        ImagePreprocessor.Preprocessed result = new ImagePreprocessor(settings).process(scan);

        float[] expected = expectedCanvas(scan, 200, 300);
        assertEquals(expected.length, result.pixels().length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != result.pixels()[i]) {
                throw new AssertionError("canvas pixel (" + i / 300 + ", " + i % 300 + "): expected "
                        + expected[i] + ", was " + result.pixels()[i]);
            }
        }
        double[] centre = centreOfMass(result.pixels(), 300);
        assertEquals(99.5, centre[0], 0.5, "row of the ink's centre of mass");
        assertEquals(149.5, centre[1], 0.5, "column of the ink's centre of mass");
        assertFalse(result.cut());
        // The ink box of the drawing: rows 28-132, columns 28-192 (4 px strokes), give or take the blur.
        assertEquals(105, result.inkHeight(), 4);
        assertEquals(165, result.inkWidth(), 4);
    }

    @Test
    void resizingKeepsTheAspectRatioAndTheCentreOfMass() {
        BufferedImage scan = scan(2);
        // A 200 x 300 canvas covering 80 x 150: both sides scale by 0.5, then 10 rows go from each edge.
        ImageSettings settings = sigver(70, 140, List.of(200, 300), List.of(80, 150));
        float[] stored = new ImagePreprocessor(settings).preprocess(scan);
        assertEquals(80 * 150, stored.length);

        double[] centre = centreOfMass(stored, 150);
        assertEquals(39.5, centre[0], 1.0, "row of the ink's centre of mass");
        assertEquals(74.5, centre[1], 1.0, "column of the ink's centre of mass");
        // The filled 20 x 12 rectangle (dark ink) becomes 10 x 6: the extent of the ink shrinks by
        // the same factor in both directions.
        int[] box = box(stored, 150, 0.01f);
        double[] canvasBox = {105, 165};
        double heightScale = (box[2] - box[0] + 1) / canvasBox[0];
        double widthScale = (box[3] - box[1] + 1) / canvasBox[1];
        assertEquals(0.5, heightScale, 0.05, "vertical scale");
        assertEquals(0.5, widthScale, 0.05, "horizontal scale");
        assertEquals(0f, stored[0], "paper stays exactly 0 through resampling");
        assertEquals(0f, stored[stored.length - 1]);
    }

    @Test
    void aSignatureLargerThanTheCanvasIsCutAroundItsCentreOfMass() {
        BufferedImage scan = scan(3);
        ImageSettings settings = sigver(72, 120, List.of(80, 130), List.of(80, 130));
        ImagePreprocessor.Preprocessed result = new ImagePreprocessor(settings).process(scan);

        assertTrue(result.cut(), "the 105 x 165 ink does not fit an 80 x 130 canvas");
        float[] expected = expectedCanvas(scan, 80, 130);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], result.pixels()[i], "canvas pixel (" + i / 130 + ", " + i % 130 + ")");
        }
        // Cut, not shrunk: ink runs off both sides, and some of it is gone.
        int[] box = box(result.pixels(), 130, 0f);
        assertEquals(0, box[1]);
        assertEquals(129, box[3]);
        float[] whole = expectedCanvas(scan, 300, 400);
        assertTrue(sum(result.pixels()) < 0.9 * sum(whole), "ink kept " + sum(result.pixels()) + " of " + sum(whole));
    }

    @Test
    void aSpeckOfDustFarAwayDoesNotStretchTheInkBox() {
        BufferedImage scan = scan(4);
        BufferedImage dusty = scan(4);
        for (int y = 270; y < 272; y++) {
            for (int x = 370; x < 372; x++) {
                dusty.getRaster().setSample(x, y, 0, DARK_INK);
            }
        }
        ImageSettings settings = sigver(150, 220, List.of(200, 300), null);
        ImagePreprocessor preprocessor = new ImagePreprocessor(settings);
        ImagePreprocessor.Preprocessed clean = preprocessor.process(scan);
        ImagePreprocessor.Preprocessed speck = preprocessor.process(dusty);
        assertEquals(clean.inkHeight(), speck.inkHeight());
        assertEquals(clean.inkWidth(), speck.inkWidth());
    }

    @Test
    void blankPaperGivesABlankImage() {
        BufferedImage paper = new BufferedImage(120, 80, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = paper.createGraphics();
        g.setColor(new Color(240, 240, 240));
        g.fillRect(0, 0, 120, 80);
        g.dispose();
        ImagePreprocessor.Preprocessed result =
                new ImagePreprocessor(sigver(150, 220, null, null)).process(paper);
        assertEquals(170 * 242, result.pixels().length);
        for (float v : result.pixels()) {
            assertEquals(0f, v);
        }
        assertEquals(0, result.inkHeight());
    }

    @Test
    void keptPaperFillsTheCanvasWithThePapersShade() {
        BufferedImage scan = scan(5);
        ImageSettings keep = new ImageSettings(180, 280, true, null, "keep", "sigver", List.of(200, 300),
                List.of(200, 300));
        float[] pixels = new ImagePreprocessor(keep).preprocess(scan);
        // Paper noise is 220-250, median 235: inverted 1 - 235/255.
        assertEquals(1f - 235 / 255f, pixels[0], 1e-6);
        assertTrue(pixels[0] > 0.05f);
    }

    @Test
    void settingsDefaultValidateAndNameTheirKeys() {
        ImageSettings sigver = new ImageSettings(null, null, null, null, null, "SigVer", null, null);
        assertEquals("sigver", sigver.preprocess());
        assertEquals(150, sigver.height());
        assertEquals(220, sigver.width());
        assertEquals("otsu", sigver.background());
        assertEquals(List.of(360, 512), sigver.canvas());
        assertEquals(List.of(170, 242), sigver.resize());
        assertEquals(new ai.djl.ndarray.types.Shape(1, 150, 220), sigver.inputShape());
        assertEquals(new ai.djl.ndarray.types.Shape(1, 170, 242), sigver.storedShape());
        assertEquals(170 * 242, sigver.pixelCount());
        assertTrue(sigver.crops());

        ImageSettings fit = new ImageSettings(null, null, null, null, null, null, List.of(300, 400), List.of(9, 9));
        assertEquals("fit", fit.preprocess());
        assertNull(fit.canvas(), "fit drops sigver's settings");
        assertNull(fit.resize());
        assertEquals(fit.inputShape(), fit.storedShape());
        assertEquals(ImageSettings.defaults(), fit);
        assertEquals("keep", fit.background());

        assertEquals("preprocess must be one of fit, sigver; was 'crop'", assertThrows(IllegalArgumentException.class,
                () -> new ImageSettings(null, null, null, null, null, "crop", null, null)).getMessage());
        assertEquals("canvas must be [height, width] in pixels, was [300]", assertThrows(IllegalArgumentException.class,
                () -> new ImageSettings(null, null, null, null, null, "sigver", List.of(300), null)).getMessage());
        assertEquals("canvas sides must be between 8 and 16384 pixels, was [0, 400]",
                assertThrows(IllegalArgumentException.class, () -> new ImageSettings(null, null, null, null, null,
                        "sigver", List.of(0, 400), null)).getMessage());
        assertEquals("resize [160, 242] must be at least height x width (170 x 220): the encoder's input is cropped"
                + " from it", assertThrows(IllegalArgumentException.class, () -> new ImageSettings(170, null, null,
                        null, null, "sigver", null, List.of(160, 242))).getMessage());
        // The default resize keeps sigver's margin for crops, in proportion.
        assertEquals(List.of(176, 242), new ImageSettings(155, null, null, null, null, "sigver", null, null).resize());
    }

    /** Real CEDAR scans: both kinds come out on paper of exactly 0 with their ink's shades, centred. */
    @Test
    void cedarSignaturesComeOutCentredOnBlankPaper() throws IOException {
        String property = System.getProperty("siglab.cedar");
        Path cedar = Path.of(property != null ? property : "../../../shared/datasets/cedar").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(cedar.resolve("full_org")),
                "CEDAR is not at " + cedar + " (set -Dsiglab.cedar=DIR to point at a copy); skipping the real-data check");
        ImageSettings settings = new ImageSettings(null, null, null, null, null, "sigver", null, null);
        ImagePreprocessor preprocessor = new ImagePreprocessor(settings);
        ImageCrops crops = ImageCrops.of(settings);
        for (String file : List.of("full_org/original_1_1.png", "full_forg/forgeries_1_1.png",
                "full_org/original_11_3.png", "full_forg/forgeries_43_2.png")) {
            ImagePreprocessor.Preprocessed result = preprocessor.process(cedar.resolve(file));
            float[] crop = new float[crops.cropSize()];
            crops.centre(result.pixels(), crop, 0);
            assertFalse(result.cut(), file);
            int zeros = 0;
            java.util.Set<Float> shades = new java.util.HashSet<>();
            for (float v : crop) {
                zeros += v == 0f ? 1 : 0;
                shades.add(v);
            }
            assertTrue(zeros > crop.length / 2, file + ": paper is exactly 0 (" + zeros + " of " + crop.length + ")");
            assertTrue(shades.size() > 100, file + ": ink keeps its shades (" + shades.size() + " values)");
            double[] centre = centreOfMass(crop, 220);
            assertEquals(74.5, centre[0], 1.5, file + ": row of the centre of mass");
            assertEquals(109.5, centre[1], 1.5, file + ": column of the centre of mass");
        }
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }

    /** Bounding box (top, left, bottom, right) of the values above {@code above}. */
    private static int[] box(float[] image, int width, float above) {
        int top = Integer.MAX_VALUE;
        int left = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int i = 0; i < image.length; i++) {
            if (image[i] > above) {
                top = Math.min(top, i / width);
                bottom = Math.max(bottom, i / width);
                left = Math.min(left, i % width);
                right = Math.max(right, i % width);
            }
        }
        return new int[] {top, left, bottom, right};
    }
}
