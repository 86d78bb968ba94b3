package siglab.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

    @TempDir
    Path experiments;

    /** Exit code, standard output and standard error of one command line. */
    record Result(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    static Result compare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CompareCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void comparesTwoRunsInEveryFormat() throws Exception {
        Path a = FakeRuns.finished(experiments, "quick", "20261128-100000-aaaa", 42, 64, 0.10, 0.8);
        Path b = FakeRuns.finished(experiments, "quick", "20261128-110000-bbbb", 42, 128, 0.20, 0.3);
        new HtmlRunReporter().report(a);
        Path csv = experiments.resolve("out/table.csv");
        Path markdown = experiments.resolve("out/table.md");
        Path latex = experiments.resolve("out/table.tex");

        Result result = compare(a.toString(), b.toString(), "--csv", csv.toString(), "--markdown", markdown.toString(),
                "--latex", latex.toString());

        assertEquals(0, result.exit(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).contains("20261128-100000-aaaa") && lines.get(0).contains("20261128-110000-bbbb"));
        // Only the setting that differs is shown; the seed is shared, so it is not.
        assertTrue(lines.stream().anyMatch(l -> l.matches("encoder\\.embedding\\s+64\\s+128")), result.out());
        assertFalse(result.out().contains("seed "), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("test EER\\s+10\\.00% \\*\\s+20\\.00%")), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("test AUC\\s+0\\.9000 \\*\\s+0\\.8000")), result.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("test pairs\\s+40\\s+40")), "no best mark on pair counts");
        assertTrue(lines.stream().anyMatch(l -> l.matches("training time\\s+26\\.4 s \\*\\s+32\\.8 s")), result.out());

        assertEquals(List.of("setting,20261128-100000-aaaa,20261128-110000-bbbb", "encoder.embedding,64,128",
                "test EER,10.00%,20.00%", "test AUC,0.9000,0.8000"),
                Files.readAllLines(csv).subList(0, 4).stream().map(String::strip).toList());
        String md = Files.readString(markdown);
        assertTrue(md.startsWith("|  | 20261128-100000-aaaa | 20261128-110000-bbbb |\n|---|---:|---:|\n"), md);
        assertTrue(md.contains("| test EER | **10.00%** | 20.00% |"), md);
        String tex = Files.readString(latex);
        assertTrue(tex.contains("\\begin{tabular}{lrr}") && tex.contains("\\bottomrule"), tex);
        assertTrue(tex.contains("encoder.embedding & 64 & 128 \\\\"), tex);
        assertTrue(tex.contains("test EER & \\textbf{10.00\\%} & 20.00\\% \\\\"), tex);

        // The page: the last line of output, in a new folder beside the experiments.
        Path index = Path.of(result.lastLine());
        assertTrue(Files.isRegularFile(index), result.out());
        assertEquals(experiments.resolve("_compare").toRealPath(), index.getParent().getParent().toRealPath());
        String html = Files.readString(index, StandardCharsets.UTF_8);
        assertTrue(html.contains("data-run=\"20261128-100000-aaaa\"") && html.contains("data-run=\"20261128-110000-bbbb\""));
        assertTrue(html.contains("href=\"../../quick/20261128-100000-aaaa/report.html\""), "links to the run's report");
        assertTrue(html.contains("no report.html"), "says when a run has no report");
        for (String figure : OverlayPlots.FIGURES.keySet()) {
            assertTrue(Files.size(index.resolveSibling(figure)) > 1000, figure);
            assertTrue(html.contains("<img src=\"" + figure + "\" alt=\""), figure);
        }
        assertTrue(html.contains("Genuine pairs (10)"), "confusion matrices side by side");
        HtmlRunReporterTest.assertNoNetwork(html);
        HtmlRunReporterTest.assertEveryImageHasAlt(html);
    }

    @Test
    void groupsRunsThatDifferOnlyBySeed() throws Exception {
        FakeRuns.finished(experiments, "quick", "20261128-100000-aaaa", 42, 64, 0.10, 0.8);
        FakeRuns.finished(experiments, "quick", "20261128-100000-bbbb", 7, 64, 0.14, 0.8);
        FakeRuns.finished(experiments, "quick", "20261128-100000-cccc", 42, 128, 0.30, 0.3);
        List<RunFolder> runs = new ArrayList<>();
        for (Path run : CompareCommand.runsIn(experiments.resolve("quick"))) {
            runs.add(new RunFolder(run));
        }

        Comparison grouped = Comparison.of(runs, true);

        assertEquals(List.of("20261128-100000-aaaa+1", "20261128-100000-cccc"),
                grouped.columns().stream().map(Comparison.Column::label).toList());
        assertEquals(List.of("seed", "encoder.embedding"), grouped.differingKeys());
        Comparison.Row seed = grouped.rows().get(0);
        assertEquals(List.of("42, 7", "42"), seed.cells().stream().map(Comparison.Cell::text).toList());
        Comparison.Row eer = grouped.rows().stream().filter(r -> r.label().equals("test EER")).findFirst().orElseThrow();
        // Mean 0.12, sample SD sqrt(((0.02)^2 + (0.02)^2) / 1) = 0.0283.
        assertEquals("12.00 \u00b1 2.83%", eer.cells().get(0).text());
        assertTrue(eer.cells().get(0).best());
        assertEquals(0.12, eer.cells().get(0).value(), 1e-12);
        assertFalse(eer.cells().get(1).best());
        assertTrue(grouped.notes().get(0).contains("20261128-100000-aaaa, 20261128-100000-bbbb"));

        assertEquals(3, Comparison.of(runs, false).columns().size());

        Result result = compare("--experiment", "quick", "--experiments", experiments.toString(), "--transpose");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("20261128-100000-aaaa+1") && l.contains("12.00 \u00b1 2.83% *")),
                result.out());
        String html = Files.readString(Path.of(result.lastLine()));
        for (RunFolder run : runs) {
            assertTrue(html.contains(run.id()), run.id());
        }
        assertTrue(html.contains("mean \u00b1 SD of 2 seeds"));
    }

    @Test
    void comparesAFailedRunAndNeverOverwritesAComparison() throws Exception {
        Path ok = FakeRuns.finished(experiments, "quick", "20261128-100000-aaaa", 42, 64, 0.10, 0.8);
        Path failed = FakeRuns.failed(experiments, "quick", "20261128-100000-dead");

        Result first = compare(ok.toString(), failed.toString(), "--no-seed-groups");
        Result second = compare(ok.toString(), failed.toString(), "--no-seed-groups");

        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().lines().anyMatch(l -> l.matches("status\\s+finished\\s+failed")), first.out());
        assertTrue(first.out().lines().anyMatch(l -> l.matches("test EER\\s+10\\.00%\\s+n/a")), first.out());
        assertNotEquals(first.lastLine(), second.lastLine());
        assertTrue(Files.isRegularFile(Path.of(first.lastLine())) && Files.isRegularFile(Path.of(second.lastLine())));
    }

    @Test
    void refusesMissingRuns() {
        Result none = compare();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no runs to compare"), none.err());

        Result missing = compare(experiments.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such run folder"), missing.err());
    }

    @Test
    void ratesSweepEveryDistinctDistance() {
        RunFolder.Scores scores = new RunFolder.Scores(new boolean[] {true, true, false, false},
                new double[] {0.1, 0.3, 0.3, 0.9}, 2, 0);

        Curves.Rates rates = Curves.rates(scores, 100);

        // Thresholds: below all, 0.1, 0.3 (a tie accepted together), 0.9.
        assertEquals(List.of(0.0, 0.0, 0.5, 1.0), java.util.Arrays.stream(rates.far()).boxed().toList());
        assertEquals(List.of(1.0, 0.5, 0.0, 0.0), java.util.Arrays.stream(rates.frr()).boxed().toList());
        assertEquals(0.975, Curves.normal(Curves.probit(0.975)), 1e-6);
        assertEquals(1.959964, Curves.probit(0.975), 1e-5);
    }
}
