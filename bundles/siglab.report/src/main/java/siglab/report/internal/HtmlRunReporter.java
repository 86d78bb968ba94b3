package siglab.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Reporter;

/**
 * Writes {@code report.html}: one static page with a run's key metrics and the pair counts behind
 * them, the confusion matrix, the history, every plot, the config and the provenance. It reads
 * only the run folder and shows whatever is there, so a failed run (no metrics.json) still gets a
 * page that says how far it came.
 */
@Component(service = Reporter.class, property = {SigLab.TYPE + "=html",
    SigLab.DESCRIPTION + "=Static HTML page of a run (report.html): metrics, confusion matrix, history, plots, config, provenance."})
public class HtmlRunReporter implements Reporter {

    /** The rates shown first, each with the metrics.json key of the pair count behind it. */
    static final List<KeyMetric> KEY_METRICS = List.of(
            new KeyMetric("eer", "EER (test ROC)", "pairs", true),
            new KeyMetric("auc", "AUC", "pairs", false),
            new KeyMetric("accuracy", "Accuracy", "pairs", true),
            new KeyMetric("balanced_accuracy", "Balanced accuracy", "pairs", true),
            new KeyMetric("far", "FAR (all forgeries)", "pairs_negative", true),
            new KeyMetric("far_skilled", "FAR skilled", "pairs_skilled", true),
            new KeyMetric("far_random", "FAR random", "pairs_random", true),
            new KeyMetric("frr", "FRR", "pairs_genuine", true));

    /** Metrics shown elsewhere on the page (confusion counts, pair counts), not in "other". */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("tp", "fp", "tn", "fn", "pairs", "pairs_genuine",
            "pairs_negative", "pairs_skilled", "pairs_random", "eer_threshold");

    /** What the standard plots show, for alt text and captions. */
    static final Map<String, String> PLOT_DESCRIPTIONS = Map.of(
            "loss", "Training loss per epoch",
            "accuracy", "Validation triplet accuracy per epoch",
            "means", "Mean anchor-positive and anchor-negative distances per epoch",
            "quartiles", "Quartiles of validation distances per epoch",
            "confusion", "Confusion matrix of test pairs at the chosen threshold",
            "roc", "ROC curve of test pairs",
            "det", "DET curve of test pairs on normal-deviate axes",
            "distances", "Distributions of test pair distances by kind");

    /** One headline rate. */
    record KeyMetric(String key, String label, String pairsKey, boolean rate) {}

    @Override
    public Path report(Path folder) throws IOException {
        RunFolder run = new RunFolder(folder);
        Path file = run.path().resolve(RunFolder.REPORT);
        Html.write(file, page(run));
        return file;
    }

    String page(RunFolder run) {
        StringBuilder page = new StringBuilder(32 * 1024);
        String title = run.name() + " \u2014 run " + run.id();
        Html.open(page, title + " (" + run.status() + ")");
        header(page, run);
        health(page, run);
        metrics(page, run);
        confusion(page, run);
        history(page, run);
        plots(page, run);
        config(page, run);
        provenance(page, run);
        List<String> problems = run.problems();
        if (!problems.isEmpty()) {
            page.append("<h2 id=\"problems\">Unreadable files</h2>\n<ul>\n");
            problems.forEach(p -> page.append("<li>").append(Html.escape(p)).append("</li>\n"));
            page.append("</ul>\n");
        }
        page.append("<p class=\"note\">Written by SigLab from the files of this run folder; ")
                .append("the page loads nothing from the network.</p>\n");
        Html.close(page);
        return page.toString();
    }

