package siglab.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One stored run folder, read lazily: each file is parsed on first use, so that a comparison of
 * many runs touches only the files its output needs. Every file is optional: a missing or
 * unreadable file reads as empty and is noted in {@link #problems()}, because a run that died
 * keeps only what it had.
 */
final class RunFolder {

    static final String CONFIG = "config.yaml";
    static final String PROVENANCE = "provenance.json";
    static final String METRICS = "metrics.json";
    static final String HISTORY = "history.csv";
    static final String TEST_SCORES = "scores/test.csv";
    static final String PLOTS = "plots";
    static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path path;
    private final List<String> problems = new ArrayList<>();
    private String configText;
    private Map<String, String> config;
    private JsonNode provenance;
    private JsonNode metricsDocument;
    private Csv history;
    private Scores testScores;

    RunFolder(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /** The run id: the folder's name. */
    String id() {
        return path.getFileName().toString();
    }

    /** The experiment's name from provenance or config, else the parent folder's name. */
    String name() {
        String name = provenance().path("name").asText("");
        if (name.isEmpty()) {
            name = config().getOrDefault("name", "");
        }
        if (name.isEmpty() && path.getParent() != null) {
            name = path.getParent().getFileName().toString();
        }
        return name;
    }

    /** finished, failed, running, or unknown when provenance.json is missing. */
    String status() {
        return provenance().path("status").asText("unknown");
    }

    /** config.yaml as written, or null when missing. */
    String configText() {
        if (configText == null && Files.isRegularFile(path.resolve(CONFIG))) {
            try {
                configText = Files.readString(path.resolve(CONFIG), StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(CONFIG + ": " + e.getMessage());
            }
        }
        return configText;
    }

    /** config.yaml flattened to dotted keys in file order; lists of scalars read as [a, b]. */
    Map<String, String> config() {
        if (config == null) {
            config = new LinkedHashMap<>();
            String text = configText();
            if (text != null) {
                try {
                    flatten("", YAML.readTree(text), config);
                } catch (IOException e) {
                    problems.add(CONFIG + ": " + e.getMessage());
                }
            }
        }
        return config;
    }

    JsonNode provenance() {
        if (provenance == null) {
            provenance = readJson(PROVENANCE);
        }
        return provenance;
    }

    /** metrics.json: threshold, policy and the test metrics; a missing node when absent. */
    JsonNode metricsDocument() {
        if (metricsDocument == null) {
            metricsDocument = readJson(METRICS);
        }
        return metricsDocument;
    }

    /** A test metric by name, or NaN when the run has none. */
    double metric(String key) {
        return number(metricsDocument().path("metrics").path(key));
    }

    /** A metric of the untrained encoder on the same test writers (metrics.json "untrained"), or NaN. */
    double untrainedMetric(String key) {
        return number(metricsDocument().path("untrained").path("metrics").path(key));
    }

    /** The writer fold this run tested on (provenance "fold"), or 0 when it ran no fold. */
    int fold() {
        return provenance().path("fold").path("index").asInt(0);
    }

    /** The number of writer folds of this run's group, or 0 when it ran no fold. */
    int folds() {
        return provenance().path("fold").path("folds").asInt(0);
    }

    /** The id of the group of writer folds this run belongs to, or null when it belongs to none. */
    String foldGroup() {
        JsonNode group = provenance().path("fold").path("group");
        return group.isTextual() && !group.asText().isBlank() ? group.asText() : null;
    }

    /** The test metrics in file order. */
    Map<String, Double> metrics() {
        Map<String, Double> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = metricsDocument().path("metrics").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.put(field.getKey(), number(field.getValue()));
        }
        return result;
    }

    double threshold() {
        return number(metricsDocument().path("threshold"));
    }

    /**
     * The section {@code optimistic} of metrics.json: the figures with the threshold chosen on the
     * test pairs themselves (an upper bound, as SigNet reports); a missing node for runs written
     * before it existed.
     */
    JsonNode optimistic() {
        return metricsDocument().path("optimistic");
    }

    /** An optimistic figure by name, or NaN when the run has none. */
    double optimistic(String key) {
        return number(optimistic().path(key));
    }

    String thresholdPolicy() {
        return metricsDocument().path("policy").asText("");
    }

    /** Seconds spent training, from provenance; NaN when the run did not get that far. */
    double trainingSeconds() {
        return number(provenance().path("training_seconds"));
    }

    /** One training-health warning of provenance.json's "health" list. */
    record HealthWarning(String check, int epoch, String message) {}

    /**
     * The training-health warnings the run recorded (collapse, below the untrained encoder), in
     * the order they arose; empty for a healthy run and for runs older than the list.
     */
    List<HealthWarning> health() {
        List<HealthWarning> warnings = new ArrayList<>();
        for (JsonNode entry : provenance().path("health")) {
            warnings.add(new HealthWarning(entry.path("check").asText(""), entry.path("epoch").asInt(0),
                    entry.path("message").asText("")));
        }
        return warnings;
    }

    /** history.csv; empty when missing. */
    Csv history() {
        if (history == null) {
            history = Csv.EMPTY;
            Path file = path.resolve(HISTORY);
            if (Files.isRegularFile(file)) {
                try {
                    history = Csv.read(file);
                } catch (IOException | RuntimeException e) {
                    problems.add(HISTORY + ": " + e.getMessage());
                }
            }
        }
        return history;
    }

    /** The kinds and distances of the test pairs; empty when missing. */
    Scores testScores() {
        if (testScores == null) {
            testScores = Scores.EMPTY;
            Path file = path.resolve(TEST_SCORES);
            if (Files.isRegularFile(file)) {
                try {
                    testScores = Scores.read(file);
                } catch (IOException | RuntimeException e) {
                    problems.add(TEST_SCORES + ": " + e.getMessage());
                }
            }
        }
        return testScores;
    }

    /** The PNG files in plots/, sorted by name. */
    List<Path> plots() {
        Path folder = path.resolve(PLOTS);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add(PLOTS + ": " + e.getMessage());
            return List.of();
        }
    }

    /** Files that exist but could not be read, with the reason. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private JsonNode readJson(String name) {
        Path file = path.resolve(name);
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(name + ": " + e.getMessage());
            return MissingNode.getInstance();
        }
    }

    static double number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            boolean scalars = true;
            for (JsonNode element : node) {
                scalars &= element.isValueNode();
            }
            if (scalars) {
                List<String> values = new ArrayList<>();
                node.forEach(element -> values.add(element.asText()));
                out.put(prefix, "[" + String.join(", ", values) + "]");
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), out);
                }
            }
        } else if (!prefix.isEmpty()) {
            out.put(prefix, node.isNull() ? "null" : node.asText());
        }
    }

    /** A small CSV table: a header and rows of cells, quoted cells allowed. */
    record Csv(List<String> header, List<List<String>> rows) {
        static final Csv EMPTY = new Csv(List.of(), List.of());

        static Csv read(Path file) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = reader.readLine();
                if (first == null) {
                    return EMPTY;
                }
                List<String> header = split(first);
                List<List<String>> rows = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        rows.add(split(line));
                    }
                }
                return new Csv(header, rows);
            }
        }

        int column(String name) {
            return header.indexOf(name);
        }

        /** The numbers of one column, NaN where a cell is empty or not a number; empty if absent. */
        double[] numbers(String name) {
            int column = column(name);
            if (column < 0) {
                return new double[0];
            }
            double[] values = new double[rows.size()];
            for (int i = 0; i < values.length; i++) {
                List<String> row = rows.get(i);
                values[i] = column < row.size() ? parse(row.get(column)) : Double.NaN;
            }
            return values;
        }
    }

    /** The test pairs reduced to what curves need: whether each is genuine, and its distance. */
    record Scores(boolean[] genuine, double[] distance, int skilled, int random) {
        static final Scores EMPTY = new Scores(new boolean[0], new double[0], 0, 0);

        int size() {
            return distance.length;
        }

        int genuineCount() {
            int count = 0;
            for (boolean g : genuine) {
                count += g ? 1 : 0;
            }
            return count;
        }

        static Scores read(Path file) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = reader.readLine();
                if (first == null) {
                    return EMPTY;
                }
                List<String> header = split(first);
                int kindColumn = header.indexOf("kind");
                int distanceColumn = header.indexOf("distance");
                if (kindColumn < 0 || distanceColumn < 0) {
                    throw new IOException("no kind or distance column in " + file.getFileName());
                }
                boolean[] genuine = new boolean[1024];
                double[] distance = new double[1024];
                int size = 0;
                int skilled = 0;
                int random = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<String> cells = split(line);
                    if (size == distance.length) {
                        genuine = java.util.Arrays.copyOf(genuine, size * 2);
                        distance = java.util.Arrays.copyOf(distance, size * 2);
                    }
                    String kind = cells.get(kindColumn);
                    genuine[size] = kind.equalsIgnoreCase("genuine");
                    skilled += kind.equalsIgnoreCase("skilled") ? 1 : 0;
                    random += kind.equalsIgnoreCase("random") ? 1 : 0;
                    distance[size] = parse(cells.get(distanceColumn));
                    size++;
                }
                return new Scores(java.util.Arrays.copyOf(genuine, size), java.util.Arrays.copyOf(distance, size),
                        skilled, random);
            }
        }
    }

    static double parse(String text) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Splits one CSV line; the fast path skips quote handling when the line has no quotes. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        if (line.indexOf('"') < 0) {
            int start = 0;
            for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', start)) {
                cells.add(line.substring(start, i));
                start = i + 1;
            }
            cells.add(line.substring(start));
            return cells;
        }
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
