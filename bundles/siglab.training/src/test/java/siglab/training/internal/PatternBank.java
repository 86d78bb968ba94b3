package siglab.training.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;

/**
 * An in-memory bank of 1x32x32 images: each writer's genuine images are one random pattern plus
 * noise, its forgeries the pattern mixed with another random one, plus noise.
 */
final class PatternBank implements ImageBank {

    static final int SIDE = 32;
    private static final int PIXELS = SIDE * SIDE;

    private final List<Sample> samples = new ArrayList<>();
    private final List<float[]> images = new ArrayList<>();
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /** Writers {@code w0..}; the writers listed in {@code withoutForgeries} get none. */
    PatternBank(int writers, int genuinePerWriter, int forgedPerWriter, long seed,
            String... withoutForgeries) {
        Random random = new Random(seed);
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            float[] pattern = randomImage(random);
            float[] disguise = randomImage(random);
            genuine.put(writer, add(writer, SampleKind.GENUINE, genuinePerWriter, pattern,
                    pattern, 0f, random));
            int forgeries = Arrays.asList(withoutForgeries).contains(writer) ? 0 : forgedPerWriter;
            forged.put(writer, add(writer, SampleKind.FORGED, forgeries, pattern, disguise, 0.25f,
                    random));
        }
    }

    private int[] add(String writer, SampleKind kind, int count, float[] pattern,
            float[] disguise, float mix, Random random) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            float[] image = new float[PIXELS];
            for (int p = 0; p < PIXELS; p++) {
                image[p] = (1 - mix) * pattern[p] + mix * disguise[p]
                        + 0.3f * (float) random.nextGaussian();
            }
            indices[i] = images.size();
            images.add(image);
            samples.add(new Sample(writer, kind, Path.of(writer, kind + "-" + i + ".png")));
        }
        return indices;
    }

    private static float[] randomImage(Random random) {
        float[] image = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            image[p] = random.nextFloat();
        }
        return image;
    }

    @Override
    public Shape imageShape() {
        return new Shape(1, SIDE, SIDE);
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
        float[] all = new float[indices.length * PIXELS];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images.get(indices[i]), 0, all, i * PIXELS, PIXELS);
        }
        return manager.create(all, new Shape(indices.length, 1, SIDE, SIDE));
    }
}
