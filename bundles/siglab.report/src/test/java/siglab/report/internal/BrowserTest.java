package siglab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a run report and a comparison page in headless Chromium: no console error, no broken
 * image, the table lists the runs and sorting by a column reorders them. Screenshots go to
 * target/browser/. Skipped, saying why, when Chromium is not installed
 * ({@code apt-get install chromium}; {@code -Dsiglab.chromium=PATH} for another binary).
 */
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "browser");
    static Chromium browser;

    @TempDir
    static Path experiments;
    static Path runReport;
    static Path comparePage;
    static final String SKIP_REASON = "skipped: no Chromium at " + Chromium.EXECUTABLE
            + " (install Debian's chromium package, or give -Dsiglab.chromium=PATH)";

    @BeforeAll
    static void openBrowser() throws Exception {
        // Three settings, one of them run with two seeds; EERs deliberately out of order.
        Path first = FakeRuns.finished(experiments, "quick", "20261128-100000-aaaa", 42, 64, 0.20, 0.4);
        FakeRuns.finished(experiments, "quick", "20261128-100000-abab", 7, 64, 0.22, 0.4);
        FakeRuns.finished(experiments, "quick", "20261128-110000-bbbb", 42, 128, 0.10, 0.8);
        FakeRuns.finished(experiments, "quick", "20261128-120000-cccc", 42, 256, 0.30, 0.2);
        for (Path run : CompareCommand.runsIn(experiments.resolve("quick"))) {
            new HtmlRunReporter().report(run);
        }
        runReport = first.resolve("report.html");
        CompareCommandTest.Result result = CompareCommandTest.compare("--experiment", "quick", "--experiments",
                experiments.toString());
        assertEquals(0, result.exit(), result.err());
        comparePage = Path.of(result.lastLine());
        if (Files.isExecutable(Chromium.EXECUTABLE)) {
            browser = new Chromium(1366, 900);
        } else {
            System.err.println("BrowserTest: " + SKIP_REASON);
        }
    }

    /** Each test skips on its own, so that the reason shows in the test report. */
    @BeforeEach
    void needsChromium() {
        assumeTrue(browser != null, SKIP_REASON);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void runReportLoadsCleanly() throws Exception {
        browser.open(runReport);

        assertEquals(List.of(), browser.errors());
        assertEquals(List.of(), brokenImages());
        assertEquals(2, browser.evaluate("document.images.length").asInt());
        assertTrue(browser.evaluate("document.querySelector('table.confusion th') !== null").asBoolean());
        browser.screenshot(SCREENSHOTS.resolve("run-report.png"));
    }

    @Test
    void comparePageListsRunsAndSortsByAColumn() throws Exception {
        browser.open(comparePage);

        assertEquals(List.of(), browser.errors());
        assertEquals(List.of(), brokenImages());
        assertEquals(5, browser.evaluate("document.images.length").asInt());
        assertEquals(List.of("20261128-100000-aaaa+1", "20261128-110000-bbbb", "20261128-120000-cccc"), runOrder());

        clickHeader("test EER");
        assertEquals(List.of("20261128-110000-bbbb", "20261128-100000-aaaa+1", "20261128-120000-cccc"), runOrder(),
                "ascending EER: 10%, 21% (mean of two seeds), 30%");
        assertEquals("ascending", browser.evaluate(header("test EER") + ".closest('th').getAttribute('aria-sort')").asText());

        clickHeader("test EER");
        assertEquals(List.of("20261128-120000-cccc", "20261128-100000-aaaa+1", "20261128-110000-bbbb"), runOrder());

        clickHeader("encoder.embedding");
        assertEquals(List.of("20261128-100000-aaaa+1", "20261128-110000-bbbb", "20261128-120000-cccc"), runOrder(),
                "embedding sorts as numbers: 64 < 128 < 256");
        assertEquals(List.of(), browser.errors());
        browser.screenshot(SCREENSHOTS.resolve("compare.png"));
    }

    private static String header(String label) {
        return "Array.from(document.querySelectorAll('#runs thead button')).find(b => b.textContent === '" + label + "')";
    }

    private static void clickHeader(String label) throws Exception {
        JsonNode point = browser.evaluate("(() => { const b = " + header(label) + "; b.scrollIntoView({block: 'center'}); "
                + "const r = b.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        browser.click(point.path("x").asDouble(), point.path("y").asDouble());
    }

    private static List<String> runOrder() throws Exception {
        List<String> order = new ArrayList<>();
        browser.evaluate("Array.from(document.querySelectorAll('#runs tbody tr')).map(r => r.dataset.run)")
                .forEach(node -> order.add(node.asText()));
        return order;
    }

    private static List<String> brokenImages() throws Exception {
        List<String> broken = new ArrayList<>();
        browser.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
                .forEach(node -> broken.add(node.asText()));
        return broken;
    }
}
