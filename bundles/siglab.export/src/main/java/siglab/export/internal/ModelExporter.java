package siglab.export.internal;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import siglab.core.Experiments;
import siglab.core.ModelExports;
import siglab.core.TrainedEncoder;
import siglab.export.runtime.ExportedModel;
import siglab.export.runtime.SigLabBlockFactory;
import siglab.export.runtime.SignaturePair;
import siglab.export.runtime.SignatureTranslatorFactory;
import siglab.export.runtime.Verdict;

/**
 * Writes a finished run's encoder as a DJL model directory that any Java application opens with
 * DJL's {@code Criteria}, without SigLab:
 * <pre>
 * serving.properties          engine, model name, block factory and translator factory (DJL's keys)
 * encoder-0000.params         the trained parameters, in DJL's format (Model.save)
 * siglab-model-VERSION.jar    the encoder's classes, SigLab's preprocessing and the translators
 * model.json                  run, encoder and its config, image settings, distance, threshold,
 *                             test metrics with pair counts, training data and its licence, provenance
 * README.md                   the same for people, and the Java that uses the model
 * </pre>
 * The jar holds the classes of {@code siglab.export.runtime} and every class they and the encoder's
 * factory need that neither the JDK nor DJL (its API, the MXNet engine and their dependencies)
 * provides, copied byte for byte from the bundles that ran the experiment, a plug-in's included;
 * {@link ClassClosure} finds them and refuses any that would tie the model to OSGi or to SigLab's
 * platform libraries.
 */
@Component(service = ModelExports.class)
public final class ModelExporter implements ModelExports {

    /** The parameter files' prefix, and {@code modelName} in serving.properties. */
    static final String MODEL_NAME = "encoder";
    static final String SERVING_PROPERTIES = "serving.properties";
    static final String README = "README.md";

    /** The exported jar's entry points; {@link ClassClosure} adds what they need. */
    static final List<Class<?>> RUNTIME = List.of(SigLabBlockFactory.class, SignatureTranslatorFactory.class,
            ExportedModel.class, SignaturePair.class, Verdict.class);

    /** DJL's Gson settings, pretty, and without escaping quotes and angle brackets for HTML. */
    private static final com.google.gson.Gson JSON = JsonUtils.builder().setPrettyPrinting().disableHtmlEscaping()
            .create();

    private final Experiments experiments;
    private final String version;

    @Activate
    public ModelExporter(@Reference Experiments experiments, BundleContext context) {
        this.experiments = experiments;
        this.version = context.getBundle().getVersion().toString();
    }

    /** The exported jar's file name: versioned with the SigLab that wrote it. */
    String jarName() {
        return "siglab-model-" + version + ".jar";
    }

