package siglab.api.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;

/**
 * Preprocessed images of some writers, decoded once and kept in memory; pairs and triplets are
 * sampled from it by index, never by decoding again.
 *
 * <p>A bank may store images larger than the encoder's input and cut the input from them
 * (Hafemann et al. 2017): then {@link #pixels} and {@link #batch} give the centre crop, for
 * evaluation, and {@link #trainingPixels} and {@link #trainingBatch} a crop at a random place, for
 * training. A bank that does not crop gives the same images to both.
 */
public interface ImageBank {

    /** Shape of one image as the encoder sees it: (channels, height, width). */
    Shape imageShape();

    /** Number of images. */
    int size();

    /** The writers in this bank, in a stable order. */
    List<String> writers();

    /** Indices of a writer's genuine images. */
    int[] genuine(String writer);

    /** Indices of a writer's forged images (may be empty). */
    int[] forged(String writer);

    /** The sample behind an index. */
    Sample sample(int index);

    /**
     * Copies one image's pixels as evaluation sees it (the centre crop of a bank that crops),
     * (channels x height x width) of {@link #imageShape()} in row-major order.
     */
    float[] pixels(int index);

    /**
     * A batch (N, channels, height, width) of the given images as evaluation sees them (centre
     * crops), created in {@code manager}.
     */
    NDArray batch(NDManager manager, int[] indices);

    /**
     * Whether training images are crops at random places, so that {@link #trainingPixels} and
     * {@link #trainingBatch} draw from the {@link Random} they are given. A training loop makes a
     * random stream for them only when this is true, so that banks that do not crop train exactly as
     * before.
     *
     * @since 1.1
     */
    default boolean randomCrops() {
        return false;
    }

    /**
     * Copies one image's pixels as training sees it: a crop at a random place, drawn from
     * {@code random}, when {@link #randomCrops()}; otherwise {@link #pixels} (nothing drawn).
     *
     * @since 1.1
     */
    default float[] trainingPixels(int index, Random random) {
        return pixels(index);
    }

    /**
     * A batch (N, channels, height, width) of the given images as training sees them: crops at
     * random places, drawn from {@code random} image by image in the order given, when
     * {@link #randomCrops()}; otherwise {@link #batch} (nothing drawn).
     *
     * @since 1.1
     */
    default NDArray trainingBatch(NDManager manager, int[] indices, Random random) {
        return batch(manager, indices);
    }
}