    private static void header(StringBuilder page, RunFolder run) {
        JsonNode provenance = run.provenance();
        String status = run.status();
        page.append("<h1>").append(Html.escape(run.name())).append(" <span class=\"note\">run ")
                .append(Html.escape(run.id())).append("</span> <span class=\"status status-")
                .append(Html.escape(status.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))).append("\">")
                .append(Html.escape(status)).append("</span>");
        int warnings = run.health().size();
        if (warnings > 0) {
            page.append(" <a class=\"status status-warning\" href=\"#health\">").append(warnings)
                    .append(warnings == 1 ? " health warning" : " health warnings").append("</a>");
        }
        page.append("</h1>\n<p class=\"sub\">");
        List<String> facts = new ArrayList<>();
        if (provenance.hasNonNull("started")) {
            facts.add("started " + provenance.get("started").asText());
        }
        if (provenance.hasNonNull("seconds")) {
            facts.add("took " + Html.number(provenance.get("seconds").asDouble()) + " s");
        }
        if (provenance.hasNonNull("seed")) {
            facts.add("seed " + provenance.get("seed").asText());
        }
        facts.add("folder " + run.path());
        page.append(Html.escape(String.join(" \u00b7 ", facts))).append("</p>\n");
        page.append("<nav class=\"note\"><a href=\"#metrics\">Metrics</a> \u00b7 <a href=\"#confusion\">Confusion matrix</a>"
                + " \u00b7 <a href=\"#history\">History</a> \u00b7 <a href=\"#plots\">Plots</a>"
                + " \u00b7 <a href=\"#config\">Config</a> \u00b7 <a href=\"#provenance\">Provenance</a></nav>\n");
        if (provenance.hasNonNull("error")) {
            page.append("<p class=\"error\"><strong>The run failed:</strong> ")
                    .append(Html.escape(provenance.get("error").asText())).append("</p>\n");
        }
    }

    /** The run's training-health warnings, right under the title, so that no one reads the metrics without them. */
    private static void health(StringBuilder page, RunFolder run) {
        List<RunFolder.HealthWarning> warnings = run.health();
        if (warnings.isEmpty()) {
            return;
        }
        page.append("<section class=\"warning\" id=\"health\" role=\"alert\">\n<h2>Training health: ")
                .append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings").append("</h2>\n<ul>\n");
        for (RunFolder.HealthWarning warning : warnings) {
            page.append("<li><strong>").append(Html.escape(warning.check())).append("</strong>");
            if (warning.epoch() > 0) {
                page.append(" (epoch ").append(warning.epoch()).append(")");
            }
            page.append(": ").append(Html.escape(warning.message())).append("</li>\n");
        }
        page.append("</ul>\n<p class=\"note\">The metrics below are those of this encoder; see README,"
                + " \"Training health\", for what each check means.</p>\n</section>\n");
    }

    private static void metrics(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"metrics\">Test metrics</h2>\n");
        JsonNode document = run.metricsDocument();
        if (document.isMissingNode()) {
            page.append("<p class=\"note\">No metrics.json: this run did not reach evaluation (status ")
                    .append(Html.escape(run.status())).append(").</p>\n");
            return;
        }
        Map<String, Double> metrics = run.metrics();
        page.append("<div class=\"cards\">\n");
        for (KeyMetric key : KEY_METRICS) {
            if (!metrics.containsKey(key.key()) || key.key().equals("balanced_accuracy") || key.key().equals("far")) {
                continue;
            }
            double value = metrics.get(key.key());
            page.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(key.label()))
                    .append("</div><div class=\"value\">").append(key.rate() ? Html.percent(value) : Html.number(value))
                    .append("</div><div class=\"pairs\">").append(Html.number(metrics.getOrDefault(key.pairsKey(), Double.NaN)))
                    .append(" pairs</div></div>\n");
        }
        page.append("</div>\n");

        page.append("<p>Threshold <strong>").append(Html.number(run.threshold())).append("</strong>, policy <strong>")
                .append(Html.escape(run.thresholdPolicy())).append("</strong>");
        if (document.hasNonNull("threshold_chosen_on")) {
            page.append(", chosen on ").append(Html.escape(document.get("threshold_chosen_on").asText()));
        }
        if (document.hasNonNull("epoch")) {
            page.append("; encoder of epoch ").append(Html.escape(document.get("epoch").asText()));
        }
        page.append(".</p>\n");
        protocols(page, run);

        page.append("<h3>All test metrics at the threshold chosen without the test pairs</h3>\n");
        page.append("<table>\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Value</th>"
                + "<th scope=\"col\">Pairs</th></tr></thead>\n<tbody>\n");
        Set<String> listed = new LinkedHashSet<>(SHOWN_ELSEWHERE);
        for (KeyMetric key : KEY_METRICS) {
            if (!metrics.containsKey(key.key())) {
                continue;
            }
            listed.add(key.key());
            double value = metrics.get(key.key());
            page.append("<tr><th scope=\"row\">").append(Html.escape(key.label())).append("</th><td class=\"num\">")
                    .append(key.rate() ? Html.percent(value) : Html.number(value)).append("</td><td class=\"num\">")
                    .append(Html.number(metrics.getOrDefault(key.pairsKey(), Double.NaN))).append("</td></tr>\n");
        }
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            if (!listed.contains(metric.getKey())) {
                page.append("<tr><th scope=\"row\">").append(Html.escape(metric.getKey().replace('_', ' ')))
                        .append("</th><td class=\"num\">").append(Html.number(metric.getValue()))
                        .append("</td><td class=\"num\"></td></tr>\n");
            }
        }
        page.append("</tbody>\n</table>\n");
        JsonNode untrained = document.path("untrained");
        if (untrained.isObject() && untrained.size() > 0) {
            page.append("<details><summary>Before training: the untrained encoder on the same test writers, all figures"
                    + "</summary>\n");
            json(page, untrained, 0);
            page.append("</details>\n");
        }
    }

    /** The sentence under the protocol table: why the two rows differ. */
    static final String PROTOCOLS_NOTE = "The verification row decides every test pair at a threshold fixed before the"
            + " test writers were seen, as a deployed verifier must; the optimistic row chooses the threshold on the test"
            + " pairs themselves (the best accuracy over all thresholds, and the EER where FAR meets FRR), as SigNet"
            + " (Dey et al. 2017) and most published CEDAR figures do, so it is an upper bound, not a verification result.";

    /**
     * Both protocols side by side: the verification result at the threshold chosen without the test
     * pairs, and the optimistic figures with the threshold chosen on them; the same two rows for the
     * untrained encoder when the run has them.
     */
    private static void protocols(StringBuilder page, RunFolder run) {
        JsonNode document = run.metricsDocument();
        page.append("<h3 id=\"protocols\">Both protocols</h3>\n<table class=\"protocols\">\n<thead><tr>");
        for (String column : List.of("Protocol", "Threshold chosen on", "Threshold", "Accuracy", "EER", "FAR skilled",
                "FAR random", "FRR", "Pairs")) {
            page.append("<th scope=\"col\">").append(column).append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        protocolRows(page, document, "");
        JsonNode untrained = document.path("untrained");
        if (untrained.isObject() && untrained.has("metrics")) {
            protocolRows(page, untrained, ", untrained encoder");
        }
        page.append("</tbody>\n</table>\n<p class=\"note\">").append(Html.escape(PROTOCOLS_NOTE));
        if (!document.path("optimistic").isObject()) {
            page.append(" This run was evaluated before SigLab wrote the optimistic figures: <code>siglab eval RUN</code>"
                    + " computes both.");
        }
        page.append("</p>\n");
    }

    /** The verification and optimistic rows of one evaluation (the run's, or its untrained encoder's). */
    private static void protocolRows(StringBuilder page, JsonNode evaluation, String suffix) {
        JsonNode metrics = evaluation.path("metrics");
        protocolRow(page, "Verification" + suffix, evaluation.path("threshold_chosen_on").asText(""),
                RunFolder.number(evaluation.path("threshold")), RunFolder.number(metrics.path("accuracy")), null,
                metrics, RunFolder.number(metrics.path("pairs")), null);
        JsonNode optimistic = evaluation.path("optimistic");
        if (optimistic.isObject()) {
            protocolRow(page, "Optimistic" + suffix, optimistic.path("threshold_chosen_on").asText(""),
                    RunFolder.number(optimistic.path("threshold")), RunFolder.number(optimistic.path("accuracy")),
                    optimistic, optimistic, RunFolder.number(optimistic.path("pairs")),
                    optimistic.path("unavailable").asText(null));
        }
    }

    /**
     * One row of the protocol table.
     *
     * @param eer the node holding eer and eer_threshold, or null for a protocol that has no EER of its own
     * @param rates the node holding far_skilled, far_random and frr
     */
    private static void protocolRow(StringBuilder page, String label, String chosenOn, double threshold,
            double accuracy, JsonNode eer, JsonNode rates, double pairs, String unavailable) {
        page.append("<tr><th scope=\"row\">").append(Html.escape(label)).append("</th><td>")
                .append(Html.escape(chosenOn));
        if (unavailable != null) {
            page.append(" <span class=\"note\">(").append(Html.escape(unavailable)).append(")</span>");
        }
        page.append("</td><td class=\"num\">").append(Html.number(threshold)).append("</td><td class=\"num\">")
                .append(Html.percent(accuracy)).append("</td><td class=\"num\">");
        if (eer == null) {
            page.append("<span class=\"note\" title=\"an EER is read where FAR meets FRR on the test pairs: it belongs"
                    + " to the optimistic row\">\u2014</span>");
        } else {
            page.append(Html.percent(RunFolder.number(eer.path("eer"))));
            double at = RunFolder.number(eer.path("eer_threshold"));
            if (!Double.isNaN(at)) {
                page.append(" <span class=\"note\">at ").append(Html.number(at)).append("</span>");
            }
        }
        page.append("</td>");
        for (String rate : List.of("far_skilled", "far_random", "frr")) {
            page.append("<td class=\"num\">").append(Html.percent(RunFolder.number(rates.path(rate)))).append("</td>");
        }
        page.append("<td class=\"num\">").append(Html.number(pairs)).append("</td></tr>\n");
    }

    private static void confusion(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"confusion\">Confusion matrix</h2>\n");
        String table = confusionTable(run, "Test pairs at threshold " + Html.number(run.threshold()));
        page.append(table == null ? "<p class=\"note\">No confusion counts: this run has no test metrics.</p>\n" : table);
    }

    /**
     * The confusion matrix of a run's test pairs as a table (genuine is the positive class), or
     * null when metrics.json has no counts.
     */
    static String confusionTable(RunFolder run, String caption) {
        double tp = run.metric("tp");
        double fn = run.metric("fn");
        double fp = run.metric("fp");
        double tn = run.metric("tn");
        if (Double.isNaN(tp) || Double.isNaN(fn) || Double.isNaN(fp) || Double.isNaN(tn)) {
            return null;
        }
        StringBuilder table = new StringBuilder();
        table.append("<table class=\"confusion\">\n<caption>").append(Html.escape(caption)).append("</caption>\n")
                .append("<thead><tr><th scope=\"col\">Actual \\ decided</th><th scope=\"col\">Accepted (genuine)</th>"
                        + "<th scope=\"col\">Rejected (forgery)</th></tr></thead>\n<tbody>\n");
        confusionRow(table, "Genuine pairs", tp, fn, true);
        confusionRow(table, "Forgery pairs", fp, tn, false);
        table.append("</tbody>\n</table>\n");
        return table.toString();
    }

    private static void confusionRow(StringBuilder table, String label, double accepted, double rejected, boolean genuine) {
        double total = accepted + rejected;
        table.append("<tr><th scope=\"row\">").append(label).append(" (").append(Html.number(total)).append(")</th>");
        cellOf(table, accepted, total, genuine);
        cellOf(table, rejected, total, !genuine);
        table.append("</tr>\n");
    }

    private static void cellOf(StringBuilder table, double count, double total, boolean correct) {
        table.append("<td class=\"num").append(correct ? " best" : "").append("\">").append(Html.number(count))
                .append(" <span class=\"note\">(").append(Html.percent(total == 0 ? Double.NaN : count / total))
                .append(")</span></td>");
    }

    private static void history(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"history\">History</h2>\n");
        RunFolder.Csv history = run.history();
        if (history.rows().isEmpty()) {
            page.append("<p class=\"note\">No history: no epoch finished.</p>\n");
            return;
        }
        JsonNode best = run.provenance().path("best_epoch");
        page.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (String column : history.header()) {
            page.append("<th scope=\"col\">").append(Html.escape(column.replace('_', ' '))).append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        int epochColumn = history.column("epoch");
        for (List<String> row : history.rows()) {
            boolean isBest = epochColumn >= 0 && epochColumn < row.size() && !best.isMissingNode()
                    && row.get(epochColumn).equals(best.asText());
            page.append(isBest ? "<tr class=\"best-epoch\" title=\"the epoch evaluated on test\">" : "<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cell = Html.escape(Html.cell(row.get(i)));
                if (i == 0) {
                    page.append("<th scope=\"row\">").append(cell).append(isBest ? " <span class=\"mark\">*</span>" : "")
                            .append("</th>");
                } else {
                    page.append("<td class=\"num\">").append(cell).append("</td>");
                }
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table></div>\n");
        if (!best.isMissingNode()) {
            page.append("<p class=\"note\">* the epoch whose encoder was evaluated on test writers (best on validation).</p>\n");
        }
    }

    private static void plots(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"plots\">Plots</h2>\n");
        List<Path> plots = run.plots();
        if (plots.isEmpty()) {
            page.append("<p class=\"note\">No plots in plots/.</p>\n");
            return;
        }
        page.append("<div class=\"figures\">\n");
        for (Path plot : plots) {
            String name = plot.getFileName().toString().replaceFirst("(?i)\\.png$", "");
            String description = PLOT_DESCRIPTIONS.getOrDefault(name, "Plot " + name);
            page.append("<figure><a href=\"").append(Html.href(run.path(), plot)).append("\"><img src=\"")
                    .append(Html.href(run.path(), plot)).append("\" alt=\"").append(Html.escape(description))
                    .append(" (").append(Html.escape(run.name())).append(")\"></a><figcaption>")
                    .append(Html.escape(description)).append(" \u2014 plots/").append(Html.escape(plot.getFileName().toString()))
                    .append("</figcaption></figure>\n");
        }
        page.append("</div>\n");
    }

    private static void config(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"config\">Config</h2>\n");
        String text = run.configText();
        if (text == null) {
            page.append("<p class=\"note\">No config.yaml.</p>\n");
            return;
        }
        page.append("<p class=\"note\">The resolved config, every default filled in: running it again repeats the run.</p>\n")
                .append("<pre>").append(Html.escape(text)).append("</pre>\n");
    }

    private static void provenance(StringBuilder page, RunFolder run) {
        page.append("<h2 id=\"provenance\">Provenance</h2>\n");
        JsonNode provenance = run.provenance();
        if (provenance.isMissingNode()) {
            page.append("<p class=\"note\">No provenance.json.</p>\n");
            return;
        }
        json(page, provenance, 0);
    }

    /** Renders a JSON tree as nested tables; long lists of records fold away. */
    static void json(StringBuilder page, JsonNode node, int depth) {
        if (node.isObject()) {
            page.append("<table>\n<tbody>\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                page.append("<tr><th scope=\"row\">").append(Html.escape(field.getKey().replace('_', ' '))).append("</th><td>");
                json(page, field.getValue(), depth + 1);
                page.append("</td></tr>\n");
            }
            page.append("</tbody>\n</table>\n");
        } else if (node.isArray()) {
            boolean records = node.size() > 0;
            for (JsonNode element : node) {
                records &= element.isObject();
            }
            if (!records) {
                List<String> values = new ArrayList<>();
                node.forEach(v -> values.add(v.isValueNode() ? v.asText() : v.toString()));
                page.append(Html.escape(String.join(", ", values)));
                if (node.size() > 3) {
                    page.append(" <span class=\"note\">(").append(node.size()).append(")</span>");
                }
                return;
            }
            Set<String> columns = new LinkedHashSet<>();
            node.forEach(element -> element.fieldNames().forEachRemaining(columns::add));
            boolean fold = node.size() > 5;
            if (fold) {
                page.append("<details><summary>").append(node.size()).append(" entries</summary>\n");
            }
            page.append("<table>\n<thead><tr>");
            columns.forEach(c -> page.append("<th scope=\"col\">").append(Html.escape(c.replace('_', ' '))).append("</th>"));
            page.append("</tr></thead>\n<tbody>\n");
            for (JsonNode element : node) {
                page.append("<tr>");
                for (String column : columns) {
                    JsonNode value = element.path(column);
                    page.append("<td>").append(Html.escape(value.isValueNode() ? value.asText() : value.isMissingNode() ? "" : value.toString()))
                            .append("</td>");
                }
                page.append("</tr>\n");
            }
            page.append("</tbody>\n</table>\n");
            if (fold) {
                page.append("</details>\n");
            }
        } else if (node.isNull() || node.isMissingNode()) {
            page.append("<span class=\"note\">none</span>");
        } else if (node.isFloatingPointNumber()) {
            page.append(Html.number(node.asDouble()));
        } else {
            page.append(Html.escape(node.asText()));
        }
    }

    /** Used by tests and by the comparison to know whether a page exists. */
    static boolean exists(Path runFolder) {
        return Files.isRegularFile(runFolder.resolve(RunFolder.REPORT));
    }
}
