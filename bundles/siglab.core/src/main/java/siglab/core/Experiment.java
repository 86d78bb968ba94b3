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
}
