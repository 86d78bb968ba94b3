package siglab.core;

import java.nio.file.Path;

/** A run stopped on the user's request; its folder keeps every completed epoch and can be resumed. */
public final class RunInterruptedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunInterruptedException(Path run) {
        super("interrupted; the run is kept and can be resumed: siglab resume " + run);
    }
}
