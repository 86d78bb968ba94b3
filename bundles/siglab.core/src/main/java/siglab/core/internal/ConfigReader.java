package siglab.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import siglab.core.ConfigException;
import siglab.core.ConfigProblem;

/**
 * Reads experiment YAML into a tree that remembers where every key came from: follows
 * {@code extends:} (paths relative to the including file, merged in order, lists replaced), then
 * applies command-line overrides ({@code dotted.path=yaml-value}).
 *
 * <p>YAML is parsed as data only (Jackson never constructs objects from tags), with a bound on
 * alias expansion and document size.
 */
final class ConfigReader {

    /** Where a key was written. */
    record Location(String source, int line, int column) {}

    /** A config tree and the location of every dotted key path in it. */
    record Located(ObjectNode tree, Map<String, Location> locations) {
        Location at(String path) {
            String p = path;
            while (!p.isEmpty()) {
                Location location = locations.get(p);
                if (location != null) {
                    return location;
                }
                int dot = p.lastIndexOf('.');
                p = dot < 0 ? "" : p.substring(0, dot);
            }
            return locations.getOrDefault("", new Location("config", 0, 0));
        }
    }

    static final String COMMAND_LINE = "command line";
    private static final int MAX_EXTENDS_DEPTH = 16;

    private final YAMLFactory yaml;

    ConfigReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(4 * 1024 * 1024);
        this.yaml = YAMLFactory.builder().loaderOptions(options).build();
    }

    /** Reads {@code file} with its bases and the overrides applied. */
    Located read(Path file, List<String> overrides) throws ConfigException, IOException {
        Map<String, Location> locations = new HashMap<>();
        ObjectNode tree = readWithBases(file.toAbsolutePath().normalize(), locations, new ArrayDeque<>());
        List<ConfigProblem> problems = new ArrayList<>();
        // Plug-in choices first, so that settings given beside them apply to the new plug-in.
        List<String> ordered = new ArrayList<>(overrides);
        ordered.sort(java.util.Comparator.comparing(o -> isSelector(o) ? 0 : 1));
        for (String override : ordered) {
            applyOverride(tree, locations, override, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        locations.putIfAbsent("", new Location(file.toString(), 0, 0));
        return new Located(tree, locations);
    }

    private ObjectNode readWithBases(Path file, Map<String, Location> locations, Deque<Path> chain)
            throws ConfigException, IOException {
        if (chain.contains(file)) {
            throw problem(file.toString(), 0, 0, "extends", "extends forms a cycle: " + chain + " -> " + file);
        }
        if (chain.size() > MAX_EXTENDS_DEPTH) {
            throw problem(file.toString(), 0, 0, "extends", "extends is nested more than " + MAX_EXTENDS_DEPTH + " deep");
        }
        if (!Files.isRegularFile(file)) {
            String from = chain.isEmpty() ? "" : " (named by extends in " + chain.peek() + ")";
            throw problem(file.toString(), 0, 0, "", "no such config file" + from);
        }
        Map<String, Location> own = new HashMap<>();
        ObjectNode tree = parse(file, own);
        JsonNode bases = tree.remove("extends");
        own.remove("extends");
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Map<String, Location> mergedLocations = new HashMap<>();
        if (bases != null) {
            List<String> baseNames = new ArrayList<>();
            if (bases.isTextual()) {
                baseNames.add(bases.asText());
            } else if (bases.isArray()) {
                bases.forEach(b -> baseNames.add(b.asText()));
            } else {
                throw problem(file.toString(), 0, 0, "extends", "extends takes a path or a list of paths");
            }
            chain.push(file);
            for (String base : baseNames) {
                Path basePath = file.getParent().resolve(base).normalize();
                ObjectNode baseTree = readWithBases(basePath, mergedLocations, chain);
                merge(merged, baseTree);
            }
            chain.pop();
        }
        merge(merged, tree);
        mergedLocations.putAll(own);
        locations.putAll(mergedLocations);
        return merged;
    }

    /** Keys that choose a plug-in: the settings beside them belong to that plug-in. */
    static final List<String> SELECTORS = List.of("type", "policy");

    /**
     * Deep-merges {@code overlay} into {@code base}: mappings merge, everything else is replaced. A
     * section whose plug-in changes (another {@code type:} or {@code policy:}) is replaced whole,
     * since the old plug-in's settings mean nothing to the new one.
     */
    static void merge(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject
                    && !selectsAnotherPlugin(existingObject, overlayObject)) {
                merge(existingObject, overlayObject);
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static boolean selectsAnotherPlugin(ObjectNode base, ObjectNode overlay) {
        for (String selector : SELECTORS) {
            if (overlay.has(selector) && base.has(selector) && !overlay.get(selector).equals(base.get(selector))) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode parse(Path file, Map<String, Location> locations) throws ConfigException, IOException {
        try (JsonParser parser = yaml.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (first != JsonToken.START_OBJECT) {
                throw problem(file.toString(), 1, 1, "", "an experiment config must be a mapping of keys to values");
            }
            return (ObjectNode) readNode(parser, file.toString(), "", locations);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw problem(file.toString(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private JsonNode readNode(JsonParser parser, String source, String path, Map<String, Location> locations)
            throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = f.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    String child = path.isEmpty() ? name : path + "." + name;
                    locations.put(child, new Location(source, at.getLineNr(), at.getColumnNr()));
                    parser.nextToken();
                    object.set(name, readNode(parser, source, child, locations));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = f.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readNode(parser, source, path + "[" + index++ + "]", locations));
                }
                return array;
            }
            case VALUE_STRING:
                return f.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return f.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return f.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return f.booleanNode(true);
            case VALUE_FALSE:
                return f.booleanNode(false);
            case VALUE_NULL:
                return f.nullNode();
            default:
                return f.textNode(parser.getText());
        }
    }

    private void applyOverride(ObjectNode tree, Map<String, Location> locations, String override,
            List<ConfigProblem> problems) throws IOException {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            problems.add(new ConfigProblem(COMMAND_LINE, 0, 0, override,
                    "an override is key.path=value, for example training.epochs=5"));
            return;
        }
        String path = override.substring(0, equals).trim();
        String text = override.substring(equals + 1);
        JsonNode value;
        try (JsonParser parser = yaml.createParser("v: " + text)) {
            parser.nextToken();
            ObjectNode wrapper = (ObjectNode) readNode(parser, COMMAND_LINE, "", new HashMap<>());
            value = wrapper.get("v");
        } catch (JsonProcessingException e) {
            problems.add(new ConfigProblem(COMMAND_LINE, 0, 0, path, "the value is not valid YAML: " + text));
            return;
        }
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                if (next != null && !next.isNull()) {
                    problems.add(new ConfigProblem(COMMAND_LINE, 0, 0, path,
                            String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " is a value, not a section"));
                    return;
                }
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        String last = parts[parts.length - 1];
        if (SELECTORS.contains(last) && node.has(last) && !node.get(last).equals(value)) {
            // Another plug-in: the settings of the one it replaces do not apply to it.
            String section = path.substring(0, path.length() - last.length());
            node.removeAll();
            locations.keySet().removeIf(k -> k.startsWith(section));
        }
        node.set(last, value);
        locations.put(path, new Location(COMMAND_LINE, 0, 0));
        locations.keySet().removeIf(k -> k.startsWith(path + "."));
    }

    private static boolean isSelector(String override) {
        int equals = override.indexOf('=');
        String path = equals < 0 ? override : override.substring(0, equals).trim();
        return SELECTORS.stream().anyMatch(selector -> path.equals(selector) || path.endsWith("." + selector));
    }

    private static ConfigException problem(String source, int line, int column, String path, String message) {
        return new ConfigException(List.of(new ConfigProblem(source, line, column, path, message)));
    }
}
