package siglab.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.ConfigException;
import siglab.core.ConfigProblem;
import siglab.core.Experiment;
import siglab.core.RunOptions;
import siglab.core.WriterSplit;

/** {@code siglab run CONFIG [key=value...]}: runs an experiment into a new run folder. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Runs an experiment: trains, evaluates on test writers and writes a new run folder.",
            "The run folder's path is the last line of standard output.",
            "A sweep, or a config with writer folds (dataset.split.folds), runs as a group of runs, each in",
            "its own process; the group's folder (experiments/_sweeps/<id>) is then the last line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run (or every run of the sweep or of the writer folds) finished",
            "1:the run failed (its folder is kept, marked failed), or some run of the sweep did not finish",
            "2:the command line or the config is wrong (nothing was run)",
            "130:interrupted with Ctrl-C (the run is kept: siglab resume RUN)"},
        footer = {"", "Examples:", "  ./siglab run configs/quickstart.yaml",
            "  ./siglab run configs/quickstart.yaml training.epochs=2 encoder.width=8 --experiments /tmp/exp",
            "  ./siglab run configs/quickstart.yaml --dry-run",
            "  ./siglab run configs/quickstart.yaml --sweep loss.margin=0.2,0.5 seed=1,2,3 --parallel 2",
            "  ./siglab run configs/quickstart.yaml 'dataset.split={folds: 5}'      (five runs, one per writer fold)",
            "  ./siglab run --resume experiments/_sweeps/20261128-120000-1a2b"})
final class RunCommand implements Callable<Integer> {

    /** The override that picks one writer fold. */
    static final String FOLD_KEY = "dataset.split.fold";

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The experiment YAML.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
            description = "Overrides with dotted paths, values as YAML: training.epochs=5 encoder.type=seed-cnn")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--experiments", paramLabel = "DIR", defaultValue = "experiments",
            description = "Folder that run folders are created in (default: ${DEFAULT-VALUE}).")
    Path experimentsFolder;

    @Option(names = "--dry-run", description = "Print the resolved config, every default filled in, and exit.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or log lines on standard error.")
    boolean quiet;

    @Option(names = "--sweep", arity = "1..*", paramLabel = "KEY=V1,V2",
            description = "Run the grid of these values (each a separate run), e.g. --sweep loss.margin=0.5,1.0 "
                    + "encoder.embedding=64,128. Adds to the config's sweep: section.")
    List<String> sweepArgs = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Runs of a sweep at a time, each in its own process (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--resume", paramLabel = "SWEEP",
            description = "Continue an interrupted sweep (its folder under experiments/_sweeps/) without redoing finished runs.")
    Path resumeSweep;

    RunCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        if (resumeSweep != null) {
            return finish(SweepRunner.load(resumeSweep.toAbsolutePath(), siglabScript(), pluginsFolder()));
        }
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'CONFIG'");
        }
        if (!Files.isRegularFile(config)) {
            spec.commandLine().getErr().println("siglab run: no such config file: " + config);
            return 2;
        }
        Experiment experiment;
        try {
            experiment = owner.experiments.resolve(config, overrides);
        } catch (ConfigException e) {
            report(spec.commandLine(), e);
            return 2;
        }
        java.util.Map<String, List<String>> axes = new java.util.LinkedHashMap<>(experiment.sweep());
        for (String sweep : sweepArgs) {
            int equals = sweep.indexOf('=');
            if (equals <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sweep takes KEY=V1,V2,..., for example loss.margin=0.5,1.0; got '" + sweep + "'");
            }
            axes.put(sweep.substring(0, equals).trim(), SweepRunner.values(sweep.substring(equals + 1)));
        }
        if (!axes.isEmpty() || experiment.folds() > 0 && experiment.fold() == 0) {
            List<List<String>> grid = SweepRunner.grid(axes);
            List<SweepRunner.Item> items = new ArrayList<>();
            // Every point is validated before any work starts; a point with writer folds becomes
            // one run per fold, and its folds are split on the dataset now, so that a split that
            // cannot work (more folds than writers) stops here rather than in every fold's run.
            for (int p = 0; p < grid.size(); p++) {
                List<String> point = grid.get(p);
                List<String> all = new ArrayList<>(overrides);
                all.addAll(point);
                Experiment pointExperiment;
                try {
                    pointExperiment = owner.experiments.resolve(config, all);
                } catch (ConfigException e) {
                    if (!point.isEmpty()) {
                        spec.commandLine().getErr().println("siglab: sweep point " + String.join(" ", point) + ":");
                    }
                    report(spec.commandLine(), e);
                    return 2;
                }
                if (dryRun) {
                    if (!point.isEmpty()) {
                        spec.commandLine().getOut().println("# " + String.join(" ", point));
                    }
                    spec.commandLine().getOut().print(pointExperiment.yaml());
                }
                if (pointExperiment.folds() == 0 || pointExperiment.fold() > 0) {
                    items.add(new SweepRunner.Item(point, p, 0, 0));
                    continue;
                }
                List<WriterSplit> splits;
                try {
                    splits = owner.experiments.splits(pointExperiment);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("siglab run: " + (point.isEmpty() ? "" : "sweep point "
                            + String.join(" ", point) + ": ") + e.getMessage());
                    return 2;
                }
                for (WriterSplit split : splits) {
                    if (dryRun) {
                        spec.commandLine().getOut().println(describe(split));
                    }
                    List<String> foldPoint = new ArrayList<>(point);
                    foldPoint.add(FOLD_KEY + "=" + split.fold());
                    items.add(new SweepRunner.Item(foldPoint, p, split.fold(), split.folds()));
                }
            }
            if (dryRun) {
                spec.commandLine().getOut().flush();
                return 0;
            }
            SweepRunner sweep = SweepRunner.create(experimentsFolder.toAbsolutePath(), config, overrides, items,
                    grid.size(), siglabScript(), pluginsFolder());
            return finish(sweep);
        }
        if (dryRun) {
            spec.commandLine().getOut().print(experiment.yaml());
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path run = owner.experiments.run(experiment, new RunOptions(experimentsFolder.toAbsolutePath(), quiet));
        spec.commandLine().getOut().println(run);
        return 0;
    }

    /**
     * Runs a sweep's runs, then, when it holds writer folds, has {@code compare --sweep} write each
     * group's summary (folds.json in the sweep folder, the table, the HTML page); prints the sweep
     * folder last.
     */
    private int finish(SweepRunner sweep) throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        int failed = sweep.run(parallel, out, err);
        if (sweep.hasFoldGroups() && sweep.stopped()) {
            err.println("siglab run: stopped before the writer folds ended: no summary; siglab run --resume "
                    + sweep.folder() + " finishes them and writes it");
        } else if (sweep.hasFoldGroups()) {
            CommandLine commands = owner.commandLine(out, err);
            if (commands.getSubcommands().containsKey("compare")) {
                out.println();
                int code = commands.execute("compare", "--sweep", sweep.folder().toString(),
                        "--experiments", sweep.experiments().toString());
                if (code != 0) {
                    err.println("siglab run: no summary of the writer folds (compare ended with " + code + ")");
                }
            } else {
                err.println("siglab run: no compare command installed (bundle siglab.report): the writer folds' "
                        + "summary is not written");
            }
        }
        out.println(sweep.folder());
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** One fold's writers, for --dry-run. */
    static String describe(WriterSplit split) {
        return "# fold " + split.fold() + " of " + split.folds() + ": test " + String.join(", ", sorted(split.test()))
                + "; validation " + String.join(", ", sorted(split.val())) + "; " + split.train().size() + " training writers";
    }

    private static List<String> sorted(List<String> writers) {
        return writers.stream().sorted().toList();
    }

    private Path siglabScript() {
        return Path.of(owner.context.getProperty("siglab.home"), "siglab");
    }

    private String pluginsFolder() {
        String folder = owner.context.getProperty("felix.fileinstall.dir");
        return folder == null ? Path.of(owner.context.getProperty("siglab.home"), "plugins").toString() : folder;
    }

    static void report(CommandLine commandLine, ConfigException e) {
        commandLine.getErr().println("siglab: the config has " + e.problems().size()
                + (e.problems().size() == 1 ? " problem:" : " problems:"));
        for (ConfigProblem problem : e.problems()) {
            commandLine.getErr().println("  " + problem);
        }
        commandLine.getErr().flush();
    }
}
