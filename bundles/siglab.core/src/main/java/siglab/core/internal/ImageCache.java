package siglab.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import siglab.api.data.Sample;
import siglab.data.image.ImageSettings;

/**
 * Preprocessed images on disk, so that a second run on the same data starts training within
 * seconds. A file is keyed by the SHA-256 of the data manifest (every file's content) and the
 * image settings, so a changed image or setting gives another key; a file whose checksum does not
 * match its content is not trusted and is rebuilt. The key does not depend on the order of the
 * files, so neither may the file: images are stored in the order of their file paths, and each
 * run's samples are mapped to and from that order ({@link #write(Path, List, float[][])}).
 */
final class ImageCache {

    /**
     * Bump when preprocessing or the stored order changes in a way the settings do not show.
     * Format 1 stored images in the order of the run's writer split, so that a run with another
     * split of the same files (another seed, another writer fold) read other images' pixels.
     */
    static final String FORMAT = "siglab-images-2";
    private static final int MAGIC = 0x5349474C;

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
     * The cached images, or null when there is no valid cache file ({@code why[0]} then says why, for
     * the log, or stays null when there is simply none yet).
     */
    static float[][] read(Path file, int count, int pixels, String[] why) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != count || in.readInt() != pixels) {
                why[0] = "its header does not match the data";
                return null;
            }
            long expected = in.readLong();
            CRC32C crc = new CRC32C();
            float[][] images = new float[count][pixels];
            byte[] bytes = new byte[pixels * 4];
            for (float[] image : images) {
                in.readFully(bytes);
                crc.update(bytes);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(image);
            }
            if (in.read() != -1 || crc.getValue() != expected) {
                why[0] = "its checksum does not match its content";
                return null;
            }
            return images;
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

    /** Writes the images of {@code samples} (in their order) to a cache file, stored in path order. */
    static void write(Path file, List<Sample> samples, float[][] images) throws IOException {
        int[] order = storedOrder(samples);
        float[][] stored = new float[order.length][];
        for (int k = 0; k < order.length; k++) {
            stored[k] = images[order[k]];
        }
        write(file, stored);
    }

    /** The cached images of {@code samples}, in their order, or null as {@link #read(Path, int, int, String[])} says. */
    static float[][] read(Path file, List<Sample> samples, int pixels, String[] why) {
        float[][] stored = read(file, samples.size(), pixels, why);
        if (stored == null) {
            return null;
        }
        int[] order = storedOrder(samples);
        float[][] images = new float[order.length][];
        for (int k = 0; k < order.length; k++) {
            images[order[k]] = stored[k];
        }
        return images;
    }

    /** Writes images to a cache file atomically (temporary file, then rename). */
    static void write(Path file, float[][] images) throws IOException {
        Files.createDirectories(file.getParent());
        int pixels = images.length == 0 ? 0 : images[0].length;
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(pixels * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] image : images) {
            buffer.clear();
            buffer.asFloatBuffer().put(image);
            crc.update(buffer.array(), 0, pixels * 4);
        }
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(images.length);
            out.writeInt(pixels);
            out.writeLong(crc.getValue());
            for (float[] image : images) {
                buffer.clear();
                buffer.asFloatBuffer().put(image);
                out.write(buffer.array(), 0, pixels * 4);
            }
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
