package siglab.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BackgroundTest {

    private static final ImageSettings KEEP = new ImageSettings(40, 60, true, "unit");
    private static final ImageSettings OTSU = new ImageSettings(40, 60, true, "unit", "otsu");

    /** The same stroke on paper of the given shade. */
    private static BufferedImage signature(int paper) {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, 120, 80);
        g.setColor(new Color(40, 40, 40));
        g.setStroke(new BasicStroke(4));
        g.drawLine(10, 60, 110, 20);
        g.drawOval(30, 20, 30, 30);
        g.dispose();
        return image;
    }

    @Test
    void otsuSplitsABimodalHistogramBetweenItsModes() {
        int[] histogram = new int[256];
        histogram[30] = 100;
        histogram[240] = 900;
        int threshold = ImagePreprocessor.otsuThreshold(histogram, 1000);
        assertTrue(threshold >= 30 && threshold < 240, "threshold " + threshold);
        int[] flat = new int[256];
        flat[200] = 50;
        assertEquals(-1, ImagePreprocessor.otsuThreshold(flat, 50));
    }

    @Test
    void paperShadeNoLongerTellsTwoScansApart() {
        float[] greyKeep = new ImagePreprocessor(KEEP).preprocess(signature(239));
        float[] whiteKeep = new ImagePreprocessor(KEEP).preprocess(signature(254));
        float[] greyOtsu = new ImagePreprocessor(OTSU).preprocess(signature(239));
        float[] whiteOtsu = new ImagePreprocessor(OTSU).preprocess(signature(254));

        // Kept, the grey paper shows as a raised floor (1 - 239/255 = 0.063 after inversion).
        assertEquals(0.0627, median(greyKeep), 0.002);
        assertEquals(0.0039, median(whiteKeep), 0.002);
        // Whitened, both papers are 0 and the strokes are the same.
        assertEquals(0.0, median(greyOtsu));
        assertArrayEquals(whiteOtsu, greyOtsu, 0.02f);
        // The ink is kept: some pixels stay high.
        assertTrue(max(greyOtsu) > 0.5f);
    }

    @Test
    void backgroundIsValidatedAndDefaultsToKeep() {
        assertEquals("keep", ImageSettings.defaults().background());
        assertEquals(ImageSettings.defaults(), new ImageSettings(null, null, null, null));
        assertEquals("otsu", new ImageSettings(null, null, null, null, " OTSU ").background());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSettings(null, null, null, null, "blur"));
        assertEquals("background must be one of keep, otsu; was 'blur'", e.getMessage());
    }

    /**
     * In the shared CEDAR copy the forgeries' paper is brighter than the genuine signatures', so
     * that an untrained network already separates them; whitening the background removes that.
     */
    @Test
    void cedarGenuineAndForgedPaperDifferUnlessWhitened() throws IOException {
        String property = System.getProperty("siglab.cedar");
        Path cedar = Path.of(property != null ? property : "../../../shared/datasets/cedar").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(cedar.resolve("full_org")),
                "CEDAR is not at " + cedar + " (set -Dsiglab.cedar=DIR to point at a copy); skipping the real-data check");
        ImageSettings keep = new ImageSettings(155, 220, true, "unit");
        ImageSettings otsu = new ImageSettings(155, 220, true, "unit", "otsu");
        double[] gap = new double[2];
        int k = 0;
        for (ImageSettings settings : new ImageSettings[] {keep, otsu}) {
            ImagePreprocessor preprocessor = new ImagePreprocessor(settings);
            double genuine = 0;
            double forged = 0;
            for (int writer = 1; writer <= 3; writer++) {
                for (int n = 1; n <= 3; n++) {
                    genuine += median(preprocessor.load(cedar.resolve("full_org/original_" + writer + "_" + n + ".png")));
                    forged += median(preprocessor.load(cedar.resolve("full_forg/forgeries_" + writer + "_" + n + ".png")));
                }
            }
            gap[k++] = (genuine - forged) / 9;
        }
        assertTrue(gap[0] > 0.02, "kept paper: genuine minus forged background " + gap[0]);
        assertEquals(0.0, gap[1], 1e-9, "whitened paper: genuine minus forged background");
    }

    private static double median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
