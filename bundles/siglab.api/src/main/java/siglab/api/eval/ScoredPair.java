package siglab.api.eval;

/**
 * One pair of images and the distance the encoder gave them.
 *
 * @param fileA the reference image (always genuine)
 * @param fileB the questioned image
 * @param writer the writer of the reference image
 * @param kind genuine, skilled or random
 * @param distance the distance between their embeddings: small means similar
 */
public record ScoredPair(String fileA, String fileB, String writer, PairKind kind, double distance) {

    /** True for the positive class: both images are genuine signatures of one writer. */
    public boolean similar() {
        return kind == PairKind.GENUINE;
    }
}
