package siglab.core;

import java.util.List;
import java.util.stream.Collectors;

/** An experiment config is wrong; every problem found in one pass is listed. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
