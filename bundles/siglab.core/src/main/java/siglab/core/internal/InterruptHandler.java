package siglab.core.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during a run into a request to stop at the next safe point:
 * a shutdown hook raises the flag, then holds the JVM until the run has saved what it had and
 * marked itself interrupted (at most two minutes).
 */
final class InterruptHandler implements AutoCloseable {

    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch saved = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    InterruptHandler() {
        hook = new Thread(() -> {
            requested = true;
            System.err.println("\nsiglab: stopping at the next safe point (the run is kept and can be resumed)...");
            try {
                saved.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "siglab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested;
    }

    /** The run has saved its state: let the JVM go. */
    @Override
    public void close() {
        saved.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the latch is open.
        }
    }
}
