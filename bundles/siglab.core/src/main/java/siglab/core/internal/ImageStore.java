package siglab.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import siglab.data.image.ImageCrops;

/**
 * Preprocessed images as 8-bit pixels, one record per image, read where they lie: in a
 * memory-mapped cache file ({@link ImageCache}), so that the operating system pages images in as
 * batches need them and a set larger than memory still trains, or in a heap buffer for a handful of
 * images ({@link #of(float[][])}).
 *
 * <p>A record is the image's lowest and highest value (two little-endian float32) and then one byte
 * per pixel, q = round(255 (v - lowest) / (highest - lowest)); the value read back is lowest +
 * (highest - lowest) q / 255, within (highest - lowest) / 510 of the value stored, and exactly the
 * lowest and the highest value themselves (the zero background of inverted images stays zero). A
 * scale per image, not one for all, because {@code normalize: standardize} gives every image its own
 * range.
 *
 * <p>A file above 2 GB cannot be one {@link java.nio.MappedByteBuffer}: it is mapped in chunks of
 * whole records, each at most {@link #MAX_CHUNK_BYTES}.
 *
 * <p>Thread-safe: records are only read with absolute gets; each thread gathers crops through
 * scratch space of its own.
 */
final class ImageStore {

    /** Bytes before the pixels of a record: the image's lowest and highest value. */
    static final int RECORD_HEADER = 2 * Float.BYTES;
    /** Largest chunk one buffer maps: the most a {@link ByteBuffer} can address. */
    static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE;
    private static final int LEVELS = 256;

    private final ByteBuffer[] chunks;
    private final int count;
    private final int pixels;
    private final int recordBytes;
    private final int recordsPerChunk;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private ImageStore(ByteBuffer[] chunks, int count, int pixels, int recordsPerChunk) {
        this.chunks = chunks;
        this.count = count;
        this.pixels = pixels;
        this.recordBytes = recordBytes(pixels);
        this.recordsPerChunk = recordsPerChunk;
    }

    /** Bytes of one record of an image of {@code pixels} pixels. */
    static int recordBytes(int pixels) {
        return RECORD_HEADER + pixels;
    }

