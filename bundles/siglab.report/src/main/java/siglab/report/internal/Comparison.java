package siglab.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Runs side by side: one column per run (or per group of runs that differ only by seed or by
 * writer fold), the config values that differ between runs, then the key test metrics with the
 * best of each row marked. Built from config.yaml, metrics.json and provenance.json alone.
 */
final class Comparison {

    /** The config key that seed groups ignore. */
    static final String SEED = "seed";

    /** The config key of a run's writer fold: the folds of one config share a column too. */
    static final String FOLD = "dataset.split.fold";

    /** Which way a metric improves. */
    enum Better { LOWER, HIGHER, NEITHER }

    /** How a metric is written. */
    enum Format { PERCENT, DECIMAL, COUNT, SECONDS }

    /** One key number of a run. */
    record Measure(String label, ToDoubleFunction<RunFolder> value, Better better, Format format) {}

    /** The rows of key numbers, in table order. */
    static final List<Measure> MEASURES = List.of(
            new Measure("test EER", r -> r.metric("eer"), Better.LOWER, Format.PERCENT),
            new Measure("test AUC", r -> r.metric("auc"), Better.HIGHER, Format.DECIMAL),
            new Measure("test accuracy", r -> r.metric("accuracy"), Better.HIGHER, Format.PERCENT),
            new Measure("FAR", r -> r.metric("far"), Better.LOWER, Format.PERCENT),
            new Measure("FAR skilled", r -> r.metric("far_skilled"), Better.LOWER, Format.PERCENT),
            new Measure("FAR random", r -> r.metric("far_random"), Better.LOWER, Format.PERCENT),
            new Measure("FRR", r -> r.metric("frr"), Better.LOWER, Format.PERCENT),
            new Measure("threshold", RunFolder::threshold, Better.NEITHER, Format.DECIMAL),
            new Measure("test pairs", r -> r.metric("pairs"), Better.NEITHER, Format.COUNT),
            new Measure("training time", RunFolder::trainingSeconds, Better.LOWER, Format.SECONDS));

    /** A column: one run, or several runs that differ only by seed or writer fold. */
    record Column(String label, List<RunFolder> runs) {
        boolean group() {
            return runs.size() > 1;
        }

        /** What the runs of a group differ by: "seed", "writer fold" or "seed and writer fold". */
        String differsBy() {
            boolean seeds = runs.stream().map(r -> r.config().get(SEED)).distinct().count() > 1;
            boolean folds = runs.stream().map(r -> r.config().get(FOLD)).distinct().count() > 1;
            return seeds && folds ? "seed and writer fold" : folds ? "writer fold" : seeds ? "seed" : "nothing (one config)";
        }
    }

    /** One table cell: its text, the number it sorts by (NaN for text) and whether it is the row's best. */
    record Cell(String text, double value, boolean best) {}

    /** Whether a row holds a config value or a metric. */
    enum Section { CONFIG, METRIC }

    /** One table row. */
    record Row(String label, Section section, List<Cell> cells) {}

    private final List<RunFolder> runs;
    private final List<Column> columns;
    private final List<String> differingKeys;
    private final Map<String, String> sharedSettings;
    private final List<Row> rows = new ArrayList<>();

    private Comparison(List<RunFolder> runs, List<Column> columns, List<String> differingKeys,
            Map<String, String> sharedSettings) {
        this.runs = runs;
        this.columns = columns;
        this.differingKeys = differingKeys;
        this.sharedSettings = sharedSettings;
    }

