package siglab.data.image;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import siglab.api.Doc;

/**
 * How signature images become tensors: how they are brought to a fixed size, whether ink is high,
 * and how pixel values are normalised. Bound from the experiment's {@code image:} section.
 *
 * <p>Two ways to a fixed size ({@code preprocess}):
 * <ul>
 *   <li>{@code fit} (the default): the whole scan is fitted into the height x width box, keeping
 *       its aspect ratio, and padded with background;</li>
 *   <li>{@code sigver}: the preprocessing of Hafemann et al. (2017, the {@code sigver} code): the
 *       signature is found (Otsu on a blurred copy), cropped to its ink, centred by its centre of
 *       mass on a blank canvas of a fixed per-dataset size ({@code canvas}), its background removed,
 *       the canvas resized, keeping the aspect ratio, to cover {@code resize} and centre-cropped to
 *       it. That intermediate image is what is cached; the encoder sees height x width crops of it:
 *       random crops in training, the centre crop everywhere else. A fixed canvas scales every
 *       signature of a dataset by the same factor, so that the size of a signature stays a cue.</li>
 * </ul>
 *
 * <p>Defaults: 155 x 220 (the input size of SigNet, Hafemann et al. 2017) with {@code fit}, 150 x
 * 220 (sigver's input) with {@code sigver}; ink high ({@code invert: true}, so the zero padding is
 * background); values in [0, 1] ({@code normalize: unit}); the paper kept with {@code fit} and
 * removed with {@code sigver}.
 *
 * @param height height of the encoder's input in pixels: the box ({@code fit}) or the crop
 *     ({@code sigver})
 * @param width width of the encoder's input in pixels
 * @param invert whether ink becomes high (1) and paper low (0)
 * @param normalize {@code unit}: values in [0, 1]; {@code standardize}: then per image to mean 0
 *     and standard deviation 1
 * @param background {@code keep}: paper as scanned; {@code otsu}: every pixel brighter than the
 *     image's Otsu threshold (Otsu 1979) becomes white paper, as in SigNet's preprocessing (Hafemann
 *     et al. 2017), so that the paper's shade cannot tell signatures apart
 * @param preprocess {@code fit} or {@code sigver}, as above
 * @param canvas {@code sigver} only: [height, width] of the canvas the signature is centred on, in
 *     pixels of the dataset's images; should hold the largest signature of the dataset (a larger
 *     one is cut around its centre of mass)
 * @param resize {@code sigver} only: [height, width] of the cached intermediate image, at least
 *     height x width
 */
