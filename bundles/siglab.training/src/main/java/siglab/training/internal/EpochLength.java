package siglab.training.internal;

import java.util.Locale;

/** What one epoch of a pair or triplet loop covers once. */
enum EpochLength {
    /** Each genuine image of a writer with two or more as an anchor (or a pair's first image). */
    ANCHORS,
    /** Each unordered pair of two genuine images of one training writer. */
    PAIRS;

    /** Reads the YAML spelling; null means {@link #ANCHORS}. */
    static EpochLength parse(String value) {
        if (value == null) {
            return ANCHORS;
        }
        for (EpochLength candidate : values()) {
            if (candidate.yamlName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("epoch must be anchors or pairs, got " + value);
    }

    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
