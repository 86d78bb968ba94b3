package siglab.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siglab.api.Configurable;
import siglab.api.model.Distance;
import siglab.core.ConfigException;
import siglab.core.ConfigProblem;
import siglab.core.Kind;
import siglab.core.Plugins;
import siglab.data.image.ImageSettings;

/**
 * Binds a config tree to the plug-ins and config records it names, collecting every problem in one
 * pass: unknown keys (with the nearest valid key), wrong types, values out of range, missing
 * values and unknown types (with the installed ones).
 */
final class ConfigBinder {

    static final List<String> TOP_LEVEL = List.of("name", "description", "seed", "dataset", "image", "pairs",
            "encoder", "loss", "training", "distance", "threshold", "metrics", "plots", "reports", "validation", "sweep");

    /** Kebab-case binding, unknown keys rejected, no nulls written back. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final Plugins plugins;
    private final ConfigReader.Located located;
    private final Map<String, String> recordedInitDigests;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigBinder(Plugins plugins, ConfigReader.Located located) {
        this(plugins, located, Map.of());
    }

    /**
     * @param recordedInitDigests for a config.yaml read from a run folder: the SHA-256 that run
     *     recorded for its encoder.init parameter file, by origin path (see {@link EncoderInit})
     */
    ConfigBinder(Plugins plugins, ConfigReader.Located located, Map<String, String> recordedInitDigests) {
        this.plugins = plugins;
        this.located = located;
        this.recordedInitDigests = recordedInitDigests;
    }

