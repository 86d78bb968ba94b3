package siglab.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import siglab.api.data.Sample;
import siglab.data.image.ImageSettings;

/**
 * Preprocessed images on disk, so that a second run on the same data starts training within
 * seconds, and so that the images never have to fit in memory: the image bank maps the file
 * ({@link ImageStore}). A file is keyed by the SHA-256 of the data manifest (every file's content)
 * and the image settings, so a changed image or setting gives another key; a file whose checksum
 * does not match its content, or that is shorter or longer than its header says, is not trusted and
 * is rebuilt. The key does not depend on the order of the files, so neither may the file: images
 * are stored in the order of their file paths, and each run's samples are mapped to that order
 * ({@link #storedIndex(List)}).
 *
 * <p>The file: a header of {@link #HEADER_BYTES} bytes (little-endian: magic, format version,
 * image count, pixels per image, CRC32C of everything after the header), then one record per
 * image as {@link ImageStore} says: its lowest and highest value and one byte per pixel, a quarter
 * of the float32 it replaces. Decoding writes each image to the file as soon as it and the images
 * before it are done ({@link #load}), never holding the set in memory, and the file takes its name
 * by an atomic rename only when it is complete, so a run that dies leaves no file that looks valid.
 */
final class ImageCache {

    /**
     * Bump when preprocessing, the stored order or the file's layout changes in a way the settings
     * do not show. Format 1 stored images in the order of the run's writer split, so that a run with
     * another split of the same files (another seed, another writer fold) read other images' pixels;
     * format 2 stored float32 pixels; format 3 stores 8-bit pixels with each image's range.
     */
    static final String FORMAT = "siglab-images-3";
    static final int MAGIC = 0x5349474C;
    static final int VERSION = 3;
    static final int HEADER_BYTES = 4 * Integer.BYTES + Long.BYTES;
    /** Images decoded in parallel before they are written, in order: all a build holds at once. */
    static final int DECODE_BATCH = 256;

    private final Path folder;

    ImageCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The image settings as a cache key: their JSON. With {@code preprocess: fit} the key leaves
     * {@code preprocess} out, so that it is the key the settings had before that choice existed and
     * caches made then are still found.
     */
    static String settingsKey(ImageSettings image) {
        ObjectNode tree = ConfigBinder.MAPPER.valueToTree(image);
        if (ImageSettings.FIT.equals(image.preprocess())) {
            tree.remove("preprocess");
        }
        try {
            return ConfigBinder.MAPPER.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cache file of a data manifest and image settings. */
    Path file(String manifestSha256, String settings) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((FORMAT + "\n" + manifestSha256 + "\n" + settings).getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest.digest()).substring(0, 32) + ".bin");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cached images, mapped, or null when there is no valid cache file ({@code why[0]} then says
     * why, for the log, or stays null when there is simply none yet).
     */
    static ImageStore open(Path file, int count, int pixels, String[] why) {
        return open(file, count, pixels, why, ImageStore.MAX_CHUNK_BYTES);
    }

    /** {@link #open(Path, int, int, String[])}, mapped in chunks of at most {@code chunkBytes} bytes. */
    static ImageStore open(Path file, int count, int pixels, String[] why, long chunkBytes) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header, or up to the end of a shorter file
            }
            header.flip();
            if (header.remaining() < HEADER_BYTES || header.getInt() != MAGIC || header.getInt() != VERSION
                    || header.getInt() != count || header.getInt() != pixels) {
                why[0] = "its header does not match the data";
                return null;
            }
            long expectedCrc = header.getLong();
            long expectedSize = HEADER_BYTES + (long) count * ImageStore.recordBytes(pixels);
            long size = channel.size();
            if (size != expectedSize) {
                why[0] = size < expectedSize
                        ? "it is truncated (" + size + " of " + expectedSize + " bytes)"
                        : "it is longer than its header says (" + size + " bytes, not " + expectedSize + ")";
                return null;
            }
            // A sequential read, not through the mapping: checking every byte then charges nothing to
            // the process's resident memory, and the pages stay in the page cache for the bank.
            CRC32C crc = new CRC32C();
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
            if (crc.getValue() != expectedCrc) {
                why[0] = "its checksum does not match its content";
                return null;
            }
            return ImageStore.map(file, HEADER_BYTES, count, pixels, chunkBytes);
        } catch (IOException e) {
            why[0] = "it cannot be read (" + e.getMessage() + ")";
            return null;
        }
    }

    /**
     * The order samples' images are stored in: by file path, like the manifest that keys the file.
     * Element k is the position in {@code samples} of the k-th stored image.
     */
    static int[] storedOrder(List<Sample> samples) {
        return IntStream.range(0, samples.size()).boxed()
                .sorted(Comparator.comparing(i -> samples.get(i).file().toString()))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Where each sample's image is stored: element i is the stored position of {@code samples.get(i)}. */
    static int[] storedIndex(List<Sample> samples) {
        int[] order = storedOrder(samples);
        int[] index = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            index[order[k]] = k;
        }
        return index;
    }

    /** Decodes one sample into its preprocessed image (the stored shape, row-major). */
    @FunctionalInterface
    interface Decoder {
        float[] decode(Sample sample) throws IOException;
    }

    /**
     * Images ready for a bank.
     *
     * @param store the images, mapped
     * @param stored for each sample, in the order given, its position in {@code store}, or -1 when it
     *     could not be decoded
     * @param failures how many samples could not be decoded
     * @param firstFailure why the first of them (in path order) could not, naming its file; null when none failed
     * @param cached whether the images were read from the cache rather than decoded
     */
    record Loaded(ImageStore store, int[] stored, int failures, String firstFailure, boolean cached) {}

    /**
     * The images of {@code samples}: mapped from {@code file} when it holds them, else decoded in
     * parallel and written to it as they are decoded ({@code warn} hears why a file that exists is
     * not used). When some images cannot be decoded, the others are still decoded into a file of
     * the run's own, which is not the cache: the key covers every file. When the cache folder cannot
     * be written, the images go to a temporary file ({@code warn} hears it).
     */
    static Loaded load(Path file, List<Sample> samples, int pixels, Decoder decoder, Consumer<String> warn)
            throws IOException {
        String[] why = new String[1];
        ImageStore cached = open(file, samples.size(), pixels, why);
        if (cached != null) {
            return new Loaded(cached, storedIndex(samples), 0, null, true);
        }
        if (why[0] != null) {
            warn.accept("the image cache " + file + " is not used: " + why[0] + "; rebuilding it");
        }
        Writer writer;
        try {
            writer = Writer.create(file, pixels);
        } catch (IOException failure) {
            warn.accept("cannot write the image cache " + file + " (" + failure.getMessage()
                    + "); the images go to a temporary file of this run");
            writer = Writer.create(null, pixels);
        }
        return decode(writer, samples, decoder);
    }

    private static Loaded decode(Writer opened, List<Sample> samples, Decoder decoder) throws IOException {
        try (Writer writer = opened) {
            int[] order = storedOrder(samples);
            int[] stored = new int[samples.size()];
            java.util.Arrays.fill(stored, -1);
            int failures = 0;
            String firstFailure = null;
            for (int start = 0; start < order.length; start += DECODE_BATCH) {
                int first = start;
                int length = Math.min(DECODE_BATCH, order.length - start);
                byte[][] records = new byte[length][];
                String[] errors = new String[length];
                IntStream.range(0, length).parallel().forEach(j -> {
                    Sample sample = samples.get(order[first + j]);
                    try {
                        records[j] = ImageStore.record(decoder.decode(sample));
                    } catch (IOException | RuntimeException failure) {
                        String message = failure.getMessage();
                        errors[j] = message == null ? sample.file().toString()
                                : message.contains(sample.file().toString()) ? message
                                : sample.file() + ": " + message;
                    }
                });
                for (int j = 0; j < length; j++) {
                    if (records[j] == null) {
                        failures++;
                        firstFailure = firstFailure == null ? errors[j] : firstFailure;
                        continue;
                    }
                    if (records[j].length != writer.recordBytes) {
                        throw new IllegalStateException(samples.get(order[first + j]).file() + " was preprocessed into "
                                + (records[j].length - ImageStore.RECORD_HEADER) + " pixels, not "
                                + (writer.recordBytes - ImageStore.RECORD_HEADER));
                    }
                    stored[order[first + j]] = writer.count;
                    writer.add(records[j]);
                }
            }
            ImageStore store = failures == 0 && !writer.privately ? writer.commit() : writer.keepPrivately();
            return new Loaded(store, stored, failures, firstFailure, false);
        }
    }

    /**
     * Writes records one after the other to a temporary file beside the cache file, checksumming
     * as it goes; {@link #commit} gives the file its name, atomically.
     */
    static final class Writer implements AutoCloseable {

        private final Path file;
        private final Path temporary;
        private final boolean privately;
        private final int pixels;
        private final int recordBytes;
        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private int count;
        private boolean finished;

        private Writer(Path file, Path temporary, boolean privately, int pixels) throws IOException {
            this.file = file;
            this.temporary = temporary;
            this.privately = privately;
            this.pixels = pixels;
            this.recordBytes = ImageStore.recordBytes(pixels);
            this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20);
            out.write(new byte[HEADER_BYTES]);
        }

        /** A writer of the cache file {@code file}; with {@code file} null, of a temporary file of the run's own. */
        static Writer create(Path file, int pixels) throws IOException {
            return file == null ? create(Path.of(System.getProperty("java.io.tmpdir"), "siglab-images.bin"), pixels, true)
                    : create(file, pixels, false);
        }

        private static Writer create(Path file, int pixels, boolean privately) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".tmp");
            return new Writer(file, temporary, privately, pixels);
        }

        /** Appends one image's record ({@link ImageStore#record}). */
        void add(byte[] record) throws IOException {
            if (record.length != recordBytes) {
                throw new IllegalArgumentException("a record of " + record.length + " bytes; " + pixels
                        + "-pixel images have " + recordBytes);
            }
            out.write(record);
            crc.update(record);
            count++;
        }

        /** Number of records written. */
        int count() {
            return count;
        }

        /** Completes the file, renames it to the cache file's name (replacing any) and maps it. */
        ImageStore commit() throws IOException {
            finish();
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return ImageStore.map(file, HEADER_BYTES, count, pixels, ImageStore.MAX_CHUNK_BYTES);
        }

        /**
         * Completes the file, maps it and deletes it: the mapping keeps its pages until it is
         * collected, and no file is left behind however the run ends.
         */
        ImageStore keepPrivately() throws IOException {
            finish();
            try {
                return ImageStore.map(temporary, HEADER_BYTES, count, pixels, ImageStore.MAX_CHUNK_BYTES);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }

        private void finish() throws IOException {
            finished = true;
            out.close();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putInt(VERSION).putInt(count).putInt(pixels).putLong(crc.getValue()).flip();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                while (header.hasRemaining()) {
                    channel.write(header, header.position());
                }
            }
        }

        /** Deletes the temporary file unless the file was completed. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                try {
                    out.close();
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
        }
    }
}
