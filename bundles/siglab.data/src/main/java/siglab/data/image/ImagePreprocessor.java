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
 * Turns one image file into the tensor that is cached for it: 1 x height x width floats, row-major
 * ({@link ImageSettings#storedShape()}).
 *
 * <p>Common steps: decode with {@link ImageIO} (PNG, JPEG, TIFF, BMP, GIF; gray, RGB, RGBA and
 * palette images; the format is recognised from the content, not the extension); flatten
 * transparency onto white paper; convert to luma (ITU-R BT.601 weights, as PIL's
 * {@code convert("L")}). Then, with {@code preprocess: fit}: whiten the paper above the Otsu
 * threshold, if configured; invert so that ink is high, if configured; fit into the height x width
 * box keeping the aspect ratio; pad with background, centred; normalise.
 *
 * <p>With {@code preprocess: sigver} (Hafemann et al. 2017; their {@code sigver} code,
 * {@code preprocessing/normalize.py}): blur a copy (Gaussian, sigma 2 px) and find the ink as the
 * pixels of the blurred copy at or below that copy's Otsu threshold, so that specks of dust do not
 * stretch the box; crop to the ink's bounding box; place the crop on a blank canvas so that the
 * ink's centre of mass (each pixel weighted by its darkness, after the background is removed) lies
 * on the canvas centre (a crop that fits but would then stick out is shifted back inside, as
 * sigver does; a crop larger than the canvas is cut around its centre of mass); whiten the paper
 * above the Otsu threshold of the unblurred image, if configured (the default), or fill the canvas
 * with the paper's median shade; invert; resize keeping the aspect ratio so that the canvas covers
 * the {@code resize} size, and crop its centre; normalise. The encoder's crops are cut from that
 * by the image bank, as {@link ImageCrops} says.
 *
 * <p>Resampling is area averaging when shrinking and bilinear when enlarging, on floats, so that
 * thin strokes are not quantised away.
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
     * @return the stored image: 1 x height x width floats ({@link ImageSettings#storedShape()}) in
     *     row-major order
     * @throws IOException when the file is missing or cannot be decoded; the message names the file
     */
    public float[] load(Path file) throws IOException {
        return process(decode(file)).pixels();
    }

    /**
     * Preprocesses an image already in memory, exactly as {@link #load} does after decoding.
     *
     * @return the stored image, 1 x height x width floats in row-major order
     */
    public float[] preprocess(BufferedImage image) {
        return process(image).pixels();
    }

    /**
     * Decodes and preprocesses one image, saying what preprocessing found.
     *
     * @throws IOException when the file is missing or cannot be decoded; the message names the file
     * @since 1.2
     */
    public Preprocessed process(Path file) throws IOException {
        return process(decode(file));
    }

    /**
     * Preprocesses an image already in memory, saying what preprocessing found.
     *
     * @since 1.2
     */
    public Preprocessed process(BufferedImage image) {
        int sourceWidth = image.getWidth();
        int sourceHeight = image.getHeight();
        float[] paper = luminance(image);
        Preprocessed result = settings.crops()
                ? sigver(paper, sourceWidth, sourceHeight)
                : new Preprocessed(fit(paper, sourceWidth, sourceHeight), 0, 0, false);
        if (ImageSettings.STANDARDIZE.equals(settings.normalize())) {
            standardize(result.pixels());
        }
        return result;
    }

    /**
     * A preprocessed image and what preprocessing found in it.
     *
     * @param pixels the stored image, row-major ({@link ImageSettings#storedShape()})
     * @param inkHeight height of the ink's bounding box in the source image, in pixels ({@code
     *     sigver}; 0 with {@code fit} or when no ink was found)
     * @param inkWidth width of the ink's bounding box in the source image, in pixels
     * @param cut whether the ink was larger than the canvas and lost its outer parts ({@code sigver})
     * @since 1.2
     */
    public record Preprocessed(float[] pixels, int inkHeight, int inkWidth, boolean cut) {}

    /** Fits the whole image into the box, keeping its aspect ratio, and pads it with background. */
    private float[] fit(float[] paper, int sourceWidth, int sourceHeight) {
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
        return out;
    }

    /** Standard deviation, in pixels, of the blur that finds the ink (sigver's "blur_radius"). */
    static final double BLUR_SIGMA = 2.0;

    /** Hafemann et al.'s preprocessing up to the stored (intermediate) image; see the class comment. */
    private Preprocessed sigver(float[] paper, int width, int height) {
        int canvasHeight = settings.canvas().get(0);
        int canvasWidth = settings.canvas().get(1);
        boolean whiten = ImageSettings.OTSU.equals(settings.background());

        // 1. The ink: pixels of a blurred copy at or below that copy's Otsu threshold. Its own
        // threshold, not the sharp image's as sigver's code has it: the blur lightens thin strokes
        // (2-3 px in the 440 px CEDAR copy) towards the sharp threshold. Measured on 300 CEDAR
        // images, the sharp threshold kept half as many blurred ink pixels, and in 13 the box lost
        // a fifth of its area or more.
        float[] blurred = gaussianBlur(paper, width, height, BLUR_SIGMA);
        int inkLevel = otsuThreshold(histogram(blurred), blurred.length);
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        if (inkLevel >= 0) {
            float inkCut = inkLevel / 255f;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    if (blurred[row + x] <= inkCut) {
                        top = Math.min(top, y);
                        bottom = y;
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
        }
        // 2. The paper: brighter than the sharp image's Otsu threshold (as fit's background: otsu).
        int[] sharpHistogram = histogram(paper);
        int paperLevel = otsuThreshold(sharpHistogram, paper.length);
        float paperCut = paperLevel < 0 ? 1f : paperLevel / 255f;
        float paperShade = whiten || paperLevel < 0 ? 1f : medianAbove(sharpHistogram, paperLevel);
        float blank = settings.invert() ? 1f - paperShade : paperShade;

        float[] canvas = new float[canvasHeight * canvasWidth];
        java.util.Arrays.fill(canvas, blank);
        int inkHeight = 0;
        int inkWidth = 0;
        boolean cut = false;
        if (bottom >= 0) {
            inkHeight = bottom - top + 1;
            inkWidth = right - left + 1;
            // 3. Centre of mass of the ink, each pixel weighted by its darkness once the paper is
            // removed: the weights are the values the pixels take after inversion.
            double mass = 0;
            double sumY = 0;
            double sumX = 0;
            for (int y = top; y <= bottom; y++) {
                int row = y * width;
                for (int x = left; x <= right; x++) {
                    float v = paper[row + x];
                    if (v <= paperCut) {
                        double weight = 1.0 - v;
                        mass += weight;
                        sumY += weight * (y - top);
                        sumX += weight * (x - left);
                    }
                }
            }
            double centreY = mass > 0 ? sumY / mass : (inkHeight - 1) / 2.0;
            double centreX = mass > 0 ? sumX / mass : (inkWidth - 1) / 2.0;
            int startY = place(inkHeight, canvasHeight, centreY);
            int startX = place(inkWidth, canvasWidth, centreX);
            cut = inkHeight > canvasHeight || inkWidth > canvasWidth;
            // 4. Copy the ink box onto the canvas, paper whitened (if so configured), inverted.
            int fromY = Math.max(0, -startY);
            int toY = Math.min(inkHeight, canvasHeight - startY);
            int fromX = Math.max(0, -startX);
            int toX = Math.min(inkWidth, canvasWidth - startX);
            boolean invert = settings.invert();
            for (int y = fromY; y < toY; y++) {
                int source = (top + y) * width + left;
                int target = (startY + y) * canvasWidth + startX;
                for (int x = fromX; x < toX; x++) {
                    float v = paper[source + x];
                    if (whiten && v > paperCut) {
                        v = 1f;
                    }
                    canvas[target + x] = invert ? 1f - v : v;
                }
            }
        }
        // 5. Resize so that the canvas covers the stored size, keeping the aspect ratio; crop the centre.
        int storedHeight = settings.resize().get(0);
        int storedWidth = settings.resize().get(1);
        double widthRatio = (double) canvasWidth / storedWidth;
        double heightRatio = (double) canvasHeight / storedHeight;
        int coverHeight;
        int coverWidth;
        if (widthRatio > heightRatio) {
            coverHeight = storedHeight;
            coverWidth = Math.max(storedWidth, (int) Math.round(canvasWidth / heightRatio));
        } else {
            coverWidth = storedWidth;
            coverHeight = Math.max(storedHeight, (int) Math.round(canvasHeight / widthRatio));
        }
        float[] covered = resize(canvas, canvasWidth, canvasHeight, coverWidth, coverHeight);
        float[] stored = ImageCrops.crop(covered, coverHeight, coverWidth, (coverHeight - storedHeight) / 2,
                (coverWidth - storedWidth) / 2, storedHeight, storedWidth);
        return new Preprocessed(stored, inkHeight, inkWidth, cut);
    }

    /**
     * Where a run of {@code length} pixels whose centre of mass is at {@code centre} starts on a
     * canvas side of {@code canvas} pixels: the centre of mass on the canvas centre, shifted back
     * inside when the run fits but would stick out (as sigver does); a longer run is cut around its
     * centre of mass.
     */
    static int place(int length, int canvas, double centre) {
        int start = (int) Math.round((canvas - 1) / 2.0 - centre);
        if (length <= canvas) {
            start = Math.max(0, Math.min(canvas - length, start));
        }
        return start;
    }

    /**
     * A separable Gaussian blur (standard deviation {@code sigma}, cut at 3 sigma), the image's
     * edge pixels repeated beyond it.
     */
    static float[] gaussianBlur(float[] image, int width, int height, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            total += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / total);
        }
        // Both passes run the kernel tap by tap over whole rows, so that the inner loops are
        // contiguous and the JIT vectorises them (about 4x faster than tap-innermost loops).
        float[] rows = new float[image.length];
        float[] padded = new float[width + 2 * radius];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            System.arraycopy(image, row, padded, radius, width);
            java.util.Arrays.fill(padded, 0, radius, image[row]);
            java.util.Arrays.fill(padded, radius + width, padded.length, image[row + width - 1]);
            for (int k = 0; k < kernel.length; k++) {
                float weight = kernel[k];
                for (int x = 0; x < width; x++) {
                    rows[row + x] += weight * padded[x + k];
                }
            }
        }
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int k = 0; k < kernel.length; k++) {
                float weight = kernel[k];
                int source = clamp(y + k - radius, 0, height - 1) * width;
                for (int x = 0; x < width; x++) {
                    out[row + x] += weight * rows[source + x];
                }
            }
        }
        return out;
    }

    /** The 256-level histogram of values in [0, 1]. */
    static int[] histogram(float[] values) {
        int[] histogram = new int[256];
        for (float v : values) {
            histogram[Math.round(clamp01(v) * 255)]++;
        }
        return histogram;
    }

    /** The median value, in [0, 1], of the pixels above {@code level}: the paper's shade. */
    private static float medianAbove(int[] histogram, int level) {
        long count = 0;
        for (int i = level + 1; i < histogram.length; i++) {
            count += histogram[i];
        }
        long seen = 0;
        for (int i = level + 1; i < histogram.length; i++) {
            seen += histogram[i];
            if (2 * seen >= count) {
                return i / 255f;
            }
        }
        return 1f;
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
        int threshold = otsuThreshold(histogram(paper), paper.length);
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

    /** Standardises in place: mean 0 and standard deviation 1. */
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
