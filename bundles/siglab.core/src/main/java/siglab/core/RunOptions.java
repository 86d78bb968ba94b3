package siglab.core;

import java.nio.file.Path;

/**
 * How to run an experiment.
 *
 * @param experiments the folder run folders are created in
 * @param quiet no progress bars
 */
public record RunOptions(Path experiments, boolean quiet) {}
