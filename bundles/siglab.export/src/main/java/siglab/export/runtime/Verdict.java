package siglab.export.runtime;

/**
 * What an exported model says about two signatures: how far apart their embeddings are, and
 * whether that is near enough to call them one writer's genuine signatures.
 *
 * @param distance the distance of the two embeddings, by the run's distance (small means similar)
 * @param threshold the run's decision threshold, chosen on its validation writers
 * @param similar whether {@code distance <= threshold}; false for a NaN distance
 */
public record Verdict(double distance, double threshold, boolean similar) {}
