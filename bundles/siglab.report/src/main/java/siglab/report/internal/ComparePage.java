package siglab.report.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import siglab.report.internal.Comparison.Cell;
import siglab.report.internal.Comparison.Column;
import siglab.report.internal.Comparison.Row;

/**
 * The comparison as one static page: the table with a row per run (sortable by any column with a
 * small inline script), the config differences, overlaid curves, every run's confusion matrix
 * side by side and links to each run's own report.
 */
final class ComparePage {

    /** Sorts a table's body rows by the clicked column: numbers by value, text naturally, blanks last. */
    static final String SORT_SCRIPT = """
            (function () {
              function key(cell) {
                var value = cell.getAttribute('data-sort');
                if (value === null) { return cell.textContent.trim(); }
                return value === '' ? null : Number(value);
              }
              function compare(x, y) {
                if (typeof x === 'number' && typeof y === 'number') { return x - y; }
                return String(x).localeCompare(String(y), undefined, {numeric: true});
              }
              Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
                var headers = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(headers, function (header, index) {
                  var button = header.querySelector('button');
                  if (!button) { return; }
                  button.addEventListener('click', function () {
                    var ascending = header.getAttribute('aria-sort') !== 'ascending';
                    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
                    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = key(a.cells[index]);
                      var y = key(b.cells[index]);
                      if (x === null || y === null) { return (x === null) - (y === null); }
                      return ascending ? compare(x, y) : compare(y, x);
                    });
                    rows.forEach(function (row) { body.appendChild(row); });
                  });
                });
              });
            })();
            """;

    private ComparePage() {}

    static String page(Comparison comparison, List<FoldSummary> folds, Path folder, String id, List<Path> figures) {
        StringBuilder page = new StringBuilder(64 * 1024);
        List<RunFolder> runs = comparison.runs();
        String title = "Comparison of " + runs.size() + (runs.size() == 1 ? " run" : " runs");
        Html.open(page, title + " \u2014 " + id);
        page.append("<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"sub\">Comparison ")
                .append(Html.escape(id)).append(" \u00b7 experiments: ")
                .append(Html.escape(String.join(", ", runs.stream().map(RunFolder::name).distinct().toList())))
                .append("</p>\n<nav class=\"note\">").append(folds.isEmpty() ? "" : "<a href=\"#folds\">Writer folds</a> \u00b7 ")
                .append("<a href=\"#table\">Table</a> \u00b7 <a href=\"#config\">Config differences</a>"
                        + " \u00b7 <a href=\"#curves\">Curves</a> \u00b7 <a href=\"#confusion\">Confusion matrices</a>"
                        + " \u00b7 <a href=\"#runs\">Runs</a></nav>\n");
        folds(page, folds, folder);
        table(page, comparison, folder);
        configDifferences(page, comparison);
        curves(page, folder, figures);
        confusion(page, comparison);
        runList(page, comparison, folder);
        page.append("<p class=\"note\">Written by SigLab from the run folders alone; the page loads nothing from the network.</p>\n");
        page.append("<script>\n").append(SORT_SCRIPT).append("</script>\n");
        Html.close(page);
        return page.toString();
    }

