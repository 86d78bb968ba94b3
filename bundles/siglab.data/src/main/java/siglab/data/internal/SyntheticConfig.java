package siglab.data.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import siglab.api.Doc;

/**
 * Parameters of the synthetic signature generator. Every component but {@code export} determines
 * the images; the defaults give a CEDAR-sized set (40 writers x 12 + 12) at SigNet's input size,
 * with forgeries close enough that plain pixel distance barely separates them from genuine
 * signatures.
 *
 * @param writers number of writers
 * @param genuine genuine signatures per writer
 * @param forged skilled forgeries per writer
 * @param seed seed of the generator, independent of the experiment seed
 * @param height image height in pixels
 * @param width image width in pixels
 * @param forgerySkill how well forgers imitate, from 0 (crude) to 1 (only tremor, pen and
 *     blunt strokes give them away)
 * @param export a folder to copy the generated dataset to, in the generic layout; null for none
 */
@Doc("A generated dataset of handwritten-looking signatures with skilled forgeries.")
public record SyntheticConfig(
        @Doc("Number of writers.") Integer writers,
        @Doc("Genuine signatures per writer.") Integer genuine,
        @Doc("Skilled forgeries per writer.") Integer forged,
        @Doc("Seed of the generator; independent of the experiment seed.") Long seed,
        @Doc("Image height in pixels.") Integer height,
        @Doc("Image width in pixels.") Integer width,
        @Doc("How well forgers imitate: 0 crude, 1 nearly perfect.") Double forgerySkill,
        @Doc("Optional folder to copy the dataset to as <writer>/genuine and <writer>/forged, for other tools.")
                String export) {

    public SyntheticConfig {
        writers = writers == null ? 40 : writers;
        genuine = genuine == null ? 12 : genuine;
        forged = forged == null ? 12 : forged;
        seed = seed == null ? 7L : seed;
        height = height == null ? 155 : height;
        width = width == null ? 220 : width;
        forgerySkill = forgerySkill == null ? 0.5 : forgerySkill;
        if (writers < 1 || writers > 100_000) {
            throw new IllegalArgumentException("writers must be between 1 and 100000, was " + writers);
        }
        if (genuine < 1 || genuine > 10_000) {
            throw new IllegalArgumentException("genuine must be between 1 and 10000, was " + genuine);
        }
        if (forged < 0 || forged > 10_000) {
            throw new IllegalArgumentException("forged must be between 0 and 10000, was " + forged);
        }
        if (height < 32 || height > 4096) {
            throw new IllegalArgumentException("height must be between 32 and 4096, was " + height);
        }
        if (width < 32 || width > 4096) {
            throw new IllegalArgumentException("width must be between 32 and 4096, was " + width);
        }
        if (!(forgerySkill >= 0 && forgerySkill <= 1)) {
            throw new IllegalArgumentException("forgery-skill must be between 0 and 1, was " + forgerySkill);
        }
        if (export != null && export.isBlank()) {
            export = null;
        }
    }

    /** Everything that determines the images, by kebab-case key, with the generator's version. */
    Map<String, String> generatorParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("generator", SignatureGenerator.VERSION);
        out.put("writers", Integer.toString(writers));
        out.put("genuine", Integer.toString(genuine));
        out.put("forged", Integer.toString(forged));
        out.put("seed", Long.toString(seed));
        out.put("height", Integer.toString(height));
        out.put("width", Integer.toString(width));
        out.put("forgery-skill", Double.toString(forgerySkill));
        out.put("forgers-per-writer", Integer.toString(SignatureGenerator.FORGERS));
        return out;
    }
}
