package siglab.api.data;

import java.nio.file.Path;

/** What the core hands a dataset loader besides its config. */
public interface DatasetContext {

    /** A folder of SigLab's own where a loader may keep files it generates; it persists across runs. */
    Path cacheDirectory();

    /** The folder relative dataset roots are resolved against. */
    Path baseDirectory();

    /** Writes one line to the run's log. */
    void log(String message);
}
