package siglab.api.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Preprocessed images of some writers, decoded once and kept in memory; pairs and triplets are
 * sampled from it by index, never by decoding again.
 */
public interface ImageBank {

    /** Shape of one image: (channels, height, width). */
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

    /** Copies one image's pixels, (channels x height x width) in row-major order. */
    float[] pixels(int index);

    /** A batch (N, channels, height, width) of the given images, created in {@code manager}. */
    NDArray batch(NDManager manager, int[] indices);
}
