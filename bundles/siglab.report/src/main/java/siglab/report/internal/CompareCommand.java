package siglab.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.api.SigLab;

/**
 * {@code siglab compare}: runs side by side, from their folders alone. Prints the table, writes
 * it as CSV, Markdown or LaTeX on request, and writes an HTML page with the sortable table,
 * overlaid curves and confusion matrices into a new {@code _compare/<id>} folder.
 */
@Component(service = Callable.class, property = {SigLab.COMMAND + "=compare",
    SigLab.DESCRIPTION + "=Compares runs side by side: terminal table, CSV/Markdown/LaTeX, and an HTML page."})
@Command(name = "compare", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Compares runs side by side from their folders alone.",
            "Shows the config values that differ, then the key test metrics, the best of each row marked with *.",
            "Runs that differ only by seed or by writer fold share a column",
            "with mean \u00b1 SD. A group of writer folds also gets its own table: each fold, the mean \u00b1 SD,",
            "the untrained encoder beside them, and whether every fold beat it; with --sweep it is also",
            "written to folds.json in the sweep's folder. Writes an HTML page (sortable table, config diff, overlaid curves, confusion",
            "matrices, links to each run's report) into <experiments>/_compare/<id>/.",
            "The path of that page is the last line of standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "2:no runs to compare, or a run folder does not exist"},
        footer = {"", "Examples:", "  ./siglab compare experiments/quickstart/20261128-155257-aaf2 experiments/quickstart/20261128-155333-7232",
            "  ./siglab compare --experiment quickstart --markdown table.md --latex table.tex",
            "  ./siglab compare --experiment quickstart --experiments /tmp/exp --csv /tmp/table.csv --transpose",
            "  ./siglab compare --sweep 20261128-120000-1a2b      (a sweep, or a group of writer folds)"})
