package siglab.launcher.internal;

/** Start-up cannot go on; the message says what is missing or wrong. */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }
}
