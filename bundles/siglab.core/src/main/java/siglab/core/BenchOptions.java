package siglab.core;

/**
 * What {@code siglab bench} measures.
 *
 * @param steps training batches in the timed epoch (after a warm-up epoch of as many)
 * @param batches inference batches of 32 images timed
 * @param rounds how many times each measurement is repeated; figures are the medians
 * @param baseline whether a plain DJL loop does the same work beside SigLab, alternating with it
 * @since 1.2
 */
public record BenchOptions(int steps, int batches, int rounds, boolean baseline) {
    public BenchOptions {
        if (steps < 1 || batches < 1 || rounds < 1) {
            throw new IllegalArgumentException("steps, batches and rounds must be at least 1; got "
                    + steps + ", " + batches + ", " + rounds);
        }
    }
}
