package siglab.core.internal;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code encoder.init: RUN_FOLDER}: the encoder starts from the trained parameters of a finished
 * run ({@code model/encoder.params}) instead of random values, for example to fine-tune on CEDAR
 * an encoder pretrained on synthetic writers.
 *
 * <p>The origin must be a finished run of the same encoder type whose parameters have the shapes
 * this config's encoder has; otherwise the error names the encoder keys whose values differ
 * between the two configs. The SHA-256 of the parameter file is recorded in provenance; a run
 * that is resumed or repeated from its stored config.yaml refuses a file whose digest has changed
 * since.
 *
 * @param run the origin run folder, absolute
 * @param recordedSha256 the digest this config's run recorded when it started (for a config.yaml
 *     read from a run folder), or null for a new experiment
 */
record EncoderInit(Path run, String recordedSha256) {

    /** The key of the encoder section, valid for every encoder type. */
    static final String KEY = siglab.core.Kind.ENCODER_INIT.key();

    /** What provenance records of the origin, as checked. */
    record Origin(Path run, Path file, String sha256, String experiment, JsonNode encoder, JsonNode image) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("run", run.toString());
            map.put("run_id", run.getFileName().toString());
            map.put("experiment", experiment);
            map.put("encoder", RunFiles.JSON.convertValue(encoder, Map.class));
            map.put("image", RunFiles.JSON.convertValue(image, Map.class));
            map.put("file", file.toString());
            map.put("sha256", sha256);
            return map;
        }
    }

    /** The init of a config: {@code text} resolved against the working folder. */
    static EncoderInit of(String text, Map<String, String> recorded) {
        Path run = Path.of(text).toAbsolutePath().normalize();
        return new EncoderInit(run, recorded.get(run.toString()));
    }

    /**
     * The digests a run folder's provenance recorded for its encoder init, by origin path: what
     * a config.yaml read from that folder (resume, rerun) must find again. Empty elsewhere.
     */
    static Map<String, String> recordedDigests(Path configFile) {
        Path provenance = configFile.toAbsolutePath().getParent().resolve(RunFiles.PROVENANCE);
        if (!configFile.getFileName().toString().equals(RunFiles.CONFIG) || !Files.isRegularFile(provenance)) {
            return Map.of();
        }
        try {
            JsonNode init = RunFiles.JSON.readTree(provenance.toFile()).path("encoder_init");
            if (init.hasNonNull("run") && init.hasNonNull("sha256")) {
                return Map.of(init.get("run").asText(), init.get("sha256").asText());
            }
        } catch (IOException unreadable) {
            // A provenance that cannot be read records nothing to compare with.
        }
        return Map.of();
    }

    /**
     * Checks the origin without loading anything: a finished run folder with encoder parameters,
     * of this encoder type, whose parameter file is the one recorded (if any).
     *
     * @param resolved this experiment's resolved config
     * @throws IllegalArgumentException naming encoder.init and the folder, saying what is wrong
     */
    Origin check(ObjectNode resolved) throws IOException {
        String where = "encoder.init: " + run;
        if (!Files.isDirectory(run)) {
            throw new IllegalArgumentException(where + " is not a folder");
        }
        Path config = run.resolve(RunFiles.CONFIG);
        Path provenance = run.resolve(RunFiles.PROVENANCE);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(provenance)) {
            throw new IllegalArgumentException(where + " is not a run folder (no config.yaml or provenance.json)");
        }
        String status = ExperimentRunner.statusOf(run);
        if (!status.equals("finished")) {
            throw new IllegalArgumentException(where + " has not finished (status " + status
                    + "): only a finished run's encoder can start another");
        }
        Path file = run.resolve(RunFiles.MODEL).resolve("encoder.params");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + " has no " + RunFiles.MODEL + "/encoder.params");
        }
        JsonNode originConfig = ConfigBinder.YAML.readTree(config.toFile());
        JsonNode originEncoder = originConfig.path("encoder");
        String originType = originEncoder.path("type").asText();
        String type = resolved.path("encoder").path("type").asText();
        if (!originType.equals(type)) {
            throw new IllegalArgumentException(where + " trained a " + originType + " encoder; this config builds a "
                    + type + " encoder (set encoder.type=" + originType + " with its settings, or another init)");
        }
        String sha256 = sha256(file);
        if (recordedSha256 != null && !recordedSha256.equals(sha256)) {
            throw new IllegalArgumentException("encoder.init: " + file + " has changed since this run started from it"
                    + " (SHA-256 " + sha256 + ", recorded " + recordedSha256 + "); its encoder would not start from"
                    + " the same parameters");
        }
        return new Origin(run, file, sha256, originConfig.path("name").asText(), originEncoder,
                originConfig.path("image"));
    }

    /**
     * Loads the origin's parameters into {@code model}'s initialised encoder, after checking that
     * every parameter keeps its shape.
     *
     * @throws IllegalArgumentException when the parameters do not fit, naming the encoder keys
     *     (and image size) that differ between the origin's config and this one
     */
    void load(Model model, Origin origin, ObjectNode resolved) throws IOException {
        Block block = model.getBlock();
        List<String> names = new ArrayList<>();
        List<Shape> before = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            names.add(parameter.getKey());
            before.add(parameter.getValue().getArray().getShape());
        }
        String mismatch = null;
        try (InputStream file = Files.newInputStream(origin.file());
                DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            block.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                mismatch = "the file holds more parameters than this encoder has";
            }
        } catch (IOException | RuntimeException | ai.djl.MalformedModelException failure) {
            mismatch = "they cannot be read into this encoder (" + failure.getMessage() + ")";
        }
        if (mismatch == null) {
            int i = 0;
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                Shape after = parameter.getValue().getArray().getShape();
                if (!after.equals(before.get(i))) {
                    mismatch = "parameter " + names.get(i) + " is " + after + " there and " + before.get(i) + " here";
                    break;
                }
                i++;
            }
        }
        if (mismatch != null) {
            throw new IllegalArgumentException("encoder.init: the parameters of " + run + " do not fit this encoder: "
                    + mismatch + "; " + differences(origin, resolved));
        }
    }

    /** Checks the origin and loads it into a throwaway encoder, so that a misfit fails before any work. */
    void verify(BoundExperiment e) throws IOException {
        Origin origin = check(e.resolved());
        try (Model model = Model.newInstance("encoder-init-check")) {
            ExperimentRunner.newEncoder(e, model);
            load(model, origin, e.resolved());
        }
    }

    /** The encoder keys (and image size) whose values differ between the origin's config and this one. */
    static String differences(Origin origin, ObjectNode resolved) {
        Map<String, String> there = flatten(origin.encoder());
        Map<String, String> here = flatten(resolved.path("encoder"));
        List<String> differing = new ArrayList<>();
        for (String key : new TreeSet<>(union(there.keySet(), here.keySet()))) {
            if (key.equals(KEY) || key.equals("type")) {
                continue;
            }
            String a = there.getOrDefault(key, "(none)");
            String b = here.getOrDefault(key, "(none)");
            if (!a.equals(b)) {
                differing.add("encoder." + key + " " + a + " there, " + b + " here");
            }
        }
        String sizeThere = origin.image().path("height").asText() + "x" + origin.image().path("width").asText();
        String sizeHere = resolved.path("image").path("height").asText() + "x"
                + resolved.path("image").path("width").asText();
        if (!sizeThere.equals(sizeHere)) {
            differing.add("image " + sizeThere + " there, " + sizeHere + " here");
        }
        return differing.isEmpty() ? "the encoder settings and image size are the same (has the encoder plug-in"
                + " changed since?)" : "differing settings: " + String.join("; ", differing);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(node, "", flat);
        return flat;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> flat) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(field.getValue(), prefix + field.getKey() + ".", flat);
            }
        } else if (!prefix.isEmpty()) {
            flat.put(prefix.substring(0, prefix.length() - 1), node.isTextual() ? node.asText() : node.toString());
        }
    }

    static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(Provenance.digest(file));
    }
}