    /**
     * Compares {@code runs}, in the given order.
     *
     * @param groupSeeds whether runs whose configs differ only by {@code seed} or by writer fold
     *     ({@code dataset.split.fold}) share a column
     */
    static Comparison of(List<RunFolder> runs, boolean groupSeeds) {
        List<String> keys = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        runs.forEach(run -> seen.addAll(run.config().keySet()));
        Map<String, String> shared = new LinkedHashMap<>();
        for (String key : seen) {
            Set<String> values = new LinkedHashSet<>();
            runs.forEach(run -> values.add(run.config().get(key)));
            if (values.size() > 1) {
                keys.add(key);
            } else {
                shared.put(key, values.iterator().next());
            }
        }

        boolean qualify = runs.stream().map(RunFolder::name).distinct().count() > 1;
        Map<Object, List<RunFolder>> groups = new LinkedHashMap<>();
        for (RunFolder run : runs) {
            Object key = run;
            if (groupSeeds && !run.config().isEmpty()) {
                Map<String, String> withoutSeed = new LinkedHashMap<>(run.config());
                withoutSeed.remove(SEED);
                withoutSeed.remove(FOLD);
                key = withoutSeed;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
        }
        List<Column> columns = new ArrayList<>();
        for (List<RunFolder> members : groups.values()) {
            RunFolder first = members.get(0);
            String label = (qualify ? first.name() + "/" : "") + first.id();
            columns.add(new Column(members.size() > 1 ? label + "+" + (members.size() - 1) : label, List.copyOf(members)));
        }

        Comparison comparison = new Comparison(List.copyOf(runs), List.copyOf(columns), List.copyOf(keys), shared);
        comparison.buildRows();
        return comparison;
    }

    private void buildRows() {
        for (String key : differingKeys) {
            List<Cell> cells = new ArrayList<>();
            for (Column column : columns) {
                Set<String> values = new LinkedHashSet<>();
                column.runs().forEach(run -> values.add(Objects.requireNonNullElse(run.config().get(key), "\u2014")));
                String text = String.join(", ", values);
                cells.add(new Cell(text, values.size() == 1 ? RunFolder.parse(text) : Double.NaN, false));
            }
            rows.add(new Row(key, Section.CONFIG, cells));
        }
        if (runs.stream().anyMatch(run -> !run.status().equals("finished"))) {
            List<Cell> cells = new ArrayList<>();
            for (Column column : columns) {
                Set<String> values = new LinkedHashSet<>();
                column.runs().forEach(run -> values.add(run.status()));
                cells.add(new Cell(String.join(", ", values), Double.NaN, false));
            }
            rows.add(new Row("status", Section.METRIC, cells));
        }
        for (Measure measure : MEASURES) {
            rows.add(measureRow(measure));
        }
    }

    private Row measureRow(Measure measure) {
        double[] means = new double[columns.size()];
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<RunFolder> members = columns.get(c).runs();
            double[] values = members.stream().mapToDouble(measure.value()).filter(v -> !Double.isNaN(v)).toArray();
            if (values.length == 0) {
                means[c] = Double.NaN;
                texts.add("n/a");
            } else if (members.size() == 1) {
                means[c] = values[0];
                texts.add(format(values[0], measure.format()));
            } else {
                double mean = mean(values);
                means[c] = mean;
                String text = format(mean, standardDeviation(values, mean), measure.format());
                texts.add(values.length < members.size() ? text + " (n=" + values.length + ")" : text);
            }
        }
        double best = Double.NaN;
        double first = Double.NaN;
        int valued = 0;
        boolean allEqual = true;
        for (double mean : means) {
            if (Double.isNaN(mean)) {
                continue;
            }
            if (valued == 0) {
                best = mean;
                first = mean;
            } else {
                allEqual &= mean == first;
                if (measure.better() == Better.LOWER ? mean < best : mean > best) {
                    best = mean;
                }
            }
            valued++;
        }
        boolean mark = measure.better() != Better.NEITHER && valued > 1 && !allEqual;
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cells.add(new Cell(texts.get(c), means[c], mark && means[c] == best));
        }
        return new Row(measure.label(), Section.METRIC, cells);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample standard deviation (n - 1); zero for a single value. */
    static double standardDeviation(double[] values, double mean) {
        if (values.length < 2) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    static String format(double value, Format format) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (format) {
            case PERCENT -> String.format(Locale.ROOT, "%.2f%%", 100 * value);
            case DECIMAL -> String.format(Locale.ROOT, "%.4f", value);
            case COUNT -> String.format(Locale.ROOT, "%d", Math.round(value));
            case SECONDS -> String.format(Locale.ROOT, "%.1f s", value);
        };
    }

    static String format(double mean, double sd, Format format) {
        return switch (format) {
            case PERCENT -> String.format(Locale.ROOT, "%.2f \u00b1 %.2f%%", 100 * mean, 100 * sd);
            case DECIMAL -> String.format(Locale.ROOT, "%.4f \u00b1 %.4f", mean, sd);
            case COUNT -> sd == 0 ? String.format(Locale.ROOT, "%d", Math.round(mean))
                    : String.format(Locale.ROOT, "%.1f \u00b1 %.1f", mean, sd);
            case SECONDS -> String.format(Locale.ROOT, "%.1f \u00b1 %.1f s", mean, sd);
        };
    }

    List<RunFolder> runs() {
        return runs;
    }

    List<Column> columns() {
        return columns;
    }

    /** Config keys whose values are not the same in every run, in config order. */
    List<String> differingKeys() {
        return differingKeys;
    }

    /** Config keys with the one value that every run shares. */
    Map<String, String> sharedSettings() {
        return sharedSettings;
    }

    List<Row> rows() {
        return rows;
    }

    /** Lines explaining grouped columns, for under a table. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Column column : columns) {
            if (column.group()) {
                notes.add(column.label() + ": mean \u00b1 SD of " + column.runs().size() + " runs that differ only by "
                        + column.differsBy() + ": " + String.join(", ", column.runs().stream().map(RunFolder::id).toList()));
            }
        }
        if (rows.stream().anyMatch(row -> row.cells().stream().anyMatch(Cell::best))) {
            notes.add("* best in its row (lowest EER, FAR, FRR and time; highest AUC and accuracy)");
        }
        return notes;
    }
}
