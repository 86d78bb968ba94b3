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

/** {@code siglab run CONFIG [key=value...]}: runs an experiment into a new run folder. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Runs an experiment: trains, evaluates on test writers and writes a new run folder.",
            "The run folder's path is the last line of standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:the run failed (its folder is kept, marked failed)",
            "2:the command line or the config is wrong (nothing was run)"},
        footer = {"", "Examples:", "  ./siglab run configs/quickstart.yaml",
            "  ./siglab run configs/quickstart.yaml training.epochs=2 encoder.width=8 --experiments /tmp/exp",
            "  ./siglab run configs/quickstart.yaml --dry-run"})
final class RunCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML.")
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

    RunCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
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
        if (dryRun) {
            spec.commandLine().getOut().print(experiment.yaml());
            spec.commandLine().getOut().flush();
            return 0;
        }
        Path run = owner.experiments.run(experiment, new RunOptions(experimentsFolder.toAbsolutePath(), quiet));
        spec.commandLine().getOut().println(run);
        return 0;
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
