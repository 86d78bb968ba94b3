package siglab.core;

/** An experiment config, composed, validated and bound: ready to run. */
public interface Experiment {

    /** The experiment's name: the run folder's parent. */
    String name();

    /** The resolved config as YAML, every default filled in: running it again repeats the run. */
    String yaml();

    /**
     * The config's {@code sweep:} section: for each dotted key, the values to try (as YAML text),
     * in order. Empty when the config sweeps nothing.
     */
    java.util.Map<String, java.util.List<String>> sweep();

    /**
     * The number of writer folds ({@code dataset.split.folds}): each fold is a run whose test
     * writers are one of that many near-equal parts of the writers. Zero when the config has no folds.
     *
     * @since 1.1
     */
    default int folds() {
        return 0;
    }

    /**
     * The one writer fold this experiment runs ({@code dataset.split.fold}, 1-based), or zero when
     * it names none: a config with folds and no fold stands for one run per fold.
     *
     * @since 1.1
     */
    default int fold() {
        return 0;
    }
}
