package siglab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlRunReporterTest {

    @TempDir
    Path experiments;

    @Test
    void reportsEverySectionOfAFinishedRun() throws Exception {
        Path run = FakeRuns.finished(experiments, "quick<start>", "20261128-100000-abcd", 42, 64, 0.125, 0.4);

        Path file = new HtmlRunReporter().report(run);

        assertEquals(run.resolve("report.html"), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>quick&lt;start&gt; \u2014 run 20261128-100000-abcd (finished)</title>"), html);
        assertTrue(html.contains("status-finished"));
        // Key metrics with the pair counts behind them.
        assertTrue(html.contains("<th scope=\"row\">EER (test ROC)</th><td class=\"num\">12.50%</td><td class=\"num\">40</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">FAR skilled</th><td class=\"num\">20.25%</td><td class=\"num\">20</td>"));
        assertTrue(html.contains("<th scope=\"row\">FRR</th><td class=\"num\">11.50%</td><td class=\"num\">10</td>"));
        assertTrue(html.contains("<th scope=\"row\">AUC</th><td class=\"num\">0.8750</td>"));
        assertTrue(html.contains("Threshold <strong>0.5000</strong>, policy <strong>eer</strong>"), html);
        assertTrue(html.contains("one shot accuracy"), "metrics beyond the known ones are listed too");
        // Both protocols side by side, the trained encoder's and the untrained one's.
        String noEer = "<td class=\"num\"><span class=\"note\" title=\"an EER is read where FAR meets FRR on the test"
                + " pairs: it belongs to the optimistic row\">\u2014</span></td>";
        assertTrue(html.contains("<tr><th scope=\"row\">Verification</th><td>validation writers (20 pairs)</td>"
                + "<td class=\"num\">0.5000</td><td class=\"num\">87.50%</td>" + noEer + "<td class=\"num\">20.25%</td>"
                + "<td class=\"num\">0.00%</td><td class=\"num\">11.50%</td><td class=\"num\">40</td></tr>"), html);
        assertTrue(html.contains("<tr><th scope=\"row\">Optimistic</th><td>test pairs (40 pairs)</td>"
                + "<td class=\"num\">0.5500</td><td class=\"num\">93.75%</td>"
                + "<td class=\"num\">12.50% <span class=\"note\">at 0.6000</span></td><td class=\"num\">5.00%</td>"
                + "<td class=\"num\">10.00%</td><td class=\"num\">5.00%</td><td class=\"num\">40</td></tr>"), html);
        assertTrue(html.contains("<tr><th scope=\"row\">Verification, untrained encoder</th>"
                + "<td>validation writers (20 pairs)</td><td class=\"num\">0.8000</td><td class=\"num\">60.00%</td>"
                + noEer + "<td class=\"num\">50.00%</td><td class=\"num\">25.00%</td><td class=\"num\">35.00%</td>"), html);
        assertTrue(html.contains("<tr><th scope=\"row\">Optimistic, untrained encoder</th><td>test pairs (40 pairs)</td>"
                + "<td class=\"num\">0.7000</td><td class=\"num\">70.00%</td>"
                + "<td class=\"num\">32.00% <span class=\"note\">at 0.7500</span></td><td class=\"num\">40.00%</td>"
                + "<td class=\"num\">20.00%</td><td class=\"num\">25.00%</td>"), html);
        assertTrue(html.contains(Html.escape(HtmlRunReporter.PROTOCOLS_NOTE)), html);
        assertTrue(html.indexOf(">Verification</th>") < html.indexOf(">Optimistic</th>"), "the verification result first");
        assertFalse(html.contains("evaluated before SigLab wrote the optimistic figures"));
        // Confusion matrix as a table with headers.
        assertTrue(html.contains("<th scope=\"row\">Genuine pairs (10)</th><td class=\"num best\">9 "));
        assertTrue(html.contains("<th scope=\"row\">Forgery pairs (30)</th><td class=\"num\">3 "));
        // History: every epoch, best epoch marked.
        assertTrue(html.contains("<th scope=\"col\">triplet accuracy</th>"));
        assertTrue(html.contains("<th scope=\"row\">2 <span class=\"mark\">*</span></th>"));
        // Every plot with alt text.
        assertTrue(html.contains("<img src=\"plots/loss.png\" alt=\"Training loss per epoch (quick&lt;start&gt;)\""), html);
        assertTrue(html.contains("<img src=\"plots/roc.png\" alt=\"ROC curve of test pairs"));
        // Config escaped, provenance rendered.
        assertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; co"));
        assertFalse(html.contains("<b>not bold</b>"));
        assertTrue(html.contains("feedbeef") && html.contains("MXNet") && html.contains("w1, w2"));
        assertNoNetwork(html);
        assertEveryImageHasAlt(html);
    }

    @Test
    void putsTrainingHealthWarningsAboveTheMetrics() throws Exception {
        Path run = FakeRuns.finished(experiments, "cedar-signet", "20261128-100000-bad1", 42, 64, 0.36, 0.1);
        FakeRuns.health(run, "collapse", 2, "the embeddings collapsed at epoch 2: spread 0.065 <0.1>",
                "below-untrained", 1, "the evaluated encoder (epoch 1) has a validation AUC of 0.699");
        Files.writeString(run.resolve("history.csv"), """
                epoch,loss,samples,seconds,triplet_accuracy,ap_mean,ap_sd,an_mean,an_sd,auc,triplets,embedding_spread,grad_norm,grad_norm_max,lr
                1,0.143,1088,56.3,0.88,0.094,0.015,0.114,0.022,0.789,1000,0.09,0.303,0.984,1.0E-4
                2,0.125,1088,56.0,0.749,0.071,0.015,0.081,0.016,0.699,1000,0.065,0.191,0.211,1.0E-4
                """);

        String html = Files.readString(new HtmlRunReporter().report(run), StandardCharsets.UTF_8);

        assertTrue(html.contains("<a class=\"status status-warning\" href=\"#health\">2 health warnings</a>"), html);
        assertTrue(html.contains("<h2>Training health: 2 warnings</h2>"), html);
        assertTrue(html.contains("<li><strong>collapse</strong> (epoch 2): the embeddings collapsed at epoch 2:"
                + " spread 0.065 &lt;0.1&gt;</li>"), html);
        assertTrue(html.contains("<li><strong>below-untrained</strong> (epoch 1): the evaluated encoder"), html);
        assertTrue(html.indexOf("id=\"health\"") < html.indexOf("id=\"metrics\""), "the warnings come first");
        // The new history columns are shown like the others.
        assertTrue(html.contains("<th scope=\"col\">grad norm</th>") && html.contains("<th scope=\"col\">lr</th>"), html);
        assertTrue(html.contains("<th scope=\"col\">embedding spread</th>"), html);

        Path healthy = FakeRuns.finished(experiments, "quickstart", "20261128-100000-good", 42, 64, 0.1, 0.4);
        String fine = Files.readString(new HtmlRunReporter().report(healthy), StandardCharsets.UTF_8);
        assertFalse(fine.contains("id=\"health\"") || fine.contains("health warning"), "a healthy run has no warnings");
    }

    @Test
    void aRunFromBeforeTheOptimisticSectionShowsItsVerificationResultAndSaysHowToGetBoth() throws Exception {
        Path run = FakeRuns.finished(experiments, "quickstart", "20261128-100000-0001", 42, 64, 0.125, 0.4);
        Files.writeString(run.resolve("metrics.json"), """
                {"split": "test", "threshold": 0.5, "policy": "eer", "threshold_chosen_on": "validation writers (20 pairs)",
                 "metrics": {"auc": 0.9, "eer": 0.1, "eer_threshold": 0.45, "accuracy": 0.8, "far_skilled": 0.2,
                 "far_random": 0.0, "frr": 0.1, "pairs": 40}}
                """);

        String html = Files.readString(new HtmlRunReporter().report(run), StandardCharsets.UTF_8);

        assertTrue(html.contains("<tr><th scope=\"row\">Verification</th><td>validation writers (20 pairs)</td>"
                + "<td class=\"num\">0.5000</td><td class=\"num\">80.00%</td>"), html);
        assertFalse(html.contains(">Optimistic"), html);
        assertTrue(html.contains("evaluated before SigLab wrote the optimistic figures: <code>siglab eval RUN</code>"));
    }

    @Test
    void optimisticFiguresThatCouldNotBeComputedSayWhy() throws Exception {
        Path run = FakeRuns.finished(experiments, "quickstart", "20261128-100000-0002", 42, 64, 0.125, 0.4);
        Files.writeString(run.resolve("metrics.json"), """
                {"split": "test", "threshold": 0.5, "policy": "eer", "threshold_chosen_on": "validation writers (20 pairs)",
                 "metrics": {"accuracy": 1.0, "far_skilled": null, "far_random": null, "frr": 0.0, "pairs": 2},
                 "optimistic": {"protocol": "p", "threshold_chosen_on": "test pairs (2 pairs)",
                  "unavailable": "the test pairs need both genuine and negative pairs", "pairs": 2}}
                """);

        String html = Files.readString(new HtmlRunReporter().report(run), StandardCharsets.UTF_8);

        assertTrue(html.contains("<tr><th scope=\"row\">Optimistic</th><td>test pairs (2 pairs) <span class=\"note\">"
                + "(the test pairs need both genuine and negative pairs)</span></td><td class=\"num\">n/a</td>"
                + "<td class=\"num\">n/a</td><td class=\"num\">n/a</td>"), html);
    }

    @Test
    void reportsAFailedRunWithoutMetrics() throws Exception {
        Path run = FakeRuns.failed(experiments, "quickstart", "20261128-100000-dead");

        String html = Files.readString(new HtmlRunReporter().report(run), StandardCharsets.UTF_8);

        assertTrue(html.contains("status-failed"));
        assertTrue(html.contains("out of memory &lt;allocating&gt;"));
        assertTrue(html.contains("No metrics.json"));
        assertTrue(html.contains("No history"));
        assertTrue(html.contains("No plots"));
        assertTrue(html.contains("seed-cnn"));
    }

    @Test
    void reportsAnEmptyFolderAndACorruptFile() throws Exception {
        Path run = Files.createDirectories(experiments.resolve("x/empty"));
        Files.writeString(run.resolve("metrics.json"), "{ not json");

        String html = Files.readString(new HtmlRunReporter().report(run), StandardCharsets.UTF_8);

        assertTrue(html.contains("status-unknown"));
        assertTrue(html.contains("Unreadable files") && html.contains("metrics.json"));
        assertTrue(html.contains("No config.yaml") && html.contains("No provenance.json"));
        assertFalse(Files.exists(run.resolve(".report.html.tmp")));
    }

    static void assertNoNetwork(String html) {
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no remote resources");
        assertFalse(html.contains("@import") || html.contains("url("), "no remote style resources");
    }

    static void assertEveryImageHasAlt(String html) {
        Matcher images = Pattern.compile("<img [^>]*>").matcher(html);
        while (images.find()) {
            assertTrue(images.group().matches(".* alt=\"[^\"]+\".*"), images.group());
        }
    }
}
