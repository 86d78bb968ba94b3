package siglab.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import siglab.core.Experiments;

/**
 * Runs the grid of a sweep, each point a separate {@code siglab run} process (so one failure or
 * crash cannot take the others down), N at a time, recording every point in
 * {@code <experiments>/_sweeps/<id>/sweep.json} as it ends so that an interrupted sweep resumes
 * without redoing finished runs. A point with writer folds is one run per fold; the folds of a
 * point form a group, named in sweep.json ({@code groups}, and each fold's {@code group}) and in
 * each fold run's provenance: the sweep's id, followed by {@code .<point>} when the grid has
 * more than one point.
 */
final class SweepRunner {

    static final String FILE = "sweep.json";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Map<String, Object> sweep;
    private final List<Map<String, Object>> items;
    private final Path siglab;
    private final String plugins;
    private volatile boolean stopping;

    private SweepRunner(Path folder, Map<String, Object> sweep, Path siglab, String plugins) {
        this.folder = folder;
        this.sweep = sweep;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) sweep.get("items");
        this.items = list;
        this.siglab = siglab;
        this.plugins = plugins;
    }

    /**
     * One run of a sweep.
     *
     * @param overrides the run's overrides on top of the sweep's own
     * @param point the index of its point of the grid
     * @param fold its writer fold (1-based), or 0 when the point has no folds
     * @param folds the point's number of writer folds, or 0
     */
    record Item(List<String> overrides, int point, int fold, int folds) {}

    /** Every combination of the swept values, as override lists, in order (the last key varies fastest). */
    static List<List<String>> grid(Map<String, List<String>> axes) {
        List<List<String>> grid = new ArrayList<>();
        grid.add(List.of());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> point : grid) {
                for (String value : axis.getValue()) {
                    List<String> extended = new ArrayList<>(point);
                    extended.add(axis.getKey() + "=" + value);
                    next.add(extended);
                }
            }
            grid = next;
        }
        return grid;
    }

    /** Splits {@code v1,v2,[a, b],{x: 1}} at top-level commas. */
    static List<String> values(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                values.add(value.toString().trim());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        values.add(value.toString().trim());
        return values;
    }

    static SweepRunner create(Path experiments, Path config, List<String> overrides, List<Item> runs, int points,
            Path siglab, String plugins) throws IOException {
        Path sweeps = Files.createDirectories(experiments.resolve("_sweeps"));
        Path folder;
        SecureRandom random = new SecureRandom();
        while (true) {
            folder = sweeps.resolve(ID.format(Instant.now()) + "-" + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000)));
            try {
                Files.createDirectory(folder);
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Drawn already: draw again.
            }
        }
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("id", folder.getFileName().toString());
        sweep.put("config", config.toAbsolutePath().toString());
        sweep.put("overrides", overrides);
        sweep.put("experiments", experiments.toAbsolutePath().toString());
        sweep.put("started", Instant.now().toString());
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Item run = runs.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            item.put("overrides", run.overrides());
            item.put("status", "pending");
            item.put("run", null);
            if (run.folds() > 0) {
                String group = folder.getFileName() + (points > 1 ? "." + (run.point() + 1) : "");
                item.put("group", group);
                item.put("fold", run.fold());
                item.put("folds", run.folds());
                groups.computeIfAbsent(group, g -> {
                    Map<String, Object> about = new LinkedHashMap<>();
                    about.put("group", g);
                    about.put("point", run.overrides().subList(0, run.overrides().size() - 1));
                    about.put("folds", run.folds());
                    return about;
                });
            }
            items.add(item);
        }
        if (!groups.isEmpty()) {
            sweep.put("groups", new ArrayList<>(groups.values()));
        }
        sweep.put("items", items);
        SweepRunner runner = new SweepRunner(folder, sweep, siglab, plugins);
        runner.save();
        return runner;
    }

    @SuppressWarnings("unchecked")
    static SweepRunner load(Path folder, Path siglab, String plugins) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " is not a sweep folder (no " + FILE + ")");
        }
        return new SweepRunner(folder, JSON.readValue(file.toFile(), Map.class), siglab, plugins);
    }

    Path folder() {
        return folder;
    }

    /** The experiments folder the sweep's runs are written to. */
    Path experiments() {
        return Path.of(sweep.get("experiments").toString());
    }

    /** Whether the sweep was stopped (Ctrl-C) before its runs ended. */
    boolean stopped() {
        return stopping;
    }

    /** Whether some point of the sweep runs writer folds. */
    boolean hasFoldGroups() {
        return sweep.get("groups") instanceof List<?> groups && !groups.isEmpty();
    }

    /**
     * Runs every point not finished yet, {@code parallel} at a time, and prints each run's status;
     * returns the number that did not finish.
     */
    int run(int parallel, PrintWriter out, PrintWriter err) throws InterruptedException, IOException {
        List<Map<String, Object>> todo = items.stream().filter(i -> !"finished".equals(i.get("status"))).toList();
        int finishedBefore = items.size() - todo.size();
        err.printf(Locale.ROOT, "siglab: sweep %s: %d runs, %d finished already, %d to go, %d at a time%n",
                sweep.get("id"), items.size(), finishedBefore, todo.size(), parallel);
        err.flush();
        CountDownLatch done = new CountDownLatch(todo.size());
        Thread hook = new Thread(() -> {
            // Ctrl-C reaches the child runs too: they save and mark themselves; wait for them, then record.
            stopping = true;
            try {
                done.await(3, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "siglab-sweep-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            for (Map<String, Object> item : todo) {
                pool.submit(() -> {
                    try {
                        if (!stopping) {
                            runOne(item, err);
                        }
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        item.put("status", "failed");
                        item.put("error", String.valueOf(e.getMessage()));
                    } finally {
                        try {
                            save();
                        } catch (IOException e) {
                            err.println("siglab: cannot record the sweep: " + e.getMessage());
                        }
                        done.countDown();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(365, TimeUnit.DAYS);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is waiting for the latch, which is open now.
            }
        }
        sweep.put("ended", Instant.now().toString());
        save();
        int failed = 0;
        for (Map<String, Object> item : items) {
            out.printf(Locale.ROOT, "%-12s %s  %s%n", item.get("status"), String.join(" ", strings(item.get("overrides"))),
                    item.get("run") == null ? "" : item.get("run"));
            if (!"finished".equals(item.get("status"))) {
                failed++;
            }
        }
        out.flush();
        return failed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    private void runOne(Map<String, Object> item, PrintWriter err) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(siglab.toString(), "--plugins", plugins));
        Object previous = item.get("run");
        String previousStatus = String.valueOf(item.get("status"));
        boolean resume = previous != null && (previousStatus.equals("interrupted") || previousStatus.equals("died"))
                && Files.isDirectory(Path.of(previous.toString()));
        if (resume) {
            command.addAll(List.of("resume", previous.toString(), "-q"));
        } else {
            command.addAll(List.of("run", sweep.get("config").toString()));
            command.addAll(strings(sweep.get("overrides")));
            command.addAll(strings(item.get("overrides")));
            command.addAll(List.of("-q", "--experiments", sweep.get("experiments").toString()));
        }
        Path log = folder.resolve("run-" + item.get("index") + ".log");
        Path stdout = folder.resolve(".run-" + item.get("index") + ".out");
        item.put("status", "running");
        item.put("log", log.toString());
        save();
        err.println("siglab: sweep run " + item.get("index") + ": " + String.join(" ", strings(item.get("overrides"))));
        err.flush();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectOutput(stdout.toFile());
        builder.environment().put("SIGLAB_NO_BUILD", "1");
        builder.environment().put("SIGLAB_QUIET_HINTS", "1");
        builder.environment().put("SIGLAB_SWEEP", String.valueOf(sweep.get("id")));
        if (item.get("group") != null) {
            builder.environment().put(Experiments.FOLD_GROUP_VARIABLE, item.get("group").toString());
        }
        Process process = builder.start();
        int code = process.waitFor();
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        Files.deleteIfExists(stdout);
        String runFolder = lines.isEmpty() ? null : lines.get(lines.size() - 1).trim();
        if (runFolder == null || runFolder.isEmpty()) {
            // A run that failed or was stopped still names its folder in its log.
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("run /") || line.startsWith("resume /")) {
                    runFolder = line.substring(line.indexOf('/'));
                }
            }
        }
        item.put("run", runFolder);
        item.put("exit", code);
        item.put("status", code == 0 ? "finished" : code == 130 ? "interrupted" : "failed");
    }

    private synchronized void save() throws IOException {
        Path temporary = folder.resolve("." + FILE + ".tmp");
        JSON.writeValue(temporary.toFile(), sweep);
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
