package siglab.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import siglab.report.internal.Comparison.Cell;
import siglab.report.internal.Comparison.Format;

/**
 * One group of writer folds (the runs of one config whose test writers, fold by fold, cover every
 * writer once), summarised from the run folders alone: each fold's test figures at the threshold
 * chosen on its validation writers, with their pair counts, the mean and sample standard deviation
 * over the folds, the untrained encoder's figures on the same test writers beside them, and
 * whether every fold beat its untrained encoder. Runs name their group and fold in provenance.json.
 */
final class FoldSummary {

    /** One figure of a fold, read from its metrics.json (the test metrics, or the untrained encoder's). */
    record Figure(String key, String label, Format format) {}

    /** The test figures of each fold, in table order. */
    static final List<Figure> TEST = List.of(
            new Figure("eer", "test EER", Format.PERCENT),
            new Figure("auc", "test AUC", Format.DECIMAL),
            new Figure("far_skilled", "FAR skilled", Format.PERCENT),
            new Figure("far_random", "FAR random", Format.PERCENT),
            new Figure("frr", "FRR", Format.PERCENT),
            new Figure("accuracy", "accuracy", Format.PERCENT),
            new Figure("threshold", "threshold", Format.DECIMAL));

    /** The pair counts behind the test figures. */
    static final List<Figure> PAIRS = List.of(
            new Figure("pairs", "test pairs", Format.COUNT),
            new Figure("pairs_genuine", "genuine pairs", Format.COUNT),
            new Figure("pairs_skilled", "skilled pairs", Format.COUNT),
            new Figure("pairs_random", "random pairs", Format.COUNT));

    /** The untrained encoder's figures on the same test writers (metrics.json "untrained"). */
    static final List<Figure> UNTRAINED = TEST.subList(0, 6);

    /** The file a group's summary is written to, in the sweep's folder. */
    static final String FILE = "folds.json";

    private final String group;
    private final int folds;
    private final TreeMap<Integer, RunFolder> runs;

    private FoldSummary(String group, int folds, TreeMap<Integer, RunFolder> runs) {
        this.group = group;
        this.folds = folds;
        this.runs = runs;
    }

    /**
     * The groups of writer folds among {@code runs}, in the order they first appear; runs of no
     * group are left out. Where a fold has several runs (a fold run again), the last finished one
     * in the given order counts.
     */
    static List<FoldSummary> groups(List<RunFolder> runs) {
        Map<String, FoldSummary> groups = new LinkedHashMap<>();
        for (RunFolder run : runs) {
            String group = run.foldGroup();
            if (group == null || run.fold() < 1) {
                continue;
            }
            FoldSummary summary = groups.computeIfAbsent(group, g -> new FoldSummary(g, run.folds(), new TreeMap<>()));
            RunFolder before = summary.runs.get(run.fold());
            if (before == null || run.status().equals("finished") || !before.status().equals("finished")) {
                summary.runs.put(run.fold(), run);
            }
        }
        return List.copyOf(groups.values());
    }

    String group() {
        return group;
    }

    int folds() {
        return folds;
    }

    /** The experiment's name. */
    String name() {
        return runs.firstEntry().getValue().name();
    }

    /** The finished run of each fold that has one, by fold. */
    Map<Integer, RunFolder> finished() {
        Map<Integer, RunFolder> finished = new TreeMap<>();
        runs.forEach((fold, run) -> {
            if (run.status().equals("finished")) {
                finished.put(fold, run);
            }
        });
        return finished;
    }

