package siglab.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.data.Writer;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;
import siglab.data.internal.CedarConfig;
import siglab.data.internal.CedarDatasetLoader;
import siglab.data.internal.SyntheticConfig;
import siglab.data.internal.SyntheticDatasetLoader;

/**
 * A few writers of a dataset, decoded and preprocessed as a run does, in memory: the fixed small
 * training sets of the learning tests, from SigLab's synthetic signatures or from CEDAR.
 */
final class PreprocessedBank implements ImageBank {

    private final Shape imageShape;
    private final List<Sample> samples = new ArrayList<>();
    private final List<float[]> images = new ArrayList<>();
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /**
     * {@code writers} synthetic writers with {@code perWriter} genuine signatures and as many
     * skilled forgeries each, at {@code height} x {@code width}.
     */
    static PreprocessedBank synthetic(int writers, int perWriter, double forgerySkill, int height,
            int width) {
        try {
            Dataset dataset = new SyntheticDatasetLoader().open(new SyntheticConfig(writers,
                    perWriter, perWriter, 11L, height, width, forgerySkill, null), context());
            return new PreprocessedBank(dataset, writers, perWriter,
                    new ImagePreprocessor(new ImageSettings(height, width, true, null, null)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * The first {@code writers} CEDAR writers (by id) with their first {@code perWriter} genuine
     * signatures and forgeries, preprocessed as the CEDAR configs do (sigver, paper whitened) at
     * {@code height} x {@code width}, without crops.
     */
    static PreprocessedBank cedar(Path root, int writers, int perWriter, int height, int width) {
        try {
            Dataset dataset = new CedarDatasetLoader().open(new CedarConfig(root.toString()), context());
            ImageSettings settings = new ImageSettings(height, width, true, null, "otsu", "sigver",
                    List.of(360, 512), List.of(height, width));
            return new PreprocessedBank(dataset, writers, perWriter, new ImagePreprocessor(settings));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static DatasetContext context() throws IOException {
        Path cache = Files.createTempDirectory("siglab-learning-");
        return new DatasetContext() {
            @Override
            public Path cacheDirectory() {
                return cache;
            }

            @Override
            public Path baseDirectory() {
                return cache;
            }

            @Override
            public void log(String message) {}
        };
    }

    private PreprocessedBank(Dataset dataset, int writers, int perWriter, ImagePreprocessor preprocessor)
            throws IOException {
        ImageSettings settings = preprocessor.settings();
        this.imageShape = new Shape(1, settings.height(), settings.width());
        for (Writer writer : dataset.writers().subList(0, writers)) {
            genuine.put(writer.id(), add(first(writer.genuine(), perWriter), preprocessor));
            forged.put(writer.id(), add(first(writer.forged(), perWriter), preprocessor));
        }
    }

    private static List<Sample> first(List<Sample> samples, int count) {
        return samples.subList(0, Math.min(count, samples.size()));
    }

    private int[] add(List<Sample> kind, ImagePreprocessor preprocessor) throws IOException {
        int[] indices = new int[kind.size()];
        for (int i = 0; i < kind.size(); i++) {
            indices[i] = images.size();
            images.add(preprocessor.load(kind.get(i).file()));
            samples.add(kind.get(i));
        }
        return indices;
    }

    @Override
    public Shape imageShape() {
        return imageShape;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public List<String> writers() {
        return List.copyOf(genuine.keySet());
    }

    @Override
    public int[] genuine(String writer) {
        return genuine.get(writer).clone();
    }

    @Override
    public int[] forged(String writer) {
        return forged.get(writer).clone();
    }

    @Override
    public Sample sample(int index) {
        return samples.get(index);
    }

    @Override
    public float[] pixels(int index) {
        return images.get(index).clone();
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        int pixels = (int) imageShape.size();
        float[] all = new float[indices.length * pixels];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images.get(indices[i]), 0, all, i * pixels, pixels);
        }
        return manager.create(all, new Shape(indices.length, imageShape.get(0), imageShape.get(1),
                imageShape.get(2)));
    }
}
