package siglab.core;

/**
 * One mistake in an experiment config.
 *
 * @param source the file (or "command line") the offending value came from
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the key's dotted path, such as {@code encoder.embeding}
 * @param message what is wrong and, where possible, what would be right
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? source + ":" + line + ":" + column : source;
        return where + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
