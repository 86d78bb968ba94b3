package siglab.data.image;

/**
 * How SigLab keeps a preprocessed image: its lowest and highest value, and each pixel as one of 256
 * evenly spaced levels between them (the image cache stores exactly this). Whatever must see the
 * pixels an encoder saw in a run (verifying a pair, an exported model) passes its preprocessed
 * image through {@link #asKept(float[])}.
 */
public final class EightBitPixels {

    /** Levels per pixel. */
    public static final int LEVELS = 256;

    private EightBitPixels() {}

    /** The level (0 to 255) of {@code value} in an image whose values run from {@code lowest}, {@code perLevel} levels per unit. */
    public static int level(float value, float lowest, double perLevel) {
        return (int) Math.min(LEVELS - 1, Math.max(0, Math.round((value - (double) lowest) * perLevel)));
    }

    /** Levels per unit of value for an image running from {@code lowest} to {@code highest} (0 when flat). */
    public static double perLevel(float lowest, float highest) {
        double range = (double) highest - lowest;
        return range > 0 ? (LEVELS - 1) / range : 0;
    }

    /** The value of level {@code q} in an image running from {@code lowest} to {@code highest}. */
    public static float value(float lowest, float highest, int q) {
        double range = (double) highest - lowest;
        return (float) (lowest + range * q / (LEVELS - 1));
    }

    /** The image as SigLab keeps it: every pixel replaced by the value of its level. */
    public static float[] asKept(float[] image) {
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (float v : image) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        if (image.length == 0) {
            return new float[0];
        }
        double perLevel = perLevel(lowest, highest);
        float[] kept = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            kept[i] = value(lowest, highest, level(image[i], lowest, perLevel));
        }
        return kept;
    }
}
