package siglab.core.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;

/** Preprocessed images held as float arrays, indexed by writer and kind. */
final class MemoryImageBank implements ImageBank {

    private final Shape imageShape;
    private final List<Sample> samples;
    private final float[][] pixels;
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    MemoryImageBank(Shape imageShape, List<Sample> samples, float[][] pixels) {
        this.imageShape = imageShape;
        this.samples = List.copyOf(samples);
        this.pixels = pixels;
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
        return pixels[index].clone();
    }

    /** The pixels themselves, not a copy: for the core's own use (caching), never to be changed. */
    float[] pixelsShared(int index) {
        return pixels[index];
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        int size = (int) imageShape.size();
        FloatBuffer buffer = FloatBuffer.allocate(size * indices.length);
        for (int index : indices) {
            buffer.put(pixels[index]);
        }
        buffer.flip();
        return manager.create(buffer, new Shape(indices.length, imageShape.get(0), imageShape.get(1), imageShape.get(2)));
    }
}
