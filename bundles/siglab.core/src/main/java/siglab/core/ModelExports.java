package siglab.core;

import java.nio.file.Path;

/**
 * Exports a finished run's encoder as a self-contained Deep Java Library model, which any Java
 * application opens with DJL's {@code Criteria} and no SigLab, and uses such exported models.
 *
 * @since 1.2
 */
public interface ModelExports {

    /**
     * Writes the model directory of {@code run} into the new folder {@code to}, or, with
     * {@code zip}, the archive {@code to.zip} holding it.
     *
     * @return the folder or archive written
     * @throws IllegalArgumentException when the run cannot be exported (not finished, scored by a
     *     learned head, an encoder whose classes need more than DJL) or {@code to} already exists
     */
    Path export(Path run, Path to, boolean zip) throws Exception;

    /**
     * Embeds two images with an exported model (a folder or its zip archive), as an application
     * using it would, and returns their distance and the model's threshold.
     *
     * @return {distance, threshold}
     */
    double[] verify(Path model, Path imageA, Path imageB) throws Exception;
}
