package siglab.core.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS lock on {@code run.lock} held while a process works on a run folder. The OS releases it
 * when the process dies, even by SIGKILL, so a run marked "running" whose lock is free is dead.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of a run folder, or fails when another process holds it. */
    static RunLock acquire(Path run) throws IOException {
        FileChannel channel = FileChannel.open(run.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another SigLab process is working on " + run);
        }
        return new RunLock(channel, lock);
    }

    /** True when some live process holds the run's lock. */
    static boolean held(Path run) {
        if (!Files.exists(run.resolve(FILE))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(run.resolve(FILE), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