    /** The folds with no finished run. */
    List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int fold = 1; fold <= folds; fold++) {
            if (!finished().containsKey(fold)) {
                missing.add(fold);
            }
        }
        return missing;
    }

    boolean complete() {
        return missing().isEmpty();
    }

    static double value(RunFolder run, Figure figure) {
        return figure.key().equals("threshold") ? run.threshold() : run.metric(figure.key());
    }

    /** A figure of each finished fold, in fold order; NaN where a run lacks it. */
    double[] values(Figure figure, boolean untrained) {
        return finished().values().stream()
                .mapToDouble(run -> untrained ? run.untrainedMetric(figure.key()) : value(run, figure)).toArray();
    }

    /** Mean and sample standard deviation (n - 1) of a figure over the finished folds that have it. */
    double[] meanAndSd(Figure figure, boolean untrained) {
        double[] values = java.util.Arrays.stream(values(figure, untrained)).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = Comparison.mean(values);
        return new double[] {mean, Comparison.standardDeviation(values, mean)};
    }

    /** Whether a fold's test EER is below its untrained encoder's; null when either is unknown. */
    static Boolean beatsUntrained(RunFolder run) {
        double trained = run.metric("eer");
        double untrained = run.untrainedMetric("eer");
        return Double.isNaN(trained) || Double.isNaN(untrained) ? null : trained < untrained;
    }

    /** True when every fold finished and has a lower test EER than its untrained encoder. */
    boolean everyFoldBeatsUntrained() {
        return complete() && finished().values().stream().allMatch(run -> Boolean.TRUE.equals(beatsUntrained(run)));
    }

    /** One line: whether every fold beat its untrained encoder, and if not, which did not. */
    String verdict() {
        List<String> losers = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        finished().forEach((fold, run) -> {
            Boolean beats = beatsUntrained(run);
            if (beats == null) {
                unknown.add("fold " + fold);
            } else if (!beats) {
                losers.add(String.format(Locale.ROOT, "fold %d (%s vs %s untrained)", fold,
                        Comparison.format(run.metric("eer"), Format.PERCENT),
                        Comparison.format(run.untrainedMetric("eer"), Format.PERCENT)));
            }
        });
        String line = "every fold beat its untrained encoder (lower test EER): ";
        if (!losers.isEmpty()) {
            return line + "no; these did not: " + String.join(", ", losers);
        }
        if (!complete() || !unknown.isEmpty()) {
            List<String> open = new ArrayList<>(missing().stream().map(f -> "fold " + f + " did not finish").toList());
            unknown.forEach(f -> open.add(f + " has no untrained figures"));
            return line + "not known; " + String.join(", ", open);
        }
        return line + "yes";
    }

    /** A heading line: the experiment, the group and how many folds finished. */
    String title() {
        int done = finished().size();
        return "writer folds of " + name() + " (group " + group + "): " + (done == folds ? "all " + folds + " folds"
                : done + " of " + folds + " folds finished, the mean is over those");
    }

    /**
     * The table: a row per figure (test figures, pair counts, the untrained encoder's figures, and
     * whether the fold beat it), a column per fold and one for the mean ± SD.
     */
    TableFormats.Grid grid() {
        List<String> header = new ArrayList<>();
        for (int fold = 1; fold <= folds; fold++) {
            header.add("fold " + fold);
        }
        header.add("mean \u00b1 SD");
        List<String> labels = new ArrayList<>();
        List<List<Cell>> cells = new ArrayList<>();
        List<Integer> breaks = new ArrayList<>();
        Map<Integer, RunFolder> finished = finished();
        for (List<Figure> section : List.of(TEST, PAIRS, UNTRAINED)) {
            boolean untrained = section == UNTRAINED;
            if (!labels.isEmpty()) {
                breaks.add(labels.size());
            }
            for (Figure figure : section) {
                labels.add(untrained ? "untrained " + figure.label() : figure.label());
                List<Cell> row = new ArrayList<>();
                for (int fold = 1; fold <= folds; fold++) {
                    RunFolder run = finished.get(fold);
                    double value = run == null ? Double.NaN : untrained ? run.untrainedMetric(figure.key()) : value(run, figure);
                    row.add(new Cell(run == null ? "\u2014" : Comparison.format(value, figure.format()), value, false));
                }
                double[] meanAndSd = meanAndSd(figure, untrained);
                row.add(new Cell(Double.isNaN(meanAndSd[0]) ? "n/a"
                        : Comparison.format(meanAndSd[0], meanAndSd[1], figure.format()), meanAndSd[0], false));
                cells.add(row);
            }
        }
        breaks.add(labels.size());
        labels.add("EER below untrained");
        List<Cell> row = new ArrayList<>();
        int beaten = 0;
        for (int fold = 1; fold <= folds; fold++) {
            RunFolder run = finished.get(fold);
            Boolean beats = run == null ? null : beatsUntrained(run);
            beaten += Boolean.TRUE.equals(beats) ? 1 : 0;
            row.add(new Cell(run == null ? "\u2014" : beats == null ? "n/a" : beats ? "yes" : "no", Double.NaN, false));
        }
        row.add(new Cell(beaten + " of " + folds, beaten, false));
        cells.add(row);
        return new TableFormats.Grid("", header, labels, cells, breaks);
    }

    /** The terminal form: title, table and verdict. */
    String text() {
        return title() + "\n" + TableFormats.text(grid()) + verdict() + "\n";
    }

    /**
     * The summary as JSON-ready maps: per fold its run and figures, then the mean and SD of each
     * figure over the finished folds, for the test and for the untrained encoder.
     *
     * @param point the sweep point's overrides that the group ran with, or null when unknown
     */
    Map<String, Object> json(List<String> point) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", group);
        json.put("experiment", name());
        if (point != null) {
            json.put("point", point);
        }
        json.put("folds", folds);
        json.put("finished", finished().size());
        json.put("complete", complete());
        json.put("missing", missing());
        List<Map<String, Object>> perFold = new ArrayList<>();
        finished().forEach((fold, run) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fold", fold);
            entry.put("run", run.path().toString());
            entry.put("test", figures(run, false));
            entry.put("untrained", figures(run, true));
            entry.put("eer_below_untrained", beatsUntrained(run));
            perFold.add(entry);
        });
        json.put("runs", perFold);
        json.put("mean", summary(false, 0));
        json.put("sd", summary(false, 1));
        json.put("untrained_mean", summary(true, 0));
        json.put("untrained_sd", summary(true, 1));
        double total = java.util.Arrays.stream(values(PAIRS.get(0), false)).filter(v -> !Double.isNaN(v)).sum();
        json.put("test_pairs_total", Math.round(total));
        json.put("sd_is", "the sample standard deviation (n - 1) over the finished folds");
        json.put("every_fold_beats_untrained", everyFoldBeatsUntrained());
        json.put("verdict", verdict());
        return json;
    }

    private static Map<String, Object> figures(RunFolder run, boolean untrained) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Figure figure : untrained ? UNTRAINED : concat(TEST, PAIRS)) {
            double value = untrained ? run.untrainedMetric(figure.key()) : value(run, figure);
            figures.put(figure.key(), Double.isNaN(value) ? null : value);
        }
        return figures;
    }

    private Map<String, Object> summary(boolean untrained, int which) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Figure figure : untrained ? UNTRAINED : concat(TEST, PAIRS)) {
            double value = meanAndSd(figure, untrained)[which];
            summary.put(figure.key(), Double.isNaN(value) ? null : value);
        }
        return summary;
    }

    private static List<Figure> concat(List<Figure> a, List<Figure> b) {
        List<Figure> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
