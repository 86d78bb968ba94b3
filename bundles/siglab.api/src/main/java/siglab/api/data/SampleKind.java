package siglab.api.data;

/** What a signature image is. */
public enum SampleKind {
    /** Signed by the writer it belongs to. */
    GENUINE,
    /** A skilled forgery of that writer's signature, made by someone else. */
    FORGED
}
