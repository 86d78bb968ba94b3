package siglab.api.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A reference to one signature image: no pixels, just where it is and whose it is.
 *
 * @param writer the writer whose signature this is (for a forgery: the writer imitated)
 * @param kind genuine or forged
 * @param file the image file
 */
public record Sample(String writer, SampleKind kind, Path file) {
    public Sample {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
    }
}