@Doc("How images are decoded, brought to a fixed size, normalised and cropped before the encoder sees them.")
public record ImageSettings(
        @Doc("Height of the encoder's input in pixels: the box (fit) or the crop (sigver). Default 155 (fit), 150 (sigver).")
                Integer height,
        @Doc("Width of the encoder's input in pixels: the box (fit) or the crop (sigver).") Integer width,
        @Doc("Make ink high (1) and paper low (0), so that padding is background.") Boolean invert,
        @Doc("unit: scale to [0, 1]; standardize: then shift and scale each image to mean 0 and SD 1.")
                String normalize,
        @Doc("keep: paper as scanned; otsu: pixels brighter than the image's Otsu threshold become white, removing the paper's shade. Default keep (fit), otsu (sigver).")
                String background,
        @Doc("fit: fit the whole scan into height x width and pad; sigver: crop to the ink, centre it by its centre of mass on the canvas, resize to cover resize, then crop height x width (random in training, centre otherwise), as Hafemann et al. 2017.")
                String preprocess,
        @Doc("sigver: [height, width] of the canvas the signature is centred on, in pixels of the dataset's images; should hold the dataset's largest signature (a larger one is cut around its centre of mass). Default [360, 512], sized for the shared CEDAR copy.")
                List<Integer> canvas,
        @Doc("sigver: [height, width] of the cached intermediate image the crops are cut from, at least height x width. Default: height x width enlarged as sigver's 150 x 220 is to 170 x 242.")
                List<Integer> resize) {

    /** Default height with {@code fit}: SigNet's input height. */
    public static final int DEFAULT_HEIGHT = 155;
    /** Default width: SigNet's input width. */
    public static final int DEFAULT_WIDTH = 220;
    /** Default height with {@code sigver}: its input height. */
    public static final int SIGVER_HEIGHT = 150;
    /**
     * Default canvas with {@code sigver}, sized for the shared CEDAR copy (longest side at most 440
     * px): every signature's ink is at most 440 px wide, and all but 32 of 2,640 (1.2 %) at most 360
     * px tall; the canvas has the aspect ratio of 170 x 242, and at 512 px wide a full-width
     * signature still fits into the 220 px wide centre crop.
     */
    public static final List<Integer> DEFAULT_CANVAS = List.of(360, 512);
    /** Values scaled to [0, 1]. */
    public static final String UNIT = "unit";
    /** Values scaled to [0, 1], then to mean 0 and standard deviation 1 per image. */
    public static final String STANDARDIZE = "standardize";
    /** The paper as scanned. */
    public static final String KEEP = "keep";
    /** Paper brighter than the Otsu threshold becomes white. */
    public static final String OTSU = "otsu";
    /** The whole scan fitted into the box and padded. */
    public static final String FIT = "fit";
    /** Hafemann et al.'s preprocessing: ink cropped, centred on a canvas, resized, then cropped. */
    public static final String SIGVER = "sigver";

    public ImageSettings {
        preprocess = preprocess == null ? FIT : preprocess.trim().toLowerCase(Locale.ROOT);
        if (!preprocess.equals(FIT) && !preprocess.equals(SIGVER)) {
            throw new IllegalArgumentException(
                    "preprocess must be one of fit, sigver; was '" + preprocess + "'");
        }
        boolean sigver = preprocess.equals(SIGVER);
        height = height == null ? (sigver ? SIGVER_HEIGHT : DEFAULT_HEIGHT) : height;
        width = width == null ? DEFAULT_WIDTH : width;
        invert = invert == null ? Boolean.TRUE : invert;
        normalize = normalize == null ? UNIT : normalize.trim().toLowerCase(Locale.ROOT);
        background = background == null ? (sigver ? OTSU : KEEP) : background.trim().toLowerCase(Locale.ROOT);
        if (height < 8 || height > 4096) {
            throw new IllegalArgumentException("height must be between 8 and 4096, was " + height);
        }
        if (width < 8 || width > 4096) {
            throw new IllegalArgumentException("width must be between 8 and 4096, was " + width);
        }
        if (!normalize.equals(UNIT) && !normalize.equals(STANDARDIZE)) {
            throw new IllegalArgumentException(
                    "normalize must be one of unit, standardize; was '" + normalize + "'");
        }
        if (!background.equals(KEEP) && !background.equals(OTSU)) {
            throw new IllegalArgumentException(
                    "background must be one of keep, otsu; was '" + background + "'");
        }
        if (sigver) {
            canvas = size("canvas", canvas == null ? DEFAULT_CANVAS : canvas, 8, 16384);
            resize = size("resize", resize == null ? List.of(
                    (int) Math.round(height * 170.0 / 150), (int) Math.round(width * 242.0 / 220)) : resize, 8, 4096);
            if (resize.get(0) < height || resize.get(1) < width) {
                throw new IllegalArgumentException("resize " + resize + " must be at least height x width ("
                        + height + " x " + width + "): the encoder's input is cropped from it");
            }
        } else {
            // Settings of the other preprocessing do not apply: dropped, as the settings of a plug-in
            // whose type changes are, so that fit's resolved settings (and cache keys) stay as they were.
            canvas = null;
            resize = null;
        }
    }

    private static List<Integer> size(String key, List<Integer> value, int min, int max) {
        if (value.size() != 2 || value.get(0) == null || value.get(1) == null) {
            throw new IllegalArgumentException(key + " must be [height, width] in pixels, was " + value);
        }
        for (int side : value) {
            if (side < min || side > max) {
                throw new IllegalArgumentException(
                        key + " sides must be between " + min + " and " + max + " pixels, was " + value);
            }
        }
        return List.copyOf(value);
    }

    /**
     * Settings of the given paper handling and the {@code fit} preprocessing.
     *
     * @since 1.2
     */
    public ImageSettings(Integer height, Integer width, Boolean invert, String normalize, String background) {
        this(height, width, invert, normalize, background, null, null, null);
    }

    /**
     * Settings that keep the paper as scanned.
     *
     * @since 1.1
     */
    public ImageSettings(Integer height, Integer width, Boolean invert, String normalize) {
        this(height, width, invert, normalize, null);
    }

    /** The defaults: 155 x 220, ink high, values in [0, 1]. */
    public static ImageSettings defaults() {
        return new ImageSettings(null, null, null, null, null);
    }

    /**
     * Whether the encoder sees crops of a larger stored image ({@code sigver}).
     *
     * @since 1.2
     */
    public boolean crops() {
        return preprocess.equals(SIGVER);
    }

    /**
     * The shape of one image as the encoder sees it: (1, height, width). Every place that builds or
     * feeds an encoder asks this.
     *
     * @since 1.2
     */
    public Shape inputShape() {
        return new Shape(1, height, width);
    }

    /**
     * The shape of one image as preprocessing makes it and the cache holds it: (1, resize) with
     * {@code sigver}, else the input shape.
     *
     * @since 1.2
     */
    public Shape storedShape() {
        return crops() ? new Shape(1, resize.get(0), resize.get(1)) : inputShape();
    }

    /** Number of floats in one preprocessed (stored) image. */
    public int pixelCount() {
        return (int) storedShape().size();
    }
}
