package siglab.data.image;

import java.util.Locale;
import siglab.api.Doc;

/**
 * How signature images become tensors: the size of the box they are fitted into, whether ink is
 * high, and how pixel values are normalised. Bound from the experiment's {@code image:} section.
 *
 * <p>Defaults: 155 x 220 (the input size of SigNet, Hafemann et al. 2017), ink high
 * ({@code invert: true}, so the zero padding is background), values in [0, 1]
 * ({@code normalize: unit}).
 *
 * @param height height of the output image in pixels
 * @param width width of the output image in pixels
 * @param invert whether ink becomes high (1) and paper low (0)
 * @param normalize {@code unit}: values in [0, 1]; {@code standardize}: then per image to mean 0
 *     and standard deviation 1
 * @param background {@code keep}: paper as scanned; {@code otsu}: every pixel brighter than the
 *     image's Otsu threshold (Otsu 1979) becomes white paper, as in SigNet's preprocessing (Hafemann
 *     et al. 2017), so that the paper's shade cannot tell signatures apart
 */
@Doc("How images are decoded, resized, padded and normalised before the encoder sees them.")
public record ImageSettings(
        @Doc("Height of the preprocessed image in pixels.") Integer height,
        @Doc("Width of the preprocessed image in pixels.") Integer width,
        @Doc("Make ink high (1) and paper low (0), so that padding is background.") Boolean invert,
        @Doc("unit: scale to [0, 1]; standardize: then shift and scale each image to mean 0 and SD 1.")
                String normalize,
        @Doc("keep: paper as scanned; otsu: pixels brighter than the image's Otsu threshold become white, removing the paper's shade.")
                String background) {

    /** Default height: SigNet's input height. */
    public static final int DEFAULT_HEIGHT = 155;
    /** Default width: SigNet's input width. */
    public static final int DEFAULT_WIDTH = 220;
    /** Values scaled to [0, 1]. */
    public static final String UNIT = "unit";
    /** Values scaled to [0, 1], then to mean 0 and standard deviation 1 per image. */
    public static final String STANDARDIZE = "standardize";
    /** The paper as scanned. */
    public static final String KEEP = "keep";
    /** Paper brighter than the Otsu threshold becomes white. */
    public static final String OTSU = "otsu";

    public ImageSettings {
        height = height == null ? DEFAULT_HEIGHT : height;
        width = width == null ? DEFAULT_WIDTH : width;
        invert = invert == null ? Boolean.TRUE : invert;
        normalize = normalize == null ? UNIT : normalize.trim().toLowerCase(Locale.ROOT);
        background = background == null ? KEEP : background.trim().toLowerCase(Locale.ROOT);
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

    /** Number of floats in one preprocessed image: 1 x height x width. */
    public int pixelCount() {
        return height * width;
    }
}
