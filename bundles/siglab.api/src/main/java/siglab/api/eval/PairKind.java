package siglab.api.eval;

/** What kind of pair was scored. */
public enum PairKind {
    /** Two genuine signatures of one writer: the positive class, "similar". */
    GENUINE,
    /** A genuine signature and a skilled forgery of it. */
    SKILLED,
    /** Genuine signatures of two different writers (a random forgery). */
    RANDOM;

    /** The CSV spelling. */
    public String csvName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
