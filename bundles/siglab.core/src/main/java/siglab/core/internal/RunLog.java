package siglab.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A run's log.txt, written line by line as the run goes (so a run that dies keeps it), echoed to stderr. */
final class RunLog implements AutoCloseable {

    private final Writer writer;
    private final boolean echo;

    RunLog(Path file, boolean echo) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.echo = echo;
    }

    synchronized void log(String message) {
        try {
            writer.write(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (echo) {
            System.err.println(message);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
