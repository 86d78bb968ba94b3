package siglab.core.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.stream.IntStream;
import siglab.api.data.ImageBank;

/** Embeds every image of a bank once, in inference mode, in batches. */
final class Embedder {

    private static final int BATCH = 64;

    private Embedder() {}

    /** Images per inference batch for images of {@code imageShape} (channels, height, width). */
    static int batchSize(ai.djl.ndarray.types.Shape imageShape) {
        return BATCH;
    }

    /** One embedding per image of {@code bank}, in index order. */
    static float[][] embed(Model model, ImageBank bank) {
        float[][] result = new float[bank.size()][];
        int batch = batchSize(bank.imageShape());
        for (int start = 0; start < bank.size(); start += batch) {
            int[] indices = IntStream.range(start, Math.min(bank.size(), start + batch)).toArray();
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray images = bank.batch(manager, indices);
                NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(images), false);
                NDArray embeddings = out.singletonOrThrow();
                int dimension = (int) embeddings.getShape().get(1);
                float[] flat = embeddings.toFloatArray();
                for (int i = 0; i < indices.length; i++) {
                    float[] row = new float[dimension];
                    System.arraycopy(flat, i * dimension, row, 0, dimension);
                    result[indices[i]] = row;
                }
            }
        }
        return result;
    }
}
