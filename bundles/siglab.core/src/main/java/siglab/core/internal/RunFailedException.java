package siglab.core.internal;

import java.nio.file.Path;

/** A run stopped with an error; its folder keeps what it had and is marked failed. */
final class RunFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    RunFailedException(Path run, Throwable cause) {
        super(cause.getMessage() + " (run folder, marked failed: " + run + ")", cause);
    }
}