    /** Each group of writer folds: a column per fold and the mean \u00b1 SD, and whether every fold beat its untrained encoder. */
    private static void folds(StringBuilder page, List<FoldSummary> folds, Path folder) {
        if (folds.isEmpty()) {
            return;
        }
        page.append("<h2 id=\"folds\">Writer folds</h2>\n<p class=\"note\">Each fold tests on its own part of the "
                + "writers, with the threshold chosen on its validation writers; over the folds every writer is a test "
                + "writer once. Mean \u00b1 sample SD over the finished folds; the untrained encoder is scored on the "
                + "same test writers. The same numbers are in <a href=\"").append(FoldSummary.FILE).append("\">")
                .append(FoldSummary.FILE).append("</a>.</p>\n");
        for (FoldSummary summary : folds) {
            page.append("<h3>").append(Html.escape(summary.title())).append("</h3>\n");
            TableFormats.Grid grid = summary.grid();
            page.append("<div class=\"scroll\"><table class=\"folds\">\n<thead><tr><th scope=\"col\"></th>");
            for (int fold = 1; fold <= summary.folds(); fold++) {
                RunFolder run = summary.finished().get(fold);
                page.append("<th scope=\"col\">").append(run == null ? Html.escape(grid.header().get(fold - 1))
                        : runLink(run, folder, grid.header().get(fold - 1))).append("</th>");
            }
            page.append("<th scope=\"col\">").append(Html.escape(grid.header().get(grid.header().size() - 1)))
                    .append("</th></tr></thead>\n<tbody>\n");
            for (int r = 0; r < grid.labels().size(); r++) {
                page.append("<tr><th scope=\"row\">").append(Html.escape(grid.labels().get(r))).append("</th>");
                for (Cell cell : grid.cells().get(r)) {
                    page.append("<td class=\"num\">").append(Html.escape(cell.text())).append("</td>");
                }
                page.append("</tr>\n");
            }
            page.append("</tbody>\n</table></div>\n<p><strong>").append(Html.escape(summary.verdict()))
                    .append("</strong></p>\n");
        }
    }