    @Override
    public Path export(Path run, Path to, boolean zip) throws Exception {
        Path target = zip ? to.resolveSibling(to.getFileName() + ".zip") : to;
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists: choose another --to, or remove it");
        }
        if (!Files.isDirectory(run)) {
            throw new IllegalArgumentException("no such run folder: " + run);
        }
        String status = experiments.status(run);
        if (!status.equals("finished")) {
            throw new IllegalArgumentException(run + " has status '" + status + "', not finished: only a finished "
                    + "run has the trained encoder and the threshold an export needs");
        }
        JsonObject metrics = readJson(run.resolve("metrics.json"));
        JsonObject provenance = readJson(run.resolve("provenance.json"));
        Path parent = to.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + to.getFileName() + "-");
        try (TrainedEncoder trained = experiments.trainedEncoder(run)) {
            if (trained.learnedHead()) {
                throw new IllegalArgumentException(run + " scores pairs with its loss's learned head "
                        + "(model/head.params), not by a distance: export carries encoders scored by a distance only");
            }
            requireNoArgumentConstructor(trained);
            trained.model().save(staging, MODEL_NAME);
            writeJar(staging.resolve(jarName()), classes(trained), trained, run);
            JsonObject description = describe(trained, run, metrics, provenance);
            Files.writeString(staging.resolve(ExportedModel.FILE), JSON.toJson(description) + "\n");
            Files.writeString(staging.resolve(SERVING_PROPERTIES), servingProperties(trained, run));
            Files.writeString(staging.resolve(README), ModelReadme.of(description, jarName(), target.getFileName().toString()));
            readableByAll(staging, "rwxr-xr-x");
            if (zip) {
                Path archive = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
                try {
                    zip(staging, to.getFileName().toString(), archive);
                    readableByAll(archive, "rw-r--r--");
                    move(archive, target);
                } finally {
                    Files.deleteIfExists(archive);
                }
            } else {
                move(staging, target);
            }
            return target;
        } finally {
            deleteTree(staging);
        }
    }

    @Override
    public double[] verify(Path model, Path imageA, Path imageB) throws Exception {
        Path unpacked = null;
        Path directory = model;
        if (Files.isRegularFile(model) && model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            unpacked = Files.createTempDirectory("siglab-model-");
            directory = unzip(model, unpacked);
        }
        try {
            if (!Files.isRegularFile(directory.resolve(ExportedModel.FILE))) {
                throw new IllegalArgumentException(model + " is not a model written by 'siglab export' (no "
                        + directory.resolve(ExportedModel.FILE) + ")");
            }
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            }
            // The encoder's classes come from the model's jar; SigLab's own classes (the API types the
            // encoder implements, the preprocessing, the translators) from this bundle, which the jar's
            // copies are byte for byte.
            try (URLClassLoader encoderClasses = new URLClassLoader(jars.toArray(new URL[0]),
                    ModelExporter.class.getClassLoader())) {
                Criteria<SignaturePair, Verdict> criteria = Criteria.builder()
                        .setTypes(SignaturePair.class, Verdict.class)
                        .optModelPath(directory)
                        .optTranslatorFactory(new SignatureTranslatorFactory())
                        .optArgument("blockFactory", new SigLabBlockFactory(encoderClasses))
                        .build();
                try (ZooModel<SignaturePair, Verdict> loaded = criteria.loadModel();
                        Predictor<SignaturePair, Verdict> predictor = loaded.newPredictor()) {
                    Verdict verdict = predictor.predict(SignaturePair.of(imageA, imageB));
                    return new double[] {verdict.distance(), verdict.threshold()};
                }
            }
        } finally {
            if (unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    /** The classes of the jar: the runtime's and the encoder plug-in's, with all they need beyond DJL. */
    private Map<String, byte[]> classes(TrainedEncoder trained) throws IOException {
        Map<String, ClassLoader> origins = new HashMap<>();
        List<String> roots = new ArrayList<>();
        for (Class<?> type : RUNTIME) {
            roots.add(type.getName());
            origins.put(type.getName(), ModelExporter.class.getClassLoader());
        }
        Class<?> factory = trained.factory().getClass();
        for (Class<?> type : List.of(factory, trained.config().getClass())) {
            roots.add(type.getName());
            origins.put(type.getName(), type.getClassLoader());
        }
        String encoder = "the " + trained.type() + " encoder (" + factory.getName() + ")";
        ClassClosure.ClassSource source = (name, neededBy) -> {
            ClassLoader loader = origins.get(neededBy == null ? name : neededBy);
            String path = name.replace('.', '/') + ".class";
            URL url = loader.getResource(path);
            String who = neededBy == null ? name : neededBy + " (for " + encoder + ")";
            if (url == null) {
                throw new IllegalArgumentException(who + " needs " + name + ", which its bundle cannot find");
            }
            if (!carriable(name, url)) {
                throw new IllegalArgumentException(who + " needs " + name + " (from " + url + "), which is neither in "
                        + "DJL's API, the MXNet engine and their dependencies nor a SigLab or plug-in class: an "
                        + "exported model cannot carry it");
            }
            origins.put(name, loader);
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            }
        };
        return ClassClosure.of(roots, source, ClassClosure.libraries());
    }

    /**
     * Whether an exported jar may carry a class found at {@code url}: a class of a bundle (SigLab's
     * or a plug-in's; Felix's bundle content has {@code bundle...} URLs), except OSGi's own. A class
     * of the launcher's class path (the platform libraries, such as Jackson) may not be carried.
     */
    static boolean carriable(String className, URL url) {
        return url.getProtocol().startsWith("bundle") && !className.startsWith("org.osgi.");
    }

    /** The factory is made again by name outside SigLab: it needs a constructor without arguments. */
    private static void requireNoArgumentConstructor(TrainedEncoder trained) {
        try {
            trained.factory().getClass().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the " + trained.type() + " encoder's factory "
                    + trained.factory().getClass().getName() + " has no public constructor without arguments, "
                    + "which an exported model needs to build the encoder outside SigLab");
        }
    }

    private void writeJar(Path jar, Map<String, byte[]> classes, TrainedEncoder trained, Path run) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "SigLab " + version);
        main.putValue("Implementation-Title", "SigLab model: " + trained.experiment() + " " + run.getFileName()
                + " (" + trained.type() + " encoder)");
        main.putValue("Implementation-Version", version);
        main.putValue("Implementation-Vendor", "SigLab (GPL-3.0-or-later)");
        main.putValue("SigLab-Version", version);
        main.putValue("SigLab-Run", run.getFileName().toString());
        main.putValue("SigLab-Encoder", trained.factory().getClass().getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    private String servingProperties(TrainedEncoder trained, Path run) {
        return "# A SigLab model: run " + run.getFileName() + " of " + trained.experiment()
                + ". See model.json and README.md.\n"
                + "engine=" + trained.model().getNDManager().getEngine().getEngineName() + "\n"
                + "option.modelName=" + MODEL_NAME + "\n"
                + "blockFactory=" + SigLabBlockFactory.class.getName() + "\n"
                + "# DJL 0.36 reads the translator factory from Criteria (optTranslatorFactory), not from here.\n"
                + "translatorFactory=" + SignatureTranslatorFactory.class.getName() + "\n";
    }

    /** model.json: what the model is, where it came from, how well it did, and on what data. */
    private JsonObject describe(TrainedEncoder trained, Path run, JsonObject metrics, JsonObject provenance) {
        JsonObject document = new JsonObject();
        document.addProperty("format", ExportedModel.FORMAT);
        document.addProperty("exported", Instant.now().toString());

        JsonObject siglab = new JsonObject();
        siglab.addProperty("version", version);
        siglab.addProperty("jar", jarName());
        siglab.addProperty("licence", "GPL-3.0-or-later (the jar's SigLab classes); a plug-in's classes keep their own");
        document.add("siglab", siglab);

        JsonObject runInfo = new JsonObject();
        runInfo.addProperty("id", run.getFileName().toString());
        runInfo.addProperty("experiment", trained.experiment());
        runInfo.addProperty("folder", run.toAbsolutePath().normalize().toString());
        runInfo.addProperty("status", "finished");
        document.add("run", runInfo);

        Class<?> factory = trained.factory().getClass();
        JsonObject encoder = new JsonObject();
        encoder.addProperty("type", trained.type());
        encoder.addProperty("factory", factory.getName());
        org.osgi.framework.Bundle bundle = FrameworkUtil.getBundle(factory);
        if (bundle != null) {
            encoder.addProperty("bundle", bundle.getSymbolicName() + " " + bundle.getVersion());
        }
        encoder.add("config", JsonUtils.GSON.toJsonTree(trained.config()));
        Shape input = trained.image().inputShape();
        encoder.add("input_shape", JsonUtils.GSON.toJsonTree(input.getShape()));
        Shape output = trained.model().getBlock().getOutputShapes(new Shape[] {new Shape(1).addAll(input)})[0];
        encoder.addProperty("embedding", output.get(output.dimension() - 1));
        document.add("encoder", encoder);

        document.add("image", JsonUtils.GSON.toJsonTree(trained.image()));

        JsonObject scoring = new JsonObject();
        scoring.addProperty("distance", trained.distance().name());
        scoring.addProperty("distance_yaml", trained.distance().yamlName());
        scoring.add("threshold", required(metrics, "threshold", run));
        scoring.add("policy", required(metrics, "policy", run));
        copy(metrics, "threshold_chosen_on", scoring, "chosen_on");
        scoring.addProperty("decision", "similar when distance <= threshold");
        document.add("scoring", scoring);

        JsonObject test = new JsonObject();
        copy(metrics, "protocol", test, "protocol");
        copy(metrics, "epoch", test, "epoch");
        copy(metrics, "metrics", test, "metrics");
        document.add("test", test);

        JsonObject data = new JsonObject();
        data.addProperty("type", trained.datasetType());
        String licence = trained.dataset().dataLicence();
        data.addProperty("licence", licence != null ? licence
                : "not stated: the " + trained.datasetType() + " loader reads data a user brings; its owner's terms apply");
        JsonElement dataset = provenance.get("dataset");
        if (dataset != null && dataset.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : dataset.getAsJsonObject().entrySet()) {
                data.add(entry.getKey(), entry.getValue());
            }
        }
        document.add("training_data", data);

        JsonObject summary = new JsonObject();
        for (String key : List.of("siglab", "djl", "machine", "seed", "started", "ended", "seconds",
                "training_seconds", "best_epoch", "fold_group", "fold")) {
            copy(provenance, key, summary, key);
        }
        document.add("provenance", summary);

        JsonObject java = new JsonObject();
        java.addProperty("blockFactory", SigLabBlockFactory.class.getName());
        java.addProperty("translatorFactory", SignatureTranslatorFactory.class.getName());
        java.add("translations", JsonUtils.GSON.toJsonTree(List.of(
                "ai.djl.modality.cv.Image -> float[]", "java.nio.file.Path -> float[]",
                SignaturePair.class.getName() + " -> " + Verdict.class.getName())));
        document.add("java", java);

        document.addProperty("config", trained.yaml());
        return document;
    }

    private static JsonElement required(JsonObject object, String key, Path run) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException(run.resolve("metrics.json") + " has no " + key);
        }
        return value;
    }

    private static void copy(JsonObject from, String key, JsonObject to, String as) {
        JsonElement value = from.get(key);
        if (value != null && !value.isJsonNull()) {
            to.add(as, value.deepCopy());
        }
    }

    private static JsonObject readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "a finished run has it");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            return root.getAsJsonObject();
        }
    }

    /** Zips {@code folder}'s files under {@code name}/ into {@code archive}. */
    private static void zip(Path folder, String name, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream out = new ZipOutputStream(file);
                Stream<Path> files = Files.list(folder)) {
            for (Path path : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry(name + "/" + path.getFileName()));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }

    /** Unzips a model archive into {@code into}; returns the model folder (its one top folder, if any). */
    private static Path unzip(Path archive, Path into) throws IOException {
        Map<String, Boolean> tops = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(archive + ": entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
                tops.put(into.relativize(target).getName(0).toString(), Boolean.TRUE);
            }
        }
        if (tops.size() == 1 && Files.isDirectory(into.resolve(tops.keySet().iterator().next()))) {
            return into.resolve(tops.keySet().iterator().next());
        }
        return into;
    }

    /** A temporary file or folder is private to its owner; a model is for sharing. */
    private static void readableByAll(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
