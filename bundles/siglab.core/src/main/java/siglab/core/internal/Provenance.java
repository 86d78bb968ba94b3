package siglab.core.internal;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import siglab.api.data.Dataset;
import siglab.api.data.Sample;

/**
 * What a run is made of, so that it can be trusted and repeated: versions, machine, seed, data
 * manifest hash, writer split, times and status. Written to provenance.json at the start of a run
 * and rewritten as it progresses.
 */
final class Provenance {

    /** The key of the list of training-health warnings. */
    static final String HEALTH = "health";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Instant started = Instant.now();

    Provenance(String name, long seed, BundleContext context, Path home) {
        values.put("name", name);
        values.put("status", "running");
        values.put("pid", ProcessHandle.current().pid());
        values.put("started", started.toString());
        values.put("ended", null);
        values.put("seconds", null);
        values.put("seed", seed);
        if (System.getenv("SIGLAB_SWEEP") != null) {
            values.put("sweep", System.getenv("SIGLAB_SWEEP"));
        }
        Map<String, Object> siglab = new LinkedHashMap<>();
        siglab.put("version", context == null ? "dev" : context.getBundle().getVersion().toString());
        siglab.putAll(git(home));
        values.put("siglab", siglab);
        List<Map<String, String>> bundles = new ArrayList<>();
        if (context != null) {
            for (Bundle bundle : context.getBundles()) {
                bundles.add(Map.of("name", String.valueOf(bundle.getSymbolicName()),
                        "version", bundle.getVersion().toString(), "state", state(bundle.getState())));
            }
        }
        values.put("bundles", bundles);
        Map<String, Object> djl = new LinkedHashMap<>();
        djl.put("version", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        djl.put("engine", engine.getEngineName());
        djl.put("engine_version", engine.getVersion());
        values.put("djl", djl);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        machine.put("ld_preload", System.getenv("LD_PRELOAD"));
        machine.put("allocator", Benchmark.allocator());
        machine.put("glibc_tunables", System.getenv("GLIBC_TUNABLES"));
        machine.put("mxnet_engine_type", System.getenv("MXNET_ENGINE_TYPE"));
        machine.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        values.put("machine", machine);
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    Object get(String key, Object fallback) {
        Object value = values.get(key);
        return value == null ? fallback : value;
    }

    /** Carries a stopped run's record into its resumption: first start, split, data, and each resumption. */
    @SuppressWarnings("unchecked")
    void continueFrom(Map<String, Object> before, String previousStatus) {
        for (String key : List.of("started", "split", "dataset", "untrained_validation", "untrained_test",
                "training_seconds", "resumed", "sweep", "fold", HEALTH)) {
            if (before.containsKey(key)) {
                values.put(key, before.get(key));
            }
        }
        List<Object> resumed = new ArrayList<>((List<Object>) values.getOrDefault("resumed", List.of()));
        resumed.add(Map.of("at", Instant.now().toString(), "after", previousStatus));
        values.put("resumed", resumed);
    }

    /**
     * Adds a training-health warning to the "health" list: each entry has the check's name, the
     * epoch it concerns and the message (see {@link RunHealth}). The list is absent while there is none.
     */
    @SuppressWarnings("unchecked")
    void addHealth(Map<String, Object> warning) {
        List<Object> health = new ArrayList<>((List<Object>) values.getOrDefault(HEALTH, List.of()));
        health.add(warning);
        values.put(HEALTH, health);
    }

    /** How many training-health warnings the run has. */
    int healthWarnings() {
        return values.get(HEALTH) instanceof List<?> list ? list.size() : 0;
    }

    /**
     * Records a figure of how the run used the machine under "performance" (training and embedding
     * rates, peak resident memory), for this session of the run: a resumed run's are its resumption's.
     */
    @SuppressWarnings("unchecked")
    void performance(String key, Object value) {
        ((Map<String, Object>) values.computeIfAbsent("performance", k -> new LinkedHashMap<>())).put(key, value);
    }

    void finish(String status, String error) {
        double peak = Benchmark.peakResidentMiB();
        if (peak >= 0) {
            performance("peak_rss_mib", Math.round(peak));
        }
        Instant ended = Instant.now();
        values.put("status", status);
        values.put("ended", ended.toString());
        Object first = values.get("started");
        Instant from = first == null ? started : Instant.parse(first.toString());
        values.put("seconds", Duration.between(from, ended).toMillis() / 1000.0);
        if (error != null) {
            values.put("error", error);
        }
    }

    void write(Path file) throws IOException {
        RunFiles.writeJson(file, values);
    }

    /** A manifest of the data: SHA-256 over every used file's relative path and content hash. */
    static Map<String, Object> manifest(Dataset dataset, List<Sample> used) throws IOException {
        MessageDigest total = sha256();
        List<Sample> sorted = new ArrayList<>(used);
        sorted.sort((a, b) -> a.file().toString().compareTo(b.file().toString()));
        for (Sample sample : sorted) {
            total.update(EvaluationPairs.relative(dataset.root(), sample.file()).getBytes(StandardCharsets.UTF_8));
            total.update(digest(sample.file()));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("root", dataset.root().toString());
        manifest.put("files", used.size());
        manifest.put("writers", dataset.writers().size());
        manifest.put("sha256", HexFormat.of().formatHex(total.digest()));
        manifest.put("parameters", dataset.parameters());
        return manifest;
    }

    /** The SHA-256 of a file's content. */
    static byte[] digest(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The git commit of SigLab's home and whether the work tree differs from it. */
    static Map<String, Object> git(Path home) {
        Map<String, Object> result = new LinkedHashMap<>();
        String commit = run(home, "git", "rev-parse", "HEAD");
        result.put("commit", commit == null ? "unknown" : commit);
        if (commit != null) {
            String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
            result.put("dirty", status != null && !status.isEmpty());
        }
        return result;
    }

    private static String run(Path directory, String... command) {
        if (directory == null) {
            return null;
        }
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: fall through.
        }
        return System.getProperty("os.arch");
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "active";
            case Bundle.RESOLVED: return "resolved";
            case Bundle.INSTALLED: return "installed";
            case Bundle.STARTING: return "starting";
            case Bundle.STOPPING: return "stopping";
            default: return "uninstalled";
        }
    }
}
