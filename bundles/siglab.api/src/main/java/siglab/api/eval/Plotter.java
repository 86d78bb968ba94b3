package siglab.api.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws one figure of a stored run into a PNG file. An implementation is a pure function of the
 * run's results, writes only the file it is given, and draws a readable placeholder (not an
 * exception) when the run has no data for it, such as a history with no epochs. Registered as a
 * service with {@link siglab.api.SigLab#TYPE}, which is also the file name: {@code plots/<type>.png}.
 */
public interface Plotter {

    /** Draws the figure of {@code run} into {@code file}. */
    void plot(RunResults run, Path file) throws IOException;
}
