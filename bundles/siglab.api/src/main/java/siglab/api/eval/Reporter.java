package siglab.api.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a summary of a stored run into its folder, such as an HTML report. The core calls every
 * installed reporter at the end of a run and after each re-evaluation. An implementation reads
 * only the run folder (config.yaml, provenance.json, history.csv, scores/, metrics.json, plots/),
 * writes only inside it, and must not fail the run for a missing optional file. Registered as a
 * service with {@link siglab.api.SigLab#TYPE}.
 *
 * @since 1.1
 */
public interface Reporter {

    /**
     * Writes the summary of the run (or evaluation) folder {@code folder}.
     *
     * @return the main file written
     */
    Path report(Path folder) throws IOException;
}
