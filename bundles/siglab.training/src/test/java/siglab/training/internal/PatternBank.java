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
 * An in-memory bank of 1xHxW images (32x32 unless told): each writer's genuine images are one
 * random pattern plus noise, its forgeries the pattern mixed with another random one, plus noise.
 */
final class PatternBank implements ImageBank {

    private final int height;
    private final int width;
    private final int pixels;

    private final List<Sample> samples = new ArrayList<>();
    private final List<float[]> images = new ArrayList<>();
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /** Writers {@code w0..}; the writers listed in {@code withoutForgeries} get none. */
    PatternBank(int writers, int genuinePerWriter, int forgedPerWriter, long seed,
            String... withoutForgeries) {
        this(32, 32, 0.25f, writers, genuinePerWriter, forgedPerWriter, seed, withoutForgeries);
    }

    /** {@code forgeryMix} is the share of the other pattern in a forgery: 0 makes it genuine-like. */
    PatternBank(int height, int width, float forgeryMix, int writers, int genuinePerWriter,
            int forgedPerWriter,
            long seed, String... withoutForgeries) {
        this.height = height;
        this.width = width;
        this.pixels = height * width;
        Random random = new Random(seed);
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            float[] pattern = randomImage(random);
            float[] disguise = randomImage(random);
            genuine.put(writer, add(writer, SampleKind.GENUINE, genuinePerWriter, pattern,
                    pattern, 0f, random));
            int forgeries = Arrays.asList(withoutForgeries).contains(writer) ? 0 : forgedPerWriter;
            forged.put(writer, add(writer, SampleKind.FORGED, forgeries, pattern, disguise, forgeryMix,
                    random));
        }
    }

    private int[] add(String writer, SampleKind kind, int count, float[] pattern,
            float[] disguise, float mix, Random random) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            float[] image = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                image[p] = (1 - mix) * pattern[p] + mix * disguise[p]
                        + 0.3f * (float) random.nextGaussian();
            }
            indices[i] = images.size();
            images.add(image);
            samples.add(new Sample(writer, kind, Path.of(writer, kind + "-" + i + ".png")));
        }
        return indices;
    }

    private float[] randomImage(Random random) {
        float[] image = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            image[p] = random.nextFloat();
        }
        return image;
    }

    @Override
    public Shape imageShape() {
        return new Shape(1, height, width);
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
        float[] all = new float[indices.length * pixels];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(images.get(indices[i]), 0, all, i * pixels, pixels);
        }
        return manager.create(all, new Shape(indices.length, 1, height, width));
    }
}
