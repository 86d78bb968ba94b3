package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code siglab export}, proved outside SigLab: a short quickstart run is exported, and a plain
 * {@code java} program whose class path holds DJL's API, the MXNet engine (with what they depend on)
 * and the exported jar, and nothing else, loads the model with DJL's Criteria, embeds the run's test
 * images and must reproduce the run's test distances and decisions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The jars of DJL's API, its MXNet engine and native library, and their dependencies (from their
     * POMs: Gson, JNA, SLF4J's API, Commons Compress): the whole class path of the outside program
     * besides the exported jar.
     */
    private static final List<String> DJL_JARS = List.of("api-", "mxnet-engine-", "mxnet-native-mkl-", "gson-", "jna-",
            "slf4j-api-", "commons-compress-");

    @TempDir
    static Path work;

    Path plugins;
    Path run;
    Path images;

    /** One row of scores/test.csv. */
    record Scored(String fileA, String fileB, double distance) {}

    /** What the outside program printed: a line per pair of the CSV, in its order (file_a, file_b, distance, similar). */
    record Outside(List<String[]> pairs, int embedded, String[] verdict, String output) {

        /** Checks every pair against the run's CSV: the same files, the distance to 1e-4, the run's decision. */
        void assertMatches(List<Scored> test, double threshold) {
            assertEquals(test.size(), pairs.size(), output);
            double worst = 0;
            int decisionsDiffering = 0;
            for (int i = 0; i < test.size(); i++) {
                Scored expected = test.get(i);
                String[] scored = pairs.get(i);
                assertEquals(expected.fileA() + " " + expected.fileB(), scored[0] + " " + scored[1]);
                worst = Math.max(worst, Math.abs(Double.parseDouble(scored[2]) - expected.distance()));
                if (Boolean.parseBoolean(scored[3]) != (expected.distance() <= threshold)) {
                    decisionsDiffering++;
                }
            }
            assertTrue(worst <= 1e-4, "the largest difference from scores/test.csv is " + worst);
            assertEquals(0, decisionsDiffering, "decisions that differ from the run's");
        }
    }

    @BeforeAll
    void runAShortQuickstart() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Siglab.Result result = Siglab.run(plugins, Duration.ofMinutes(10), "run", "configs/quickstart.yaml",
                "training.epochs=2", "dataset.writers=24", "dataset.split={train: 16, val: 4, test: 4}",
                "validation.triplets=300", "-q", "--experiments", work.resolve("experiments").toString());
        assertEquals(0, result.exitCode(), result.toString());
        run = Path.of(result.lastLine());
        images = Path.of(JSON.readTree(run.resolve("provenance.json").toFile()).get("dataset").get("root").asText());
    }

    @Test
    void theExportRunsInAPlainJvmWithOnlyDjlAndGivesTheRunsTestDistancesAndDecisions() throws Exception {
        Path model = work.resolve("quickstart-model");
        Siglab.Result exported = Siglab.run(plugins, Duration.ofMinutes(3), "export", run.toString(), "--to", model.toString());
        assertEquals(0, exported.exitCode(), exported.toString());
        assertEquals(model.toString(), exported.lastLine());

        JsonNode description = JSON.readTree(model.resolve("model.json").toFile());
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        double threshold = metrics.get("threshold").asDouble();
        assertEquals("siglab-model/1", description.get("format").asText());
        assertEquals(run.getFileName().toString(), description.get("run").get("id").asText());
        assertEquals("seed-cnn", description.get("encoder").get("type").asText());
        assertEquals(256, description.get("encoder").get("config").get("embedding").asInt());
        assertEquals(threshold, description.get("scoring").get("threshold").asDouble());
        assertEquals(metrics.get("policy").asText(), description.get("scoring").get("policy").asText());
        assertEquals("SQUARED_EUCLIDEAN", description.get("scoring").get("distance").asText());
        assertEquals(metrics.get("metrics").get("pairs").asInt(), description.get("test").get("metrics").get("pairs").asInt());
        assertEquals(metrics.get("metrics").get("auc").asDouble(), description.get("test").get("metrics").get("auc").asDouble());
        assertTrue(description.get("training_data").get("licence").asText().contains("synthetic"), description.toString());
        assertEquals(Files.readString(run.resolve("config.yaml")).strip(), description.get("config").asText().strip());
        assertTrue(Files.readString(model.resolve("serving.properties")).contains(
                "blockFactory=siglab.export.runtime.SigLabBlockFactory"));
        assertTrue(Files.isRegularFile(model.resolve("encoder-0000.params")));
        assertTrue(Files.readString(model.resolve("README.md")).contains("optTranslatorFactory(new SignatureTranslatorFactory())"));

        Path jar = model.resolve("siglab-model-0.1.0.jar");
        assertOnlyDjlIsNeeded(jar);

        List<Scored> test = readScores(run.resolve("scores/test.csv"));
        Outside outside = useOutsideSigLab(model, run.resolve("scores/test.csv"));
        outside.assertMatches(test, threshold);
        long files = test.stream().flatMap(p -> Stream.of(p.fileA(), p.fileB())).distinct().count();
        assertEquals(files, outside.embedded());

        // One pair through the pair translator: the first test pair, its distance and the decision.
        assertEquals(test.get(0).fileA(), outside.verdict()[0]);
        assertEquals(test.get(0).distance(), Double.parseDouble(outside.verdict()[2]), 1e-4);
        assertEquals(test.get(0).distance() <= threshold, Boolean.parseBoolean(outside.verdict()[3]));
        assertEquals(threshold, Double.parseDouble(outside.verdict()[4]));
    }

    @Test
    void verifyTakesTheZippedModelAndAgreesWithTheRun() throws Exception {
        Path model = work.resolve("zipped");
        Siglab.Result exported = Siglab.run(plugins, Duration.ofMinutes(3), "export", run.toString(), "--to",
                model.toString(), "--zip");
        assertEquals(0, exported.exitCode(), exported.toString());
        Path zip = work.resolve("zipped.zip");
        assertEquals(zip.toString(), exported.lastLine());
        assertFalse(Files.exists(model), "with --zip only the archive is written");

        Scored pair = readScores(run.resolve("scores/test.csv")).stream()
                .filter(p -> !p.fileA().split("/")[0].equals(p.fileB().split("/")[0])).findFirst().orElseThrow();
        String a = images.resolve(pair.fileA()).toString();
        String b = images.resolve(pair.fileB()).toString();
        Siglab.Result byModel = Siglab.run(plugins, Duration.ofMinutes(2), "verify", "--model", zip.toString(), a, b);
        Siglab.Result byRun = Siglab.run(plugins, Duration.ofMinutes(2), "verify", "--run", run.toString(), a, b);
        assertEquals(0, byModel.exitCode(), byModel.toString());
        assertEquals(0, byRun.exitCode(), byRun.toString());
        Matcher model2 = distance(byModel);
        Matcher run2 = distance(byRun);
        assertEquals(Double.parseDouble(run2.group(1)), Double.parseDouble(model2.group(1)), 1e-4);
        assertEquals(pair.distance(), Double.parseDouble(model2.group(1)), 1e-4);
        assertEquals(run2.group(2), model2.group(2), "the same threshold");
        assertEquals(byRun.outLines().get(1), byModel.outLines().get(1), "the same decision");
    }

    @Test
    void exportRefusesWhatItCannotExportNamingIt() throws Exception {
        Path missing = work.resolve("experiments/quickstart/no-such-run");
        Siglab.Result none = Siglab.run(plugins, Duration.ofMinutes(2), "export", missing.toString());
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no such run folder: " + missing), none.err());

        Path taken = Files.createDirectories(work.resolve("taken"));
        Siglab.Result exists = Siglab.run(plugins, Duration.ofMinutes(2), "export", run.toString(), "--to", taken.toString());
        assertEquals(2, exists.exitCode(), exists.toString());
        assertTrue(exists.err().contains(taken + " already exists"), exists.err());

        Path unfinished = Files.createDirectories(work.resolve("experiments/quickstart/unfinished"));
        Files.copy(run.resolve("config.yaml"), unfinished.resolve("config.yaml"));
        Files.writeString(unfinished.resolve("provenance.json"), "{\"status\": \"failed\"}");
        Siglab.Result failed = Siglab.run(plugins, Duration.ofMinutes(2), "export", unfinished.toString());
        assertEquals(2, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains(unfinished + " has status 'failed', not finished"), failed.err());

        Siglab.Result notAModel = Siglab.run(plugins, Duration.ofMinutes(2), "verify", "--model", run.toString(),
                images.resolve(readScores(run.resolve("scores/test.csv")).get(0).fileA()).toString(),
                images.resolve(readScores(run.resolve("scores/test.csv")).get(0).fileB()).toString());
        assertEquals(2, notAModel.exitCode(), notAModel.toString());
        assertTrue(notAModel.err().contains(run.resolve("model.json").toString()), notAModel.err());
    }

    @Test
    void thePluginTemplatesEncoderIsExportedWithItsOwnClasses() throws Exception {
        Path jar = TestBundles.buildPluginTemplate(work);
        Path templatePlugins = Files.createDirectories(work.resolve("template-plugins"));
        Files.copy(jar, templatePlugins.resolve("my-encoder.jar"));
        Path model = work.resolve("mlp-model");
        Path templateRun;
        try (Siglab.Console console = new Siglab.Console(templatePlugins)) {
            for (int attempt = 0; attempt < 40 && !console.send("plugins --kind encoder").contains("example-mlp"); attempt++) {
                Thread.sleep(500);
            }
            String ran = console.send("run configs/quickstart.yaml encoder.type=example-mlp encoder.hidden=32 "
                    + "training.epochs=2 dataset.writers=9 dataset.genuine=4 dataset.forged=4 "
                    + "'dataset.split={train: 5, val: 2, test: 2}' image.height=64 image.width=96 "
                    + "validation.triplets=20 plots=[loss] -q --experiments " + work.resolve("template-experiments"));
            assertFalse(ran.isBlank(), console.stderr());
            templateRun = Path.of(ran.strip().lines().reduce((first, last) -> last).orElseThrow());
            String written = console.send("export " + templateRun + " --to " + model);
            assertEquals(model.toString(), written.strip(), console.stderr());
        }

        Path modelJar = model.resolve("siglab-model-0.1.0.jar");
        try (JarFile file = new JarFile(modelJar.toFile())) {
            assertTrue(file.getEntry("org/example/siglab/mlp/MlpEncoderFactory.class") != null, "the plug-in's factory");
            assertTrue(file.getEntry("org/example/siglab/mlp/MlpConfig.class") != null, "the plug-in's config");
            assertNull(file.getEntry("siglab/encoders/internal/SeedCnnBlock.class"), "nothing of other encoders");
        }
        JsonNode description = JSON.readTree(model.resolve("model.json").toFile());
        assertEquals("org.example.siglab.mlp.MlpEncoderFactory", description.get("encoder").get("factory").asText());
        assertEquals("siglab.example.encoder 1.0.0", description.get("encoder").get("bundle").asText());
        assertOnlyDjlIsNeeded(modelJar);

        // Outside SigLab, and without the plug-in's bundle: the model's jar is enough.
        Path templateImages = Path.of(JSON.readTree(templateRun.resolve("provenance.json").toFile())
                .get("dataset").get("root").asText());
        double threshold = JSON.readTree(templateRun.resolve("metrics.json").toFile()).get("threshold").asDouble();
        List<Scored> test = readScores(templateRun.resolve("scores/test.csv"));
        Outside outside = useOutsideSigLabWith(model, templateImages, templateRun.resolve("scores/test.csv"));
        outside.assertMatches(test, threshold);
        assertEquals(test.get(0).distance(), Double.parseDouble(outside.verdict()[2]), 1e-4);
    }

    /**
     * The exported jar needs nothing beyond the JDK and DJL's jars: jdeps, given only those, finds
     * every class the jar refers to; and it is no bundle and holds no OSGi, Jackson or SigLab
     * workbench class.
     */
    private static void assertOnlyDjlIsNeeded(Path jar) throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out, true), new PrintWriter(out, true), "--multi-release", "17",
                "-filter:none", "-verbose:class", "--class-path", String.join(File.pathSeparator, djlJars()), jar.toString());
        assertEquals(0, code, out.toString());
        assertFalse(out.toString().contains("not found"), out.toString());
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertEquals("0.1.0", manifest.getValue("Implementation-Version"), "versioned with the SigLab that wrote it");
            assertNull(manifest.getValue("Bundle-SymbolicName"), "not a bundle");
            assertNull(manifest.getValue("Import-Package"), "not a bundle");
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            for (String entry : entries) {
                assertFalse(entry.startsWith("org/osgi/") || entry.startsWith("com/fasterxml/")
                        || entry.startsWith("OSGI-INF/") || entry.startsWith("siglab/core/")
                        || entry.startsWith("siglab/export/internal/"), entry);
            }
            assertTrue(entries.contains("siglab/data/image/ImagePreprocessor.class"), "SigLab's own preprocessing");
        }
    }

    private static List<String> djlJars() throws Exception {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(Siglab.DIST.resolve("lib"))) {
            List<Path> all = lib.sorted().toList();
            for (String prefix : DJL_JARS) {
                List<Path> found = all.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                assertEquals(1, found.size(), prefix + " in " + all);
                jars.add(found.get(0).toString());
            }
        }
        return jars;
    }

    private Outside useOutsideSigLab(Path model, Path scores) throws Exception {
        return useOutsideSigLabWith(model, images, scores);
    }

    /** Runs UseExportedModel.java with {@code java}, its class path DJL's jars and the model's jar only. */
    private static Outside useOutsideSigLabWith(Path model, Path root, Path scores) throws Exception {
        Path program = work.resolve("UseExportedModel.java");
        if (!Files.exists(program)) {
            try (InputStream in = ExportIT.class.getResourceAsStream("/export/UseExportedModel.java")) {
                Files.copy(in, program);
            }
        }
        List<String> classPath = new ArrayList<>(djlJars());
        try (Stream<Path> files = Files.list(model)) {
            files.filter(p -> p.toString().endsWith(".jar")).forEach(p -> classPath.add(p.toString()));
        }
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary.toString(), "-Dai.djl.offline=true",
                "-cp", String.join(File.pathSeparator, classPath), program.toString(),
                model.toString(), root.toString(), scores.toString()).redirectErrorStream(true);
        // As the launcher script sets them: no telemetry, SigLab's DJL cache (the MXNet native library is in it).
        Map<String, String> environment = builder.environment();
        environment.put("OPT_OUT_TRACKING", "true");
        environment.putIfAbsent("DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".cache", "siglab", "djl").toString());
        environment.put("OMP_NUM_THREADS", "2");
        environment.remove("MXNET_VERSION");
        Path log = Files.createTempFile(work, "outside", ".txt");
        Process process = builder.redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the outside program did not finish");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        List<String[]> pairs = new ArrayList<>();
        int embedded = -1;
        String[] verdict = null;
        for (String line : output.split("\\R")) {
            String[] cells = line.split(" ");
            if (cells[0].equals("pair")) {
                pairs.add(java.util.Arrays.copyOfRange(cells, 1, cells.length));
            } else if (cells[0].equals("embedded")) {
                embedded = Integer.parseInt(cells[1]);
            } else if (cells[0].equals("verdict")) {
                verdict = java.util.Arrays.copyOfRange(cells, 1, cells.length);
            }
        }
        assertTrue(verdict != null, output);
        return new Outside(pairs, embedded, verdict, output);
    }

    private static Matcher distance(Siglab.Result result) {
        Matcher matcher = Pattern.compile("distance (\\S+) \\(threshold (\\S+)\\)").matcher(result.out());
        assertTrue(matcher.find(), result.toString());
        return matcher;
    }

    private static List<Scored> readScores(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        Map<String, Integer> column = new LinkedHashMap<>();
        String[] header = lines.get(0).split(",");
        for (int i = 0; i < header.length; i++) {
            column.put(header[i], i);
        }
        List<Scored> pairs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            pairs.add(new Scored(cells[column.get("file_a")], cells[column.get("file_b")],
                    Double.parseDouble(cells[column.get("distance")])));
        }
        return pairs;
    }
}
