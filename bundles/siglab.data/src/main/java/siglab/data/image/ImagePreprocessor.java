package siglab.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Turns one image file into the tensor an encoder reads: 1 x height x width floats, row-major.
 *
 * <p>The steps, in order: decode with {@link ImageIO} (PNG, JPEG, TIFF, BMP, GIF; gray, RGB,
 * RGBA and palette images; the format is recognised from the content, not the extension);
 * flatten transparency onto white paper; convert to luma (ITU-R BT.601 weights, as PIL's
 * {@code convert("L")}); whiten the paper above the Otsu threshold, if configured; invert so that
 * ink is high, if configured; fit into the height x width box
 * keeping the aspect ratio (area averaging when shrinking, bilinear when enlarging, both on
 * floats so that thin strokes are not quantised away); pad with background, centred; normalise.
 *
 * <p>Immutable and thread-safe: one instance may load many files in parallel.
 */
public final class ImagePreprocessor {

    private final ImageSettings settings;

    /** A preprocessor for {@code settings}. */
    public ImagePreprocessor(ImageSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings this preprocessor applies. */
    public ImageSettings settings() {
        return settings;
    }

    /**
     * Decodes and preprocesses one image.
     *
     * @return 1 x height x width floats in row-major order
     * @throws IOException when the file is missing or cannot be decoded; the message names the file
     */
    public float[] load(Path file) throws IOException {
        return preprocess(decode(file));
    }

    /**
     * Preprocesses an image already in memory, exactly as {@link #load} does after decoding.
     *
     * @return 1 x height x width floats in row-major order
     */
    public float[] preprocess(BufferedImage image) {
        int sourceWidth = image.getWidth();
        int sourceHeight = image.getHeight();
        float[] paper = luminance(image);
        if (ImageSettings.OTSU.equals(settings.background())) {
            whitenBackground(paper);
        }
        if (settings.invert()) {
            for (int i = 0; i < paper.length; i++) {
                paper[i] = 1f - paper[i];
            }
        }
        float background = settings.invert() ? 0f : 1f;
        int boxHeight = settings.height();
        int boxWidth = settings.width();
        double scale = Math.min((double) boxHeight / sourceHeight, (double) boxWidth / sourceWidth);
        int fittedWidth = clamp((int) Math.round(sourceWidth * scale), 1, boxWidth);
        int fittedHeight = clamp((int) Math.round(sourceHeight * scale), 1, boxHeight);
        float[] fitted = resize(paper, sourceWidth, sourceHeight, fittedWidth, fittedHeight);

        float[] out = new float[boxHeight * boxWidth];
        java.util.Arrays.fill(out, background);
        int top = (boxHeight - fittedHeight) / 2;
        int left = (boxWidth - fittedWidth) / 2;
        for (int y = 0; y < fittedHeight; y++) {
            System.arraycopy(fitted, y * fittedWidth, out, (top + y) * boxWidth + left, fittedWidth);
        }
        if (ImageSettings.STANDARDIZE.equals(settings.normalize())) {
            standardize(out);
        }
        return out;
    }

    /**
     * Decodes an image file, whatever its extension says.
     *
     * @throws IOException naming the file when it is missing, empty or not a decodable image
     */
    public static BufferedImage decode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        if (Files.size(file) == 0) {
            throw new IOException("cannot decode image " + file + ": the file is empty");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // Decoders signal corrupt data with IIOException, EOFException and, for some broken
            // files, runtime exceptions; all mean the same thing to the caller.
            throw new IOException("cannot decode image " + file + ": " + describe(e), e);
        }
        if (image == null) {
            throw new IOException("cannot decode image " + file
                    + ": not an image format that javax.imageio reads (PNG, JPEG, TIFF, BMP, GIF)");
        }
        if (image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException("cannot decode image " + file + ": it has no pixels");
        }
        return image;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            message.append(" (").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage()).append(')');
        }
        return message.toString();
    }

    /**
     * Paper brightness in [0, 1] (1 = white), row-major, with transparency flattened onto white.
     * Gray images are read from their raster: going through {@code getRGB} would apply the
     * linear-to-sRGB curve Java attaches to its gray colour space and lighten the ink.
     */
    static float[] luminance(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] out = new float[width * height];
        ColorModel model = image.getColorModel();
        if (model instanceof ComponentColorModel
                && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && model.getNumColorComponents() == 1) {
            Raster raster = image.getRaster();
            float grayMax = (1L << model.getComponentSize(0)) - 1f;
            boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
            float alphaMax = alpha ? (1L << model.getComponentSize(1)) - 1f : 1f;
            boolean premultiplied = model.isAlphaPremultiplied();
            int[] gray = new int[width];
            int[] opacity = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, gray);
                if (alpha) {
                    raster.getSamples(0, y, width, 1, 1, opacity);
                }
                for (int x = 0; x < width; x++) {
                    float g = gray[x] / grayMax;
                    if (alpha) {
                        float a = opacity[x] / alphaMax;
                        g = premultiplied ? g + (1f - a) : a * g + (1f - a);
                    }
                    out[y * width + x] = clamp01(g);
                }
            }
            return out;
        }
        int[] argb = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int p = argb[x];
                float a = ((p >>> 24) & 0xff) / 255f;
                float luma = (0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff)
                        + 0.114f * (p & 0xff)) / 255f;
                out[y * width + x] = clamp01(a * luma + (1f - a));
            }
        }
        return out;
    }

    /** Resamples a row-major image, separably: first rows, then columns. */
    static float[] resize(float[] source, int sourceWidth, int sourceHeight, int width, int height) {
        if (width == sourceWidth && height == sourceHeight) {
            return source;
        }
        Kernel horizontal = Kernel.of(sourceWidth, width);
        float[] rows = new float[sourceHeight * width];
        for (int y = 0; y < sourceHeight; y++) {
            horizontal.apply(source, y * sourceWidth, 1, rows, y * width, 1);
        }
        Kernel vertical = Kernel.of(sourceHeight, height);
        float[] out = new float[height * width];
        for (int x = 0; x < width; x++) {
            vertical.apply(rows, x, width, out, x, width);
        }
        return out;
    }

    /**
     * One-dimensional resampling weights: each output sample is a weighted sum of a run of input
     * samples. Shrinking integrates the input over the output pixel's footprint (area averaging);
     * enlarging interpolates linearly between pixel centres.
     */
    private record Kernel(int[] first, float[][] weights) {

        static Kernel of(int sourceLength, int length) {
            int[] first = new int[length];
            float[][] weights = new float[length][];
            double step = (double) sourceLength / length;
            for (int j = 0; j < length; j++) {
                if (step >= 1) {
                    double start = j * step;
                    double end = Math.min(sourceLength, (j + 1) * step);
                    int from = (int) Math.floor(start);
                    int to = Math.min(sourceLength, (int) Math.ceil(end));
                    float[] w = new float[to - from];
                    for (int i = from; i < to; i++) {
                        double overlap = Math.min(end, i + 1) - Math.max(start, i);
                        w[i - from] = (float) (overlap / (end - start));
                    }
                    first[j] = from;
                    weights[j] = w;
                } else {
                    double centre = Math.max(0, Math.min(sourceLength - 1, (j + 0.5) * step - 0.5));
                    int from = (int) Math.floor(centre);
                    int to = Math.min(sourceLength - 1, from + 1);
                    double t = centre - from;
                    first[j] = from;
                    weights[j] = to == from ? new float[] {1f}
                            : new float[] {(float) (1 - t), (float) t};
                }
            }
            return new Kernel(first, weights);
        }

        void apply(float[] in, int inOffset, int inStride, float[] out, int outOffset, int outStride) {
            for (int j = 0; j < first.length; j++) {
                float[] w = weights[j];
                int base = inOffset + first[j] * inStride;
                float sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * in[base + k * inStride];
                }
                out[outOffset + j * outStride] = sum;
            }
        }
    }

    /**
     * Sets every pixel brighter than the Otsu threshold (Otsu 1979) of the image to white. Scans of
     * one collection can differ in the paper's shade (in CEDAR the forgeries' paper is brighter than
     * the genuine signatures'), which a network would learn instead of the handwriting.
     */
    static void whitenBackground(float[] paper) {
        int[] histogram = new int[256];
        for (float v : paper) {
            histogram[Math.round(clamp01(v) * 255)]++;
        }
        int threshold = otsuThreshold(histogram, paper.length);
        if (threshold < 0) {
            return;
        }
        float cut = threshold / 255f;
        for (int i = 0; i < paper.length; i++) {
            if (paper[i] > cut) {
                paper[i] = 1f;
            }
        }
    }

    /**
     * The level that maximises the between-class variance of {@code histogram} (values at most the
     * level form one class), or -1 for an image of one level.
     */
    static int otsuThreshold(int[] histogram, int total) {
        double sumAll = 0;
        for (int level = 0; level < histogram.length; level++) {
            sumAll += (double) level * histogram[level];
        }
        double sumBelow = 0;
        long below = 0;
        double best = -1;
        int threshold = -1;
        for (int level = 0; level < histogram.length - 1; level++) {
            below += histogram[level];
            sumBelow += (double) level * histogram[level];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                threshold = level;
            }
        }
        return threshold;
    }

    private static void standardize(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / values.length);
        // A blank image has no spread: centring it is all that standardising can mean.
        double divisor = sd < 1e-6 ? 1 : sd;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((values[i] - mean) / divisor);
        }
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
