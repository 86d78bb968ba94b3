package siglab.training.internal;

import java.util.Locale;

/** Where a negative example comes from. */
enum Negatives {
    /** A skilled forgery of the anchor's writer, as in the seed notebook. */
    FORGERY,
    /** A genuine signature of another writer (a random forgery). */
    OTHER_WRITER,
    /** Either of the above, with equal odds. */
    MIXED;

    /** Reads the YAML spelling; null means {@link #FORGERY}. */
    static Negatives parse(String value) {
        if (value == null) {
            return FORGERY;
        }
        for (Negatives candidate : values()) {
            if (candidate.yamlName().equals(value.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(
                "negatives must be forgery, other-writer or mixed; got " + value);
    }

    String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
