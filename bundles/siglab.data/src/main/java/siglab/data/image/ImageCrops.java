package siglab.data.image;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.Random;

/**
 * Where the encoder's input is cut from a stored image: the centre crop (evaluation) or a crop at a
 * random place (training), as sigver does with torchvision's {@code CenterCrop} and
 * {@code RandomCrop} (Hafemann et al. 2017). When the stored and the input shapes are equal there is
 * one place only, and a crop is a copy.
 *
 * <p>Immutable and thread-safe; the random offsets come only from the {@link Random} passed in.
 */
public final class ImageCrops {

    private final int channels;
    private final int storedHeight;
    private final int storedWidth;
    private final int height;
    private final int width;

    /**
     * Crops of {@code input} shape (channels, height, width) from images of {@code stored} shape.
     *
     * @throws IllegalArgumentException when the input is larger than the stored image or the channels differ
     */
    public ImageCrops(Shape stored, Shape input) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(input, "input");
        if (stored.dimension() != 3 || input.dimension() != 3 || stored.get(0) != input.get(0)
                || input.get(1) > stored.get(1) || input.get(2) > stored.get(2)) {
            throw new IllegalArgumentException("cannot crop " + input + " from " + stored);
        }
        this.channels = (int) stored.get(0);
        this.storedHeight = (int) stored.get(1);
        this.storedWidth = (int) stored.get(2);
        this.height = (int) input.get(1);
        this.width = (int) input.get(2);
    }

    /** The crops an image setting asks for: its input shape from its stored shape. */
    public static ImageCrops of(ImageSettings settings) {
        return new ImageCrops(settings.storedShape(), settings.inputShape());
    }

    /** Whether there is more than one place to crop from, so that random crops differ. */
    public boolean varies() {
        return storedHeight > height || storedWidth > width;
    }

    /** Number of floats in one crop. */
    public int cropSize() {
        return channels * height * width;
    }

    /** Top row of the centre crop: (stored height - height) / 2, rounded down, as sigver's {@code crop_center}. */
    public int centreTop() {
        return (storedHeight - height) / 2;
    }

    /** Left column of the centre crop. */
    public int centreLeft() {
        return (storedWidth - width) / 2;
    }

    /** Copies the centre crop of {@code stored} into {@code out} from {@code offset}. */
    public void centre(float[] stored, float[] out, int offset) {
        copy(stored, centreTop(), centreLeft(), out, offset);
    }

    /**
     * Copies a crop at a uniformly random place of {@code stored} into {@code out} from
     * {@code offset}: two draws from {@code random} (row, then column) whenever the crop can vary,
     * none otherwise.
     */
    public void random(float[] stored, Random random, float[] out, int offset) {
        Place place = randomPlace(random);
        copy(stored, place.top(), place.left(), out, offset);
    }

    /**
     * The top-left pixel of a crop in the stored image.
     *
     * @since 1.3
     */
    public record Place(int top, int left) {}

    /**
     * Where the centre crop is: ({@link #centreTop()}, {@link #centreLeft()}).
     *
     * @since 1.3
     */
    public Place centrePlace() {
        return new Place(centreTop(), centreLeft());
    }

    /**
     * Where a crop at a uniformly random place is: two draws from {@code random} (row, then column)
     * whenever the crop can vary, none otherwise (then the only place, (0, 0)). {@link #random}
     * crops there, so that a store of another form (8-bit pixels) cuts the same crops from the same
     * stream.
     *
     * @since 1.3
     */
    public Place randomPlace(Random random) {
        if (!varies()) {
            return new Place(0, 0);
        }
        int top = random.nextInt(storedHeight - height + 1);
        int left = random.nextInt(storedWidth - width + 1);
        return new Place(top, left);
    }

    /**
     * Channels of the stored image and of a crop.
     *
     * @since 1.3
     */
    public int channels() {
        return channels;
    }

    /**
     * Height of the stored image in pixels.
     *
     * @since 1.3
     */
    public int storedHeight() {
        return storedHeight;
    }

    /**
     * Width of the stored image in pixels.
     *
     * @since 1.3
     */
    public int storedWidth() {
        return storedWidth;
    }

    /**
     * Height of a crop (the encoder's input) in pixels.
     *
     * @since 1.3
     */
    public int height() {
        return height;
    }

    /**
     * Width of a crop in pixels.
     *
     * @since 1.3
     */
    public int width() {
        return width;
    }

    /**
     * Checks that a crop whose top-left pixel is ({@code top}, {@code left}) fits in the stored image.
     *
     * @throws IllegalArgumentException when it does not
     * @since 1.3
     */
    public void checkFits(int top, int left) {
        if (top < 0 || left < 0 || top + height > storedHeight || left + width > storedWidth) {
            throw new IllegalArgumentException("a " + height + " x " + width + " crop at (" + top + ", " + left
                    + ") does not fit in " + storedHeight + " x " + storedWidth);
        }
    }

    /** Copies the crop whose top-left pixel is ({@code top}, {@code left}) into {@code out} from {@code offset}. */
    public void copy(float[] stored, int top, int left, float[] out, int offset) {
        checkFits(top, left);
        int at = offset;
        for (int c = 0; c < channels; c++) {
            int plane = c * storedHeight * storedWidth;
            for (int y = 0; y < height; y++) {
                System.arraycopy(stored, plane + (top + y) * storedWidth + left, out, at, width);
                at += width;
            }
        }
    }

    /** A single-channel crop of a row-major image: {@code height} x {@code width} pixels from ({@code top}, {@code left}). */
    static float[] crop(float[] image, int imageHeight, int imageWidth, int top, int left, int height, int width) {
        float[] out = new float[height * width];
        new ImageCrops(new Shape(1, imageHeight, imageWidth), new Shape(1, height, width)).copy(image, top, left, out, 0);
        return out;
    }
}