public class CompareCommand implements Callable<Integer> {

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String COMPARE_FOLDER = "_compare";
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "0..*",
            description = "Run folders (or experiment folders, meaning all their runs); relative paths are also tried under --experiments.")
    List<Path> runArguments;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Compare every run of this experiment.")
    String experiment;

    @Option(names = "--sweep", paramLabel = "ID",
            description = "Compare the finished runs of a sweep: its id, or its folder under experiments/_sweeps/.")
    String sweep;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "Folder of experiments (default: experiments, or the one the given runs live in).")
    Path experimentsFolder;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the table as CSV.")
    Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the table as a Markdown table.")
    Path markdown;

    @Option(names = "--latex", paramLabel = "FILE", description = "Write the table as a LaTeX (booktabs) tabular.")
    Path latex;

    @Option(names = "--transpose", description = "One row per run instead of one column per run (terminal and files).")
    boolean transpose;

    @Option(names = "--no-seed-groups", negatable = false,
            description = "Give every run its own column, even runs that differ only by seed or writer fold.")
    boolean noSeedGroups;

    /** With --sweep: the sweep's folder and its sweep.json. */
    private Path sweepFolder;
    private JsonNode sweepRecord;

    @Override
    public Integer call() throws IOException {
        sweepFolder = null;
        sweepRecord = null;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> folders = new ArrayList<>();
        String problem = collect(folders);
        if (problem != null) {
            err.println("siglab compare: " + problem);
            err.flush();
            return 2;
        }
        List<RunFolder> runs = folders.stream().map(RunFolder::new).toList();
        Comparison comparison = Comparison.of(runs, !noSeedGroups);
        TableFormats.Grid grid = TableFormats.grid(comparison, transpose);
        List<FoldSummary> folds = FoldSummary.groups(runs);
        for (FoldSummary summary : folds) {
            out.print(summary.text());
            out.println();
        }

        out.print(TableFormats.text(grid));
        comparison.notes().forEach(note -> out.println("  " + note));
        if (csv != null) {
            Html.write(csv, TableFormats.csv(grid));
            out.println("table: " + csv);
        }
        if (markdown != null) {
            Html.write(markdown, TableFormats.markdown(grid));
            out.println("table: " + markdown);
        }
        if (latex != null) {
            Html.write(latex, TableFormats.latex(grid));
            out.println("table: " + latex);
        }
        Path folder = newFolder(outputRoot(folders).resolve(COMPARE_FOLDER));
        if (!folds.isEmpty()) {
            // The summary of the groups of writer folds: in the comparison's folder, and with
            // --sweep in the sweep's (the group's) folder too, where the sweep that ran them
            // writes it when its runs end.
            String summary = foldsJson(folds, folder.resolve("index.html"));
            Html.write(folder.resolve(FoldSummary.FILE), summary);
            if (sweepFolder != null) {
                Html.write(sweepFolder.resolve(FoldSummary.FILE), summary);
                out.println("folds: " + sweepFolder.resolve(FoldSummary.FILE));
            }
        }
        List<String> labels = runs.stream().map(RunFolder::id).toList();
        List<Path> figures = OverlayPlots.draw(runs, labels, folder);
        Path index = folder.resolve("index.html");
        Html.write(index, ComparePage.page(comparison, folds, folder, folder.getFileName().toString(), figures));
        out.println(index);
        out.flush();
        return 0;
    }

    /**
     * folds.json: every group's summary, with the sweep point it ran (from sweep.json, with
     * --sweep) and the comparison page that shows it.
     */
    private String foldsJson(List<FoldSummary> folds, Path page) throws IOException {
        Map<String, List<String>> points = new LinkedHashMap<>();
        if (sweepRecord != null) {
            for (JsonNode group : sweepRecord.path("groups")) {
                List<String> point = new ArrayList<>();
                group.path("point").forEach(value -> point.add(value.asText()));
                points.put(group.path("group").asText(), point);
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        if (sweepRecord != null) {
            document.put("sweep", sweepRecord.path("id").asText());
        }
        document.put("written", Instant.now().toString());
        document.put("page", page.toString());
        List<Map<String, Object>> groups = new ArrayList<>();
        folds.forEach(summary -> groups.add(summary.json(points.get(summary.group()))));
        document.put("groups", groups);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }

    /** Resolves the runs to compare into {@code folders}; returns what is wrong, or null. */
    private String collect(List<Path> folders) throws IOException {
        Path root = experimentsFolder != null ? experimentsFolder : Path.of("experiments");
        if (experiment != null) {
            Path folder = root.resolve(experiment);
            if (!Files.isDirectory(folder)) {
                return "no experiment folder " + folder.toAbsolutePath();
            }
            folders.addAll(runsIn(folder));
            if (folders.isEmpty()) {
                return "no run folders in " + folder.toAbsolutePath();
            }
        }
        if (sweep != null) {
            Path record = Files.isDirectory(Path.of(sweep)) ? Path.of(sweep).resolve("sweep.json")
                    : root.resolve("_sweeps").resolve(sweep).resolve("sweep.json");
            if (!Files.isRegularFile(record)) {
                return "no sweep " + sweep + " (no " + record.toAbsolutePath() + ")";
            }
            sweepFolder = record.toAbsolutePath().getParent();
            sweepRecord = JSON.readTree(record.toFile());
            for (JsonNode item : sweepRecord.path("items")) {
                if (item.path("status").asText().equals("finished") && item.hasNonNull("run")) {
                    folders.add(Path.of(item.get("run").asText()).toAbsolutePath().normalize());
                }
            }
            if (folders.isEmpty()) {
                return "sweep " + sweep + " has no finished runs yet";
            }
        }
        for (Path argument : runArguments == null ? List.<Path>of() : runArguments) {
            Path folder = Files.isDirectory(argument) ? argument : root.resolve(argument);
            if (!Files.isDirectory(folder)) {
                return "no such run folder: " + argument;
            }
            if (isRun(folder)) {
                folders.add(folder.toAbsolutePath().normalize());
            } else {
                List<Path> runs = runsIn(folder);
                if (runs.isEmpty()) {
                    return "not a run folder (no config.yaml or provenance.json): " + argument;
                }
                folders.addAll(runs);
            }
        }
        if (folders.isEmpty()) {
            return "no runs to compare: give run folders, --experiment NAME or --sweep ID";
        }
        List<Path> distinct = folders.stream().distinct().toList();
        folders.clear();
        folders.addAll(distinct);
        return null;
    }

    static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve(RunFolder.CONFIG)) || Files.isRegularFile(folder.resolve(RunFolder.PROVENANCE));
    }

    /** The run folders directly inside {@code experimentFolder}, oldest first (run ids start with the time). */
    static List<Path> runsIn(Path experimentFolder) throws IOException {
        try (Stream<Path> children = Files.list(experimentFolder)) {
            return children.filter(Files::isDirectory).filter(CompareCommand::isRun)
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        }
    }

    /** --experiments when given; else the experiments folder that every run lives in; else experiments/. */
    private Path outputRoot(List<Path> runs) {
        if (experimentsFolder != null) {
            return experimentsFolder;
        }
        if (experiment == null) {
            List<Path> roots = runs.stream().map(run -> run.getParent() == null ? null : run.getParent().getParent())
                    .distinct().toList();
            if (roots.size() == 1 && roots.get(0) != null) {
                return roots.get(0);
            }
        }
        return Path.of("experiments");
    }

    /** A new folder named by UTC time and a random suffix; never reuses an existing one. */
    static Path newFolder(Path parent) throws IOException {
        Files.createDirectories(parent);
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = ID_TIME.format(Instant.now()) + "-" + String.format(Locale.ROOT, "%04x", RANDOM.nextInt(0x10000));
            try {
                return Files.createDirectory(parent.resolve(id)).toAbsolutePath();
            } catch (FileAlreadyExistsException e) {
                // Another comparison took this id: draw again.
            }
        }
        throw new IOException("cannot create a unique comparison folder under " + parent);
    }
}
