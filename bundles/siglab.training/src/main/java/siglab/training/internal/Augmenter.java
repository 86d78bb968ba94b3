package siglab.training.internal;

import java.util.Arrays;
import java.util.Random;

/**
 * Distorts images held as (channels x height x width) float arrays, as an {@link AugmentConfig}
 * says: first the stroke width, by grey dilation or erosion with a 3x3 window, then one affine
 * map about the image centre (scale, horizontal shear, rotation, translation) sampled bilinearly.
 *
 * <p>Pixels mapped from outside the image take the background value, the median of the border
 * pixels: preprocessing pads with background, so this works for inverted and plain images, and for
 * any normalisation. Every output value is a convex combination of input values, so the value range
 * never grows. All randomness comes from the {@link Random} passed in: one seed, one result.
 */
final class Augmenter {

    private final AugmentConfig config;

    Augmenter(AugmentConfig config) {
        this.config = config;
    }

    /**
     * A distorted copy of {@code image}, or {@code image} itself when the draw leaves it alone.
     */
    float[] apply(float[] image, int channels, int height, int width, Random random) {
        if (random.nextDouble() >= config.probability()) {
            return image;
        }
        double angle = Math.toRadians(uniform(random, config.rotation()));
        double scale = 1 + uniform(random, config.scale());
        double shear = Math.tan(Math.toRadians(uniform(random, config.shear())));
        double shiftX = uniform(random, config.translate()) * width;
        double shiftY = uniform(random, config.translate()) * height;
        int stroke = config.stroke() > 0 ? random.nextInt(2 * config.stroke() + 1) - config.stroke() : 0;

        // Forward map M = R(angle) Sh(shear) S(scale); the output samples the source at M^-1 (q - c - t) + c.
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double m00 = scale * cos;
        double m01 = scale * (cos * shear - sin);
        double m10 = scale * sin;
        double m11 = scale * (sin * shear + cos);
        double determinant = m00 * m11 - m01 * m10;
        double i00 = m11 / determinant;
        double i01 = -m01 / determinant;
        double i10 = -m10 / determinant;
        double i11 = m00 / determinant;
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;

        int plane = height * width;
        float[] out = new float[image.length];
        for (int c = 0; c < channels; c++) {
            float[] source = Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
            float background = borderMedian(source, height, width);
            boolean inkIsHigh = background <= mean(source);
            for (int i = 0; i < Math.abs(stroke); i++) {
                // Thicker strokes spread the ink value: max where ink is high, min where it is low.
                source = filter3x3(source, height, width, (stroke > 0) == inkIsHigh);
            }
            for (int y = 0; y < height; y++) {
                double dy = y - centreY - shiftY;
                for (int x = 0; x < width; x++) {
                    double dx = x - centreX - shiftX;
                    double sx = i00 * dx + i01 * dy + centreX;
                    double sy = i10 * dx + i11 * dy + centreY;
                    out[c * plane + y * width + x] =
                            bilinear(source, height, width, sx, sy, background);
                }
            }
        }
        return out;
    }

    private static double uniform(Random random, double bound) {
        return bound == 0 ? 0 : (random.nextDouble() * 2 - 1) * bound;
    }

    private static float bilinear(float[] source, int height, int width, double x, double y,
            float background) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) {
            return background;
        }
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = (1 - fx) * at(source, height, width, x0, y0, background)
                + fx * at(source, height, width, x0 + 1, y0, background);
        float bottom = (1 - fx) * at(source, height, width, x0, y0 + 1, background)
                + fx * at(source, height, width, x0 + 1, y0 + 1, background);
        return (1 - fy) * top + fy * bottom;
    }

    private static float at(float[] source, int height, int width, int x, int y,
            float background) {
        return x < 0 || y < 0 || x >= width || y >= height ? background : source[y * width + x];
    }

    /** One pass of a 3x3 maximum ({@code max}) or minimum filter, separably, clamped at the edges. */
    private static float[] filter3x3(float[] source, int height, int width, boolean max) {
        float[] rows = new float[source.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = source[y * width + x];
                if (x > 0) {
                    v = pick(v, source[y * width + x - 1], max);
                }
                if (x < width - 1) {
                    v = pick(v, source[y * width + x + 1], max);
                }
                rows[y * width + x] = v;
            }
        }
        float[] out = new float[source.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = rows[y * width + x];
                if (y > 0) {
                    v = pick(v, rows[(y - 1) * width + x], max);
                }
                if (y < height - 1) {
                    v = pick(v, rows[(y + 1) * width + x], max);
                }
                out[y * width + x] = v;
            }
        }
        return out;
    }

    private static float pick(float a, float b, boolean max) {
        return max ? Math.max(a, b) : Math.min(a, b);
    }

    private static float borderMedian(float[] plane, int height, int width) {
        int count = height == 1 || width == 1 ? plane.length : 2 * (width + height) - 4;
        float[] border = new float[count];
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (y == 0 || x == 0 || y == height - 1 || x == width - 1) {
                    border[n++] = plane[y * width + x];
                }
            }
        }
        Arrays.sort(border, 0, n);
        return border[n / 2];
    }

    private static float mean(float[] plane) {
        double sum = 0;
        for (float v : plane) {
            sum += v;
        }
        return (float) (sum / plane.length);
    }
}
