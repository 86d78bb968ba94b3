package siglab.export.runtime;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import siglab.data.image.ImagePreprocessor;

/**
 * Two signature images to compare: a known genuine one and a questioned one.
 *
 * @param reference a genuine signature of the writer
 * @param questioned the signature to verify
 */
public record SignaturePair(Image reference, Image questioned) {

    public SignaturePair {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(questioned, "questioned");
    }

    /**
     * Reads two image files as SigLab does (PNG, JPEG, TIFF, BMP, GIF, recognised by content).
     *
     * @throws IOException naming the file that is missing or cannot be decoded
     */
    public static SignaturePair of(Path reference, Path questioned) throws IOException {
        BufferedImageFactory images = new BufferedImageFactory();
        return new SignaturePair(images.fromImage(ImagePreprocessor.decode(reference)),
                images.fromImage(ImagePreprocessor.decode(questioned)));
    }
}
