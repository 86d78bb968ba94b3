package siglab.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code siglab runs}: a table of runs with status, the settings that differ, and key metrics. */
@Command(name = "runs", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Lists runs: id, status, the config values that differ between them, and key test metrics.",
            "A run marked running whose process is gone is shown as 'died' (resume it with siglab resume)."},
        footer = {"", "Metrics are the verification result (threshold chosen on validation writers); the literature's",
            "optimistic figures (threshold chosen on the test pairs) sort and show as optimistic.accuracy,",
            "optimistic.eer and so on.", "", "Examples:", "  ./siglab runs",
            "  ./siglab runs --experiment quickstart --sort eer", "  ./siglab runs --sort optimistic.accuracy"})
final class RunsCommand implements Callable<Integer> {

    static final List<String> METRICS = List.of("eer", "auc", "accuracy", "far_skilled", "far_random", "frr", "pairs");

    /** The prefix of the figures of metrics.json's optimistic section (threshold chosen on the test pairs). */
    static final String OPTIMISTIC = "optimistic.";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiments", paramLabel = "DIR", defaultValue = "experiments",
            description = "Folder holding the runs (default: ${DEFAULT-VALUE}).")
    Path experiments;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Only the runs of this experiment.")
    String experiment;

    @Option(names = "--sort", paramLabel = "METRIC",
            description = "Sort by a metric (eer, auc, accuracy, far_skilled, frr..., or an optimistic one such as"
                    + " optimistic.accuracy), best first, and show it; default: by id.")
    String sort;

    RunsCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    /** One run folder as the table shows it. */
    record Row(String id, String status, double seconds, Map<String, String> config, Map<String, Double> metrics) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Row> rows = new ArrayList<>();
        if (Files.isDirectory(experiments)) {
            try (Stream<Path> names = Files.list(experiments)) {
                for (Path name : names.filter(Files::isDirectory).sorted().toList()) {
                    if (name.getFileName().toString().startsWith("_")
                            || experiment != null && !name.getFileName().toString().equals(experiment)) {
                        continue;
                    }
                    try (Stream<Path> runs = Files.list(name)) {
                        for (Path run : runs.filter(r -> Files.isRegularFile(r.resolve("provenance.json"))).sorted().toList()) {
                            rows.add(read(run));
                        }
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            out.println("no runs in " + experiments.toAbsolutePath()
                    + (experiment == null ? "" : " for experiment " + experiment));
            return 0;
        }
        if (sort != null) {
            String name = sort.startsWith(OPTIMISTIC) ? sort.substring(OPTIMISTIC.length()) : sort;
            boolean lowerIsBetter = name.startsWith("eer") || name.startsWith("far") || name.startsWith("frr");
            double worst = lowerIsBetter ? Double.MAX_VALUE : -Double.MAX_VALUE;
            // A run without the metric, or with NaN, sorts last either way.
            Comparator<Row> byMetric = Comparator.comparingDouble(r -> {
                Double value = r.metrics().get(sort);
                return value == null || value.isNaN() ? worst : value;
            });
            rows.sort(lowerIsBetter ? byMetric : byMetric.reversed());
        }
        // Only the settings that differ between the listed runs.
        TreeSet<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.addAll(r.config().keySet()));
        List<String> differing = keys.stream().filter(k -> rows.stream().map(r -> r.config().get(k)).distinct().count() > 1)
                .toList();
        List<String> header = new ArrayList<>(List.of("run", "status", "seconds"));
        header.addAll(differing);
        List<String> shown = new ArrayList<>(METRICS);
        if (sort != null && !shown.contains(sort)) {
            shown.add(sort);
        }
        header.addAll(shown);
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.id(), row.status(),
                    Double.isNaN(row.seconds()) ? "" : String.format(Locale.ROOT, "%.0f", row.seconds())));
            differing.forEach(k -> cells.add(row.config().getOrDefault(k, "")));
            for (String metric : shown) {
                Double value = row.metrics().get(metric);
                cells.add(value == null ? "" : metric.endsWith("pairs") ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.4f", value));
            }
            table.add(cells);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> cells : table) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        out.println(line(header, widths));
        table.forEach(cells -> out.println(line(cells, widths)));
        out.flush();
        return 0;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(i)));
            if (i < cells.size() - 1) {
                text.append("  ");
            }
        }
        return text.toString().stripTrailing();
    }

    private Row read(Path run) throws IOException {
        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        Map<String, String> config = new LinkedHashMap<>();
        if (Files.isRegularFile(run.resolve("config.yaml"))) {
            flatten("", YAML.readTree(run.resolve("config.yaml").toFile()), config);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (Files.isRegularFile(run.resolve("metrics.json"))) {
            JsonNode document = JSON.readTree(run.resolve("metrics.json").toFile());
            document.path("metrics").fields().forEachRemaining(
                    e -> metrics.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
            document.path("optimistic").fields().forEachRemaining(e -> {
                if (e.getValue().isNumber() || e.getValue().isNull()) {
                    metrics.put(OPTIMISTIC + e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
                }
            });
        }
        String id = run.getParent().getFileName() + "/" + run.getFileName();
        return new Row(id, owner.experiments.status(run), provenance.path("seconds").asDouble(Double.NaN), config, metrics);
    }

    static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            into.put(prefix, "[" + String.join(",", items) + "]");
        } else {
            into.put(prefix, node.asText());
        }
    }
}
