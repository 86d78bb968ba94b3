package siglab.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real ./siglab script, as a user would, with its own plugins and experiments folders. */
final class Siglab {

    /** The repository root: where ./siglab, features/ and configs/ are. */
    static final Path ROOT = findRoot(Path.of(System.getProperty("siglab.root", ".")).toAbsolutePath().normalize());
    static final Path DIST = ROOT.resolve("bundles/siglab.launcher/target/siglab");

    /** What a finished command printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Siglab() {}

    /** The nearest folder, from {@code start} up, that holds the ./siglab script. */
    private static Path findRoot(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("siglab")) && Files.isDirectory(folder.resolve("features"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no SigLab checkout (a folder with ./siglab and features/) above " + start);
    }

    static ProcessBuilder builder(Path plugins, List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(ROOT.resolve("siglab").toString());
        command.add("--plugins");
        command.add(plugins.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("SIGLAB_NO_BUILD", "1");
        builder.environment().put("SIGLAB_QUIET_HINTS", "1");
        return builder;
    }

    /** Runs {@code siglab args...} to the end (at most {@code timeout}). */
    static Result run(Path plugins, Duration timeout, String... args) throws IOException, InterruptedException {
        return runWith(plugins, List.of(), timeout, args);
    }

    static Result runWith(Path plugins, List<String> prefix, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("siglab-out", ".txt");
        Path err = Files.createTempFile("siglab-err", ".txt");
        Process process = builder(plugins, prefix, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("siglab " + String.join(" ", args) + " did not finish in " + timeout
                    + "\n" + Files.readString(err));
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** An interactive {@code siglab console} session. */
    static final class Console implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;
        private final Path err;

        Console(Path plugins) throws IOException {
            err = Files.createTempFile("siglab-console-err", ".txt");
            process = builder(plugins, List.of(), "console").redirectError(err.toFile()).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            readUntilPrompt();
        }

        /** Sends one command and returns what it printed on standard output. */
        String send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            return readUntilPrompt();
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        private String readUntilPrompt() throws IOException {
            StringBuilder text = new StringBuilder();
            String prompt = "siglab> ";
            int c;
            while ((c = out.read()) >= 0) {
                text.append((char) c);
                if (text.length() >= prompt.length() && text.substring(text.length() - prompt.length()).equals(prompt)) {
                    return text.substring(0, text.length() - prompt.length());
                }
            }
            throw new IOException("the console ended:\n" + text + "\n" + stderr());
        }

        @Override
        public void close() throws Exception {
            try {
                in.write("exit\n");
                in.flush();
            } catch (IOException e) {
                // Already gone.
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(err);
        }
    }
}
