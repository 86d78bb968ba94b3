package siglab.api.model;

/** A progress display for one long task, such as an epoch. Close it when the task ends. */
public interface Progress extends AutoCloseable {

    /** Advances by {@code steps} and shows {@code status} (for example the running loss). */
    void step(long steps, String status);

    @Override
    void close();
}
