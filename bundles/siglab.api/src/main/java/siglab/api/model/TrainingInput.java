package siglab.api.model;

/** What a loss trains on. */
public enum TrainingInput {
    /** Two embeddings and a label: 1 for a genuine pair of one writer, 0 otherwise. */
    PAIRS,
    /** Anchor, positive and negative embeddings. */
    TRIPLETS
}