    private static void table(StringBuilder page, Comparison comparison, Path folder) {
        page.append("<h2 id=\"table\">Runs side by side</h2>\n<p class=\"note\">One row per run, or per group of runs that "
                + "differ only by seed or writer fold (mean \u00b1 SD). Click a column's header to sort by it. "
                + "Settings shown are those that differ between runs.</p>\n");
        page.append("<div class=\"scroll\"><table id=\"runs\" class=\"sortable\">\n<thead><tr>")
                .append("<th scope=\"col\"><button type=\"button\">run</button></th>");
        for (Row row : comparison.rows()) {
            page.append("<th scope=\"col\" class=\"").append(row.section().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"><button type=\"button\">").append(Html.escape(row.label())).append("</button></th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        List<Column> columns = comparison.columns();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            page.append("<tr data-run=\"").append(Html.escape(column.label())).append("\"><th scope=\"row\" data-sort=\"")
                    .append(Html.escape(column.label())).append("\">");
            for (int m = 0; m < column.runs().size(); m++) {
                RunFolder run = column.runs().get(m);
                page.append(m > 0 ? "<br>" : "").append(runLink(run, folder, column.runs().size() > 1 || m > 0
                        ? run.id() : column.label()));
            }
            if (column.group()) {
                String members = switch (column.differsBy()) {
                    case "seed" -> " seeds";
                    case "writer fold" -> " writer folds";
                    default -> " runs (" + column.differsBy() + ")";
                };
                page.append("<br><span class=\"note\">mean \u00b1 SD of ").append(column.runs().size())
                        .append(Html.escape(members)).append("</span>");
            }
            page.append("</th>");
            for (Row row : comparison.rows()) {
                Cell cell = row.cells().get(c);
                page.append("<td");
                if (row.section() == Comparison.Section.METRIC || !Double.isNaN(cell.value())) {
                    page.append(" class=\"num").append(cell.best() ? " best" : "").append("\" data-sort=\"")
                            .append(Double.isNaN(cell.value()) ? "" : String.valueOf(cell.value())).append("\"");
                }
                page.append(">").append(Html.escape(cell.text()));
                if (cell.best()) {
                    page.append(" <span class=\"mark\" title=\"best in this column\">*</span>");
                }
                page.append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table></div>\n");
        List<String> notes = comparison.notes();
        if (!notes.isEmpty()) {
            page.append("<ul class=\"note\">\n");
            notes.forEach(n -> page.append("<li>").append(Html.escape(n)).append("</li>\n"));
            page.append("</ul>\n");
        }
    }

    private static String runLink(RunFolder run, Path folder, String text) {
        if (HtmlRunReporter.exists(run.path())) {
            return "<a href=\"" + Html.href(folder, run.path().resolve(RunFolder.REPORT)) + "\">" + Html.escape(text) + "</a>";
        }
        return Html.escape(text);
    }

    private static void configDifferences(StringBuilder page, Comparison comparison) {
        page.append("<h2 id=\"config\">Config differences</h2>\n");
        List<RunFolder> runs = comparison.runs();
        if (comparison.differingKeys().isEmpty()) {
            page.append("<p class=\"note\">Every run has the same config.</p>\n");
        } else {
            page.append("<div class=\"scroll\"><table id=\"config-diff\">\n<thead><tr><th scope=\"col\">setting</th>");
            runs.forEach(run -> page.append("<th scope=\"col\">").append(Html.escape(run.id())).append("</th>"));
            page.append("</tr></thead>\n<tbody>\n");
            for (String key : comparison.differingKeys()) {
                page.append("<tr><th scope=\"row\">").append(Html.escape(key)).append("</th>");
                String first = runs.get(0).config().get(key);
                for (RunFolder run : runs) {
                    String value = run.config().get(key);
                    page.append(java.util.Objects.equals(value, first) ? "<td>" : "<td class=\"differs\">")
                            .append(value == null ? "<span class=\"note\">absent</span>" : Html.escape(value)).append("</td>");
                }
                page.append("</tr>\n");
            }
            page.append("</tbody>\n</table></div>\n<p class=\"note\">Highlighted: values that differ from the first run's.</p>\n");
        }
        Map<String, String> shared = comparison.sharedSettings();
        if (!shared.isEmpty()) {
            page.append("<details><summary>").append(shared.size()).append(" settings every run shares</summary>\n")
                    .append("<table>\n<tbody>\n");
            shared.forEach((key, value) -> page.append("<tr><th scope=\"row\">").append(Html.escape(key))
                    .append("</th><td>").append(Html.escape(value)).append("</td></tr>\n"));
            page.append("</tbody>\n</table>\n</details>\n");
        }
    }

    private static void curves(StringBuilder page, Path folder, List<Path> figures) {
        page.append("<h2 id=\"curves\">Curves</h2>\n<div class=\"figures\">\n");
        for (Path figure : figures) {
            String description = OverlayPlots.FIGURES.getOrDefault(figure.getFileName().toString(), "Figure");
            String href = Html.href(folder, figure);
            page.append("<figure><a href=\"").append(href).append("\"><img src=\"").append(href).append("\" alt=\"")
                    .append(Html.escape(description)).append("\"></a><figcaption>").append(Html.escape(description))
                    .append("</figcaption></figure>\n");
        }
        page.append("</div>\n");
    }

    private static void confusion(StringBuilder page, Comparison comparison) {
        page.append("<h2 id=\"confusion\">Confusion matrices</h2>\n<p class=\"note\">Test pairs of each run at its own "
                + "threshold; genuine pairs are the positive class.</p>\n<div class=\"side\">\n");
        for (RunFolder run : comparison.runs()) {
            String table = HtmlRunReporter.confusionTable(run, run.id() + " (threshold " + Html.number(run.threshold()) + ")");
            page.append(table != null ? table
                    : "<p class=\"note\">" + Html.escape(run.id()) + ": no test metrics (" + Html.escape(run.status()) + ")</p>\n");
        }
        page.append("</div>\n");
    }

    private static void runList(StringBuilder page, Comparison comparison, Path folder) {
        page.append("<h2 id=\"runs\">Runs</h2>\n<table>\n<thead><tr><th scope=\"col\">run</th><th scope=\"col\">experiment</th>"
                + "<th scope=\"col\">status</th><th scope=\"col\">report</th><th scope=\"col\">folder</th></tr></thead>\n<tbody>\n");
        for (RunFolder run : comparison.runs()) {
            page.append("<tr><th scope=\"row\">").append(Html.escape(run.id())).append("</th><td>").append(Html.escape(run.name()))
                    .append("</td><td>").append(Html.escape(run.status())).append("</td><td>")
                    .append(HtmlRunReporter.exists(run.path()) ? runLink(run, folder, "report.html")
                            : "<span class=\"note\">no report.html</span>")
                    .append("</td><td>").append(Html.escape(run.path().toString())).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }
}
