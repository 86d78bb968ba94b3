package siglab.core.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.data.image.ImageCrops;
import siglab.data.image.ImageSettings;

/**
 * Preprocessed images held as float arrays of the stored shape, indexed by writer and kind; the
 * encoder's input is cut from them as the image settings say (centre crops for evaluation, random
 * crops for training; with {@code preprocess: fit} the stored image is the input).
 */
final class MemoryImageBank implements ImageBank {

    private final Shape imageShape;
    private final ImageCrops crops;
    private final List<Sample> samples;
    private final float[][] pixels;
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /** A bank of images stored as {@code image} says ({@link ImageSettings#storedShape()}). */
    MemoryImageBank(ImageSettings image, List<Sample> samples, float[][] pixels) {
        this.imageShape = image.inputShape();
        this.crops = ImageCrops.of(image);
        this.samples = List.copyOf(samples);
        this.pixels = pixels;
        int stored = image.pixelCount();
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != stored) {
                throw new IllegalArgumentException("image " + i + " has " + pixels[i].length + " pixels; "
                        + image.storedShape() + " holds " + stored);
            }
        }
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        Map<String, List<Integer>> f = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            g.computeIfAbsent(sample.writer(), k -> new ArrayList<>());
            f.computeIfAbsent(sample.writer(), k -> new ArrayList<>());
            (sample.kind() == SampleKind.GENUINE ? g : f).get(sample.writer()).add(i);
        }
        g.forEach((w, list) -> genuine.put(w, list.stream().mapToInt(Integer::intValue).toArray()));
        f.forEach((w, list) -> forged.put(w, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override
    public Shape imageShape() {
        return imageShape;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public List<String> writers() {
        return List.copyOf(genuine.keySet());
    }

    @Override
    public int[] genuine(String writer) {
        return genuine.getOrDefault(writer, new int[0]).clone();
    }

    @Override
    public int[] forged(String writer) {
        return forged.getOrDefault(writer, new int[0]).clone();
    }

    @Override
    public Sample sample(int index) {
        return samples.get(index);
    }

    @Override
    public float[] pixels(int index) {
        float[] out = new float[crops.cropSize()];
        crops.centre(pixels[index], out, 0);
        return out;
    }

    /** The stored pixels themselves, not a copy: for the core's own use (caching), never to be changed. */
    float[] pixelsShared(int index) {
        return pixels[index];
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        int size = crops.cropSize();
        float[] all = new float[size * indices.length];
        for (int i = 0; i < indices.length; i++) {
            crops.centre(pixels[indices[i]], all, i * size);
        }
        return manager.create(all, batchShape(indices.length));
    }

    @Override
    public boolean randomCrops() {
        return crops.varies();
    }

    @Override
    public float[] trainingPixels(int index, Random random) {
        if (!randomCrops()) {
            return pixels(index);
        }
        float[] out = new float[crops.cropSize()];
        crops.random(pixels[index], random, out, 0);
        return out;
    }

    @Override
    public NDArray trainingBatch(NDManager manager, int[] indices, Random random) {
        if (!randomCrops()) {
            return batch(manager, indices);
        }
        int size = crops.cropSize();
        float[] all = new float[size * indices.length];
        for (int i = 0; i < indices.length; i++) {
            crops.random(pixels[indices[i]], random, all, i * size);
        }
        return manager.create(all, batchShape(indices.length));
    }

    private Shape batchShape(int count) {
        return new Shape(count, imageShape.get(0), imageShape.get(1), imageShape.get(2));
    }
}
