package siglab.api.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An opened dataset: its writers in a stable order, and what identifies it for provenance.
 *
 * @param root the folder the samples live in
 * @param writers every writer, sorted by id
 * @param parameters anything besides the files that determines the data (for generated data,
 *     the generator's parameters); written to the run's provenance
 * @param warnings problems the loader noticed but could work around, for the run log
 */
public record Dataset(Path root, List<Writer> writers, Map<String, String> parameters,
        List<String> warnings) {
    public Dataset {
        writers = List.copyOf(writers);
        parameters = Map.copyOf(parameters);
        warnings = List.copyOf(warnings);
    }
}