    /**
     * Maps {@code count} records of {@code pixels} pixels that start at {@code position} of
     * {@code file}, read-only, in chunks of at most {@code chunkBytes} bytes (whole records; one
     * record per chunk when a record is larger). The mapping outlives the channel it was made from.
     */
    static ImageStore map(Path file, long position, int count, int pixels, long chunkBytes) throws IOException {
        int recordBytes = recordBytes(pixels);
        int perChunk = (int) Math.max(1, Math.min(Math.min(chunkBytes, MAX_CHUNK_BYTES) / recordBytes, Integer.MAX_VALUE));
        int chunkCount = count == 0 ? 0 : (int) ((count + (long) perChunk - 1) / perChunk);
        ByteBuffer[] chunks = new ByteBuffer[chunkCount];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < chunkCount; k++) {
                long first = (long) k * perChunk;
                long records = Math.min(perChunk, count - first);
                chunks[k] = channel.map(FileChannel.MapMode.READ_ONLY, position + first * recordBytes,
                        records * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        return new ImageStore(chunks, count, pixels, perChunk);
    }

    /** A store in the heap of a few images (each {@code pixels} long), quantised as a cache file stores them. */
    static ImageStore of(float[][] images) {
        int pixels = images.length == 0 ? 0 : images[0].length;
        ByteBuffer all = ByteBuffer.allocate(Math.multiplyExact(images.length, recordBytes(pixels)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != pixels) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " pixels; image 0 has "
                        + pixels);
            }
            all.put(record(images[i]));
        }
        return new ImageStore(images.length == 0 ? new ByteBuffer[0] : new ByteBuffer[] {all}, images.length, pixels,
                Math.max(1, images.length));
    }

    /**
     * The record of one image: its lowest and highest value, then its pixels quantised to 8 bits.
     *
     * @throws IllegalArgumentException when a pixel is not a finite number
     */
    static byte[] record(float[] image) {
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < image.length; i++) {
            float v = image[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("pixel " + i + " of the preprocessed image is " + v
                        + ", not a finite number");
            }
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        if (image.length == 0) {
            lowest = 0;
            highest = 0;
        }
        ByteBuffer record = ByteBuffer.allocate(recordBytes(image.length)).order(ByteOrder.LITTLE_ENDIAN);
        record.putFloat(lowest).putFloat(highest);
        double perLevel = siglab.data.image.EightBitPixels.perLevel(lowest, highest);
        for (float v : image) {
            record.put((byte) siglab.data.image.EightBitPixels.level(v, lowest, perLevel));
        }
        return record.array();
    }

    /** The value of each of the 256 levels of an image whose values run from {@code lowest} to {@code highest}. */
    private static void levels(float lowest, float highest, float[] out) {
        for (int q = 0; q < LEVELS; q++) {
            out[q] = siglab.data.image.EightBitPixels.value(lowest, highest, q);
        }
    }

    /** Number of images. */
    int size() {
        return count;
    }

    /** Pixels of one stored image. */
    int pixels() {
        return pixels;
    }

    /** Number of buffers the records are spread over. */
    int chunkCount() {
        return chunks.length;
    }

    /** All pixels of image {@code image} as the encoder would see them uncropped. */
    float[] image(int image) {
        float[] out = new float[pixels];
        Scratch s = scratch.get();
        ByteBuffer chunk = chunk(image);
        int base = recordStart(image);
        levels(chunk.getFloat(base), chunk.getFloat(base + Float.BYTES), s.levels);
        byte[] bytes = s.bytes(pixels);
        chunk.get(base + RECORD_HEADER, bytes, 0, pixels);
        for (int i = 0; i < pixels; i++) {
            out[i] = s.levels[bytes[i] & 0xFF];
        }
        return out;
    }

    /** Copies the crop of image {@code image} at {@code place}, as floats, into {@code out} from {@code offset}. */
    void crop(int image, ImageCrops crops, ImageCrops.Place place, float[] out, int offset) {
        crop(image, crops, place, null, out, offset);
    }

    /** Copies the crop of image {@code image} at {@code place} into {@code out} from float {@code offset}. */
    void crop(int image, ImageCrops crops, ImageCrops.Place place, FloatBuffer out, int offset) {
        crop(image, crops, place, out, null, offset);
    }

    private void crop(int image, ImageCrops crops, ImageCrops.Place place, FloatBuffer buffer, float[] array,
            int offset) {
        int storedHeight = crops.storedHeight();
        int storedWidth = crops.storedWidth();
        if (crops.channels() * storedHeight * storedWidth != pixels) {
            throw new IllegalArgumentException("crops of " + crops.channels() + " x " + storedHeight + " x "
                    + storedWidth + " images from a store of " + pixels + "-pixel images");
        }
        crops.checkFits(place.top(), place.left());
        Scratch s = scratch.get();
        ByteBuffer chunk = chunk(image);
        int base = recordStart(image);
        levels(chunk.getFloat(base), chunk.getFloat(base + Float.BYTES), s.levels);
        int width = crops.width();
        byte[] bytes = s.bytes(width);
        float[] row = s.row(width);
        float[] levels = s.levels;
        int at = offset;
        for (int c = 0; c < crops.channels(); c++) {
            int plane = base + RECORD_HEADER + c * storedHeight * storedWidth;
            for (int y = 0; y < crops.height(); y++) {
                chunk.get(plane + (place.top() + y) * storedWidth + place.left(), bytes, 0, width);
                if (buffer != null) {
                    for (int x = 0; x < width; x++) {
                        row[x] = levels[bytes[x] & 0xFF];
                    }
                    buffer.put(at, row, 0, width);
                } else {
                    for (int x = 0; x < width; x++) {
                        array[at + x] = levels[bytes[x] & 0xFF];
                    }
                }
                at += width;
            }
        }
    }

    /**
     * This thread's batch buffer, direct and in native order, holding at least {@code bytes} bytes,
     * its limit at {@code bytes}: the same buffer on every call of a thread unless a larger batch
     * needs a larger one.
     */
    ByteBuffer batchBuffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + bytes + " bytes is larger than a buffer can be (2 GB)");
        }
        Scratch s = scratch.get();
        if (s.batch == null || s.batch.capacity() < bytes) {
            s.batch = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
            s.batchFloats = s.batch.asFloatBuffer();
        }
        s.batch.clear().limit((int) bytes);
        return s.batch;
    }

    /** The float view of this thread's {@link #batchBuffer}, over all of it. */
    FloatBuffer batchFloats() {
        return scratch.get().batchFloats;
    }

    private ByteBuffer chunk(int image) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " of " + count);
        }
        return chunks[image / recordsPerChunk];
    }

    private int recordStart(int image) {
        return (image % recordsPerChunk) * recordBytes;
    }

    /** One thread's working space: no array the size of a batch is made per batch. */
    private static final class Scratch {
        final float[] levels = new float[LEVELS];
        byte[] bytes = new byte[0];
        float[] row = new float[0];
        ByteBuffer batch;
        FloatBuffer batchFloats;

        byte[] bytes(int length) {
            if (bytes.length < length) {
                bytes = new byte[length];
            }
            return bytes;
        }

        float[] row(int length) {
            if (row.length < length) {
                row = new float[length];
            }
            return row;
        }
    }
}
