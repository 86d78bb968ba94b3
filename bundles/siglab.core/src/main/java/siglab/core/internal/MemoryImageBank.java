package siglab.core.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
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
 * Some writers' images, read from a memory-mapped store of 8-bit pixels ({@link ImageStore}) as
 * batches need them; indexed by writer and kind. The train, validation and test banks of a run are
 * views (lists of store positions) over one mapping. The encoder's input is cut from the stored
 * images as the image settings say ({@link ImageCrops}: centre crops for evaluation, random crops
 * for training; with {@code preprocess: fit} the stored image is the input).
 *
 * <p>A batch is gathered into a direct buffer that each thread reuses from batch to batch and that
 * MXNet copies straight to the engine: no array the size of a batch is made per batch, in the heap
 * or natively (a {@code float[]} would make DJL allocate a fresh direct buffer for every batch,
 * freed only when the garbage collector runs). An engine that may keep a direct buffer instead of
 * copying it (PyTorch wraps one with {@code from_blob}) gets a fresh buffer per batch.
 */
final class MemoryImageBank implements ImageBank {

    /** The engine known to copy a direct buffer on {@link NDManager#create(java.nio.Buffer, Shape, DataType)}. */
    private static final String COPYING_ENGINE = "MXNet";

    private final Shape imageShape;
    private final ImageCrops crops;
    private final ImageStore store;
    private final List<Sample> samples;
    private final int[] stored;
    private final Map<String, int[]> genuine = new LinkedHashMap<>();
    private final Map<String, int[]> forged = new LinkedHashMap<>();

    /**
     * A bank of {@code samples} whose images are at positions {@code stored} of {@code store}
     * (element i for sample i), stored as {@code image} says ({@link ImageSettings#storedShape()}).
     */
    MemoryImageBank(ImageSettings image, ImageStore store, List<Sample> samples, int[] stored) {
        this.imageShape = image.inputShape();
        this.crops = ImageCrops.of(image);
        this.store = store;
        this.samples = List.copyOf(samples);
        this.stored = stored.clone();
        if (store.size() > 0 && store.pixels() != image.pixelCount()) {
            throw new IllegalArgumentException("the store holds images of " + store.pixels() + " pixels; "
                    + image.storedShape() + " holds " + image.pixelCount());
        }
        if (stored.length != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + stored.length + " store positions");
        }
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] < 0 || stored[i] >= store.size()) {
                throw new IllegalArgumentException("sample " + i + " (" + samples.get(i).file() + ") is at position "
                        + stored[i] + " of a store of " + store.size() + " images");
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

    /**
     * A bank of a few images given as floats (sample i's image is {@code pixels[i]}), quantised into
     * a store in the heap exactly as the cache file stores them, so that they score as they would
     * in a run.
     */
    static MemoryImageBank of(ImageSettings image, List<Sample> samples, float[][] pixels) {
        int expected = image.pixelCount();
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != expected) {
                throw new IllegalArgumentException("image " + i + " has " + pixels[i].length + " pixels; "
                        + image.storedShape() + " holds " + expected);
            }
        }
        return new MemoryImageBank(image, ImageStore.of(pixels), samples,
                java.util.stream.IntStream.range(0, pixels.length).toArray());
    }

    /**
     * Views over one store: {@code samples} cut into consecutive parts of {@code sizes}, each sample
     * at its position {@code stored[i]} of {@code store}; samples at position -1 (not decoded) are
     * left out.
     */
    static List<MemoryImageBank> views(ImageSettings image, ImageStore store, List<Sample> samples, int[] stored,
            List<Integer> sizes) {
        List<MemoryImageBank> banks = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            List<Sample> kept = new ArrayList<>();
            int[] positions = new int[size];
            int n = 0;
            for (int i = offset; i < offset + size; i++) {
                if (stored[i] >= 0) {
                    kept.add(samples.get(i));
                    positions[n++] = stored[i];
                }
            }
            banks.add(new MemoryImageBank(image, store, kept, java.util.Arrays.copyOf(positions, n)));
            offset += size;
        }
        return banks;
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
        store.crop(stored[index], crops, crops.centrePlace(), out, 0);
        return out;
    }

    @Override
    public NDArray batch(NDManager manager, int[] indices) {
        return gather(manager, indices, null);
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
        store.crop(stored[index], crops, crops.randomPlace(random), out, 0);
        return out;
    }

    @Override
    public NDArray trainingBatch(NDManager manager, int[] indices, Random random) {
        if (!randomCrops()) {
            return batch(manager, indices);
        }
        return gather(manager, indices, random);
    }

    /** The crops of {@code indices}: centre crops without {@code random}, random ones drawn from it image by image. */
    private NDArray gather(NDManager manager, int[] indices, Random random) {
        int size = crops.cropSize();
        long bytes = (long) size * indices.length * Float.BYTES;
        ByteBuffer buffer;
        FloatBuffer floats;
        if (COPYING_ENGINE.equals(manager.getEngine().getEngineName())) {
            buffer = store.batchBuffer(bytes);
            floats = store.batchFloats();
        } else {
            buffer = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
            floats = buffer.asFloatBuffer();
        }
        for (int i = 0; i < indices.length; i++) {
            ImageCrops.Place place = random == null ? crops.centrePlace() : crops.randomPlace(random);
            store.crop(stored[indices[i]], crops, place, floats, i * size);
        }
        return manager.create(buffer, batchShape(indices.length), DataType.FLOAT32);
    }

    private Shape batchShape(int count) {
        return new Shape(count, imageShape.get(0), imageShape.get(1), imageShape.get(2));
    }
}
