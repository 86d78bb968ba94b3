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

/**
 * {@code siglab runs}: a table of runs with status, the settings that differ, and key metrics. The
 * runs of a group of writer folds are listed together, in fold order, followed by the group's mean
 * ± SD as its summary (folds.json in the sweep's folder) gives it.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Lists runs: id, status, training-health warnings, the config values that differ between them,"
                + " and key test metrics.",
            "A run marked running whose process is gone is shown as 'died' (resume it with siglab resume).",
            "The health column names each check that warned, with the epoch of its first warning:"
                + " collapse@2 (the embeddings collapsed at epoch 2), below-untrained@1 (the evaluated encoder,"
                + " of epoch 1, is worse on validation than the untrained one).",
            "The runs of a group of writer folds are listed together, followed by a row with the group's",
            "mean \u00b1 SD (from the group's folds.json); --sort orders a group by its mean."},
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

    /** One run folder as the table shows it, with its writer fold and the group and sweep it ran in, if any. */
    record Row(String id, String status, double seconds, String health, Map<String, String> config,
            Map<String, Double> metrics, int fold, String group, String sweep) {}

    /** Rows listed together: one run, or the runs of a group of writer folds with their summary. */
    record Block(List<Row> rows, String group, JsonNode summary) {
        /** The value --sort orders by: the run's metric, or the group's mean; null when there is none. */
        Double sortValue(String metric) {
            if (group == null) {
                return rows.get(0).metrics().get(metric);
            }
            JsonNode mean = summary == null ? null : summary.path("mean").get(metric);
            return mean == null || !mean.isNumber() ? null : mean.asDouble();
        }
    }

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
        // The runs of a group of writer folds stay together, in fold order, where the first of them is.
        List<Block> blocks = new ArrayList<>();
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.group() == null) {
                blocks.add(new Block(List.of(row), null, null));
            } else if (!groups.containsKey(row.group())) {
                List<Row> members = new ArrayList<>();
                groups.put(row.group(), members);
                blocks.add(new Block(members, row.group(), summary(row)));
            }
            if (row.group() != null) {
                groups.get(row.group()).add(row);
            }
        }
        groups.values().forEach(members -> members.sort(Comparator.comparingInt(Row::fold)));
        if (sort != null) {
            String name = sort.startsWith(OPTIMISTIC) ? sort.substring(OPTIMISTIC.length()) : sort;
            boolean lowerIsBetter = name.startsWith("eer") || name.startsWith("far") || name.startsWith("frr");
            // A run without the metric, or with NaN, sorts last either way.
            double missing = lowerIsBetter ? Double.MAX_VALUE : -Double.MAX_VALUE;
            Comparator<Block> byMetric = Comparator.comparingDouble(b -> {
                Double value = b.sortValue(sort);
                return value == null || value.isNaN() ? missing : value;
            });
            blocks.sort(lowerIsBetter ? byMetric : byMetric.reversed());
        }
        // Only the settings that differ between the listed runs.
        TreeSet<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.addAll(r.config().keySet()));
        List<String> differing = keys.stream().filter(k -> rows.stream().map(r -> r.config().get(k)).distinct().count() > 1)
                .toList();
        List<String> header = new ArrayList<>(List.of("run", "status", "health", "seconds"));
        header.addAll(differing);
        List<String> shown = new ArrayList<>(METRICS);
        if (sort != null && !shown.contains(sort)) {
            shown.add(sort);
        }
        header.addAll(shown);
        List<List<String>> table = new ArrayList<>();
        for (Block block : blocks) {
            for (Row row : block.rows()) {
                List<String> cells = new ArrayList<>(List.of(row.id(), row.status(), row.health(),
                        Double.isNaN(row.seconds()) ? "" : String.format(Locale.ROOT, "%.0f", row.seconds())));
                differing.forEach(k -> cells.add(row.config().getOrDefault(k, "")));
                for (String metric : shown) {
                    Double value = row.metrics().get(metric);
                    cells.add(value == null ? "" : format(metric, value));
                }
                table.add(cells);
            }
            if (block.group() != null) {
                table.add(summaryCells(block, differing.size(), shown));
            }
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

    private static String format(String metric, double value) {
        return metric.startsWith("pairs") ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A group's row: its id, how many folds finished, and the mean \u00b1 SD of each metric from its summary. */
    private static List<String> summaryCells(Block block, int settings, List<String> shown) {
        JsonNode summary = block.summary();
        List<String> cells = new ArrayList<>();
        if (summary == null) {
            cells.add("folds " + block.group() + ": no summary yet (siglab compare --sweep "
                    + block.rows().get(0).sweep() + " writes it)");
            cells.add("");
        } else {
            cells.add("folds " + block.group() + ": mean \u00b1 SD");
            cells.add(summary.path("finished").asInt() + "/" + summary.path("folds").asInt() + " folds");
        }
        cells.add(""); // health: each fold's row has its own
        cells.add("");
        for (int i = 0; i < settings; i++) {
            cells.add("");
        }
        for (String metric : shown) {
            JsonNode mean = summary == null ? null : summary.path("mean").get(metric);
            JsonNode sd = summary == null ? null : summary.path("sd").get(metric);
            cells.add(mean == null || !mean.isNumber() ? "" : format(metric, mean.asDouble())
                    + (sd != null && sd.isNumber() ? " \u00b1 " + format(metric, sd.asDouble()) : ""));
        }
        return cells;
    }

    /** A group's entry in folds.json, in the folder of the sweep that ran it; null when not written yet. */
    private JsonNode summary(Row member) {
        if (member.sweep() == null) {
            return null;
        }
        Path file = experiments.resolve("_sweeps").resolve(member.sweep()).resolve("folds.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            for (JsonNode group : JSON.readTree(file.toFile()).path("groups")) {
                if (group.path("group").asText().equals(member.group())) {
                    return group;
                }
            }
        } catch (IOException e) {
            // An unreadable summary is shown as a missing one.
        }
        return null;
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
        JsonNode fold = provenance.path("fold");
        String group = fold.path("group").isTextual() ? fold.path("group").asText() : null;
        String sweep = provenance.path("sweep").isTextual() ? provenance.path("sweep").asText() : null;
        return new Row(id, owner.experiments.status(run), provenance.path("seconds").asDouble(Double.NaN),
                health(provenance), config, metrics, fold.path("index").asInt(0), group, sweep);
    }

    /**
     * The checks a run's training-health warnings came from (provenance.json "health"), each once,
     * with the epoch of its first warning: "collapse@2,below-untrained@1"; empty for a healthy run.
     */
    static String health(JsonNode provenance) {
        Map<String, Integer> firstEpoch = new LinkedHashMap<>();
        for (JsonNode warning : provenance.path("health")) {
            firstEpoch.putIfAbsent(warning.path("check").asText("?"), warning.path("epoch").asInt(0));
        }
        List<String> checks = new ArrayList<>();
        firstEpoch.forEach((check, epoch) -> checks.add(epoch > 0 ? check + "@" + epoch : check));
        return String.join(",", checks);
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