    @SuppressWarnings("unchecked")
    BoundExperiment bind(String defaultName) throws ConfigException {
        ObjectNode root = located.tree();
        checkKeys(root, "", TOP_LEVEL);

        String name = root.path("name").asText(defaultName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            problem("name", "name may hold letters, digits, '.', '_' and '-' only (it names a folder), was '" + name + "'");
        }
        long seed = 42;
        JsonNode seedNode = root.get("seed");
        if (seedNode != null && !seedNode.canConvertToLong()) {
            problem("seed", "seed must be an integer, was '" + seedNode.asText() + "'");
        } else if (seedNode != null) {
            seed = seedNode.asLong();
        }

        ObjectNode datasetNode = section(root, "dataset");
        SplitConfig split = bindRecord(datasetNode.remove("split"), "dataset.split", SplitConfig.class);
        JsonNode skip = datasetNode.remove("skip-unreadable");
        var dataset = bindPlugin(datasetNode, "dataset", "type", Kind.DATASET, "synthetic");
        ImageSettings image = bindRecord(root.get("image"), "image", ImageSettings.class);
        PairsConfig pairs = bindRecord(root.get("pairs"), "pairs", PairsConfig.class);
        ObjectNode encoderNode = section(root, "encoder");
        EncoderInit encoderInit = encoderInit(encoderNode.remove(EncoderInit.KEY));
        var encoder = bindPlugin(encoderNode, "encoder", "type", Kind.ENCODER, null);
        var training = bindPlugin(section(root, "training"), "training", "type", Kind.TRAINING, "triplets");
        // A loop with an objective of its own takes no loss: a loss section is then ignored, not bound.
        boolean usesLoss = !(training.plugin() instanceof siglab.api.model.TrainingLoop<?> loop)
                || training.config() == null || usesLoss(loop, training.config());
        BoundExperiment.Bound<Object> loss = null;
        String ignoredLoss = null;
        if (usesLoss) {
            loss = bindPlugin(section(root, "loss"), "loss", "type", Kind.LOSS, "triplet");
        } else if (root.hasNonNull("loss")) {
            ignoredLoss = root.path("loss").path("type").asText("");
        }
        var threshold = bindPlugin(section(root, "threshold"), "threshold", "policy", Kind.THRESHOLD, "eer");
        ValidationConfig validation = bindRecord(root.get("validation"), "validation", ValidationConfig.class);

        Distance distance = Distance.EUCLIDEAN;
        JsonNode distanceNode = root.get("distance");
        if (distanceNode != null) {
            String text = distanceNode.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                distance = Distance.valueOf(text);
            } catch (IllegalArgumentException e) {
                problem("distance", "unknown distance '" + distanceNode.asText() + "'; choose one of "
                        + String.join(", ", java.util.Arrays.stream(Distance.values()).map(Distance::yamlName).toList()));
            }
        }
        List<String> metrics = typeList(root, "metrics", Kind.METRIC);
        List<String> plots = typeList(root, "plots", Kind.PLOT);
        List<String> reports = typeList(root, "reports", Kind.REPORT);
        java.util.Map<String, List<String>> sweep = sweepSection(root.get("sweep"));

        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing(ConfigProblem::source).thenComparingInt(ConfigProblem::line)
                    .thenComparingInt(ConfigProblem::column));
            throw new ConfigException(problems);
        }

        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        resolved.put("name", name);
        if (root.has("description")) {
            resolved.set("description", root.get("description"));
        }
        resolved.put("seed", seed);
        ObjectNode datasetOut = withType("type", dataset);
        datasetOut.set("split", MAPPER.valueToTree(split));
        datasetOut.put("skip-unreadable", skip != null && skip.asBoolean());
        resolved.set("dataset", datasetOut);
        resolved.set("image", MAPPER.valueToTree(image));
        resolved.set("pairs", MAPPER.valueToTree(pairs));
        ObjectNode encoderOut = withType("type", encoder);
        if (encoderInit != null) {
            ObjectNode withInit = JsonNodeFactory.instance.objectNode();
            withInit.put("type", encoder.type());
            withInit.put(EncoderInit.KEY, encoderInit.run().toString());
            withInit.setAll(encoderOut);
            encoderOut = withInit;
        }
        resolved.set("encoder", encoderOut);
        if (loss != null) {
            resolved.set("loss", withType("type", loss));
        }
        resolved.set("training", withType("type", training));
        resolved.put("distance", distance.yamlName());
        resolved.set("threshold", withType("policy", threshold));
        resolved.set("validation", MAPPER.valueToTree(validation));
        ArrayNode metricsOut = resolved.putArray("metrics");
        metrics.forEach(metricsOut::add);
        ArrayNode plotsOut = resolved.putArray("plots");
        plots.forEach(plotsOut::add);
        ArrayNode reportsOut = resolved.putArray("reports");
        reports.forEach(reportsOut::add);
        String yaml;
        try {
            yaml = YAML.writeValueAsString(resolved);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new BoundExperiment(name, seed,
                (BoundExperiment.Bound<siglab.api.data.DatasetLoader<Record>>) (Object) dataset, split,
                skip != null && skip.asBoolean(), image, pairs,
                (BoundExperiment.Bound<siglab.api.model.EncoderFactory<Record>>) (Object) encoder,
                (BoundExperiment.Bound<siglab.api.model.LossFactory<Record>>) (Object) loss,
                (BoundExperiment.Bound<siglab.api.model.TrainingLoop<Record>>) (Object) training, distance,
                (BoundExperiment.Bound<siglab.api.eval.ThresholdPolicy<Record>>) (Object) threshold,
                metrics, plots, reports, validation, resolved, yaml, sweep, encoderInit, ignoredLoss);
    }

    @SuppressWarnings("unchecked")
    private static boolean usesLoss(siglab.api.model.TrainingLoop<?> loop, Record config) {
        return ((siglab.api.model.TrainingLoop<Record>) loop).usesLoss(config);
    }

    /** encoder.init: a path to a finished run folder, checked when the run starts (see {@link EncoderInit}). */
    private EncoderInit encoderInit(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem("encoder." + EncoderInit.KEY, "encoder.init takes the path of a finished run folder, got '"
                    + node + "'");
            return null;
        }
        return EncoderInit.of(node.asText().strip(), recordedInitDigests);
    }

    private static ObjectNode withType(String key, BoundExperiment.Bound<?> bound) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(key, bound.type());
        if (bound.config() != null) {
            ObjectNode values = MAPPER.valueToTree(bound.config());
            node.setAll(values);
        }
        return node;
    }

    /** The sweep section: dotted keys to lists of values, kept as YAML text for the overrides. */
    private java.util.Map<String, List<String>> sweepSection(JsonNode node) {
        java.util.Map<String, List<String>> sweep = new java.util.LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return sweep;
        }
        if (!node.isObject()) {
            problem("sweep", "sweep maps dotted keys to lists of values, e.g. sweep: {loss.margin: [0.5, 1.0]}");
            return sweep;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                problem("sweep." + field.getKey(), "a sweep key takes a non-empty list of values");
                continue;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : field.getValue()) {
                try {
                    values.add(value.isTextual() ? value.asText() : com.fasterxml.jackson.databind.json.JsonMapper
                            .builder().build().writeValueAsString(value));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            sweep.put(field.getKey(), values);
        }
        return sweep;
    }

    private ObjectNode section(ObjectNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            problem(key, key + " must be a mapping of keys to values");
            return JsonNodeFactory.instance.objectNode();
        }
        return ((ObjectNode) node).deepCopy();
    }

    private BoundExperiment.Bound<Object> bindPlugin(ObjectNode node, String path, String typeKey, Kind kind,
            String defaultType) {
        JsonNode typeNode = node.remove(typeKey);
        String type = typeNode == null || typeNode.isNull() ? defaultType : typeNode.asText();
        if (type == null) {
            problem(path + "." + typeKey, "missing: say which " + kind.label() + " to use; installed: "
                    + installed(kind));
            return new BoundExperiment.Bound<>(null, null, null);
        }
        Object plugin = plugins.find(kind, type).orElse(null);
        if (plugin == null) {
            String nearest = ConfigRecords.nearest(type, plugins.types(kind));
            problem(path + "." + typeKey, "unknown " + kind.label() + " type '" + type + "'"
                    + (nearest == null ? "" : " (did you mean '" + nearest + "'?)") + "; installed: " + installed(kind));
            return new BoundExperiment.Bound<>(type, null, null);
        }
        Record config = null;
        if (plugin instanceof Configurable<?> configurable) {
            config = bindRecord(node, path, configurable.configType());
        } else if (node.size() > 0) {
            problem(path + "." + node.fieldNames().next(), kind.label() + " '" + type + "' takes no settings");
        }
        return new BoundExperiment.Bound<>(type, plugin, config);
    }

    private String installed(Kind kind) {
        List<String> types = plugins.types(kind);
        return types.isEmpty() ? "none" : String.join(", ", types);
    }

    private List<String> typeList(ObjectNode root, String key, Kind kind) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return plugins.types(kind);
        }
        List<String> result = new ArrayList<>();
        if (!node.isArray()) {
            problem(key, key + " must be a list, for example [" + String.join(", ", plugins.types(kind)) + "]");
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            String type = node.get(i).asText();
            if (plugins.find(kind, type).isEmpty()) {
                String nearest = ConfigRecords.nearest(type, plugins.types(kind));
                problem(key + "[" + i + "]", "unknown " + kind.label() + " type '" + type + "'"
                        + (nearest == null ? "" : " (did you mean '" + nearest + "'?)") + "; installed: " + installed(kind));
            } else {
                result.add(type);
            }
        }
        return result;
    }

    /** Binds a node to a record, reporting unknown keys (all of them) and constructor failures. */
    <R> R bindRecord(JsonNode node, String path, Class<R> type) {
        JsonNode source = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
        if (!source.isObject()) {
            problem(path, path + " must be a mapping of keys to values");
            source = JsonNodeFactory.instance.objectNode();
        }
        int before = problems.size();
        checkRecordKeys((ObjectNode) source, path, type);
        checkValueTypes((ObjectNode) source, path, type);
        if (problems.size() > before) {
            return null;
        }
        try {
            return MAPPER.treeToValue(source, type);
        } catch (JsonMappingException e) {
            String where = path;
            for (JsonMappingException.Reference reference : e.getPath()) {
                if (reference.getFieldName() != null) {
                    where = where + "." + reference.getFieldName();
                } else if (reference.getIndex() >= 0) {
                    where = where + "[" + reference.getIndex() + "]";
                }
            }
            String message = explain(e);
            if (e instanceof ValueInstantiationException) {
                // A record's own validation names its key first ("batch must be ..."): point at that key.
                String first = message.split("[ :,]", 2)[0];
                if (ConfigRecords.keys(type).contains(first)) {
                    where = where + "." + first;
                }
            }
            problem(where, message);
            return null;
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem(path, e.getOriginalMessage());
            return null;
        }
    }

    private static String explain(JsonMappingException e) {
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            return cause == null ? e.getOriginalMessage() : cause.getMessage();
        }
        if (e instanceof InvalidFormatException format) {
            return "expected " + typeWord(format.getTargetType()) + ", got '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + typeWord(mismatched.getTargetType());
        }
        return e.getOriginalMessage();
    }

    private static String typeWord(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    /**
     * Checks each value against its component's type on its own, so that every wrong type of a
     * section is reported, not only the first one the binder meets.
     */
    private void checkValueTypes(ObjectNode node, String path, Class<?> type) {
        if (!type.isRecord()) {
            return;
        }
        for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
            String key = ConfigRecords.kebab(component.getName());
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (component.getType().isRecord()) {
                if (value.isObject()) {
                    checkValueTypes((ObjectNode) value, path + "." + key, component.getType());
                } else {
                    problem(path + "." + key, "expected a mapping, got '" + value.asText() + "'");
                }
                continue;
            }
            try {
                MAPPER.treeToValue(value, MAPPER.constructType(component.getGenericType()));
            } catch (JsonMappingException e) {
                problem(path + "." + key, explain(e));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                problem(path + "." + key, "expected " + typeWord(component.getType()));
            }
        }
    }

    private void checkRecordKeys(ObjectNode node, String path, Class<?> type) {
        List<String> keys = ConfigRecords.keys(type);
        checkKeys(node, path, keys);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Class<?> nested = ConfigRecords.nestedRecord(type, field.getKey());
            if (nested != null && field.getValue().isObject()) {
                checkRecordKeys((ObjectNode) field.getValue(), path + "." + field.getKey(), nested);
            }
        }
    }

    private void checkKeys(ObjectNode node, String path, List<String> valid) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!valid.contains(key)) {
                String nearest = ConfigRecords.nearest(key, valid);
                String full = path.isEmpty() ? key : path + "." + key;
                problem(full, "unknown key '" + key + "'"
                        + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                        + "; valid keys: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
            }
        }
    }

    private void problem(String path, String message) {
        ConfigReader.Location at = located.at(path);
        problems.add(new ConfigProblem(at.source(), at.line(), at.column(), path, message));
    }
}
