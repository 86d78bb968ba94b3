package siglab.api.data;

import java.util.List;

/**
 * One writer of a dataset with their genuine signatures and the skilled forgeries of them.
 *
 * @param id the writer's identifier, unique in the dataset
 * @param genuine genuine samples, in a stable order
 * @param forged forgeries of this writer, in a stable order (may be empty)
 */
public record Writer(String id, List<Sample> genuine, List<Sample> forged) {
    public Writer {
        genuine = List.copyOf(genuine);
        forged = List.copyOf(forged);
    }
}
