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
        assertTrue(html.contains("<th scope=\"row\">EER</th><td class=\"num\">12.50%</td><td class=\"num\">40</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">FAR skilled</th><td class=\"num\">20.25%</td><td class=\"num\">20</td>"));
        assertTrue(html.contains("<th scope=\"row\">FRR</th><td class=\"num\">11.50%</td><td class=\"num\">10</td>"));
        assertTrue(html.contains("<th scope=\"row\">AUC</th><td class=\"num\">0.8750</td>"));
        assertTrue(html.contains("Threshold <strong>0.5000</strong>, policy <strong>eer</strong>"), html);
        assertTrue(html.contains("one shot accuracy"), "metrics beyond the known ones are listed too");
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
