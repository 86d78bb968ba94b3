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
import siglab.data.internal.SyntheticConfig;
import siglab.data.internal.SyntheticDatasetLoader;

/**
 * SigLab's own synthetic signatures (the quickstart's generator, skilled forgers), decoded and
 * preprocessed as a run does, in memory: the fixed small training set of the learning tests.
 */
final class SyntheticBank implements ImageBank {

    private final Shape imageShape;
    private final List<Sample> samples = new ArrayList<>();
    private final List<float[]> images = new ArrayList<>();
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /**
     * {@code writers} synthetic writers with {@code perWriter} genuine signatures and as many
     * skilled forgeries each, at {@code height} x {@code width}.
     */
    static SyntheticBank generate(int writers, int perWriter, double forgerySkill, int height,
            int width) {
        try {
            Path cache = Files.createTempDirectory("siglab-learning-");
            DatasetContext context = new DatasetContext() {
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
            Dataset dataset = new SyntheticDatasetLoader().open(new SyntheticConfig(writers,
                    perWriter, perWriter, 11L, height, width, forgerySkill, null), context);
            return new SyntheticBank(dataset,
                    new ImagePreprocessor(new ImageSettings(height, width, true, null, null)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private SyntheticBank(Dataset dataset, ImagePreprocessor preprocessor) throws IOException {
        ImageSettings settings = preprocessor.settings();
        this.imageShape = new Shape(1, settings.height(), settings.width());
        for (Writer writer : dataset.writers()) {
            genuine.put(writer.id(), add(writer.genuine(), preprocessor));
            forged.put(writer.id(), add(writer.forged(), preprocessor));
        }
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
