package siglab.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.ConfigException;
import siglab.core.Experiment;
import siglab.core.RunOptions;

/** {@code siglab rerun RUN}: repeats a run from its stored config into a new folder. */
@Command(name = "rerun", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Repeats a run from its stored, fully resolved config.yaml, into a new run folder.",
            "With the same seed on the same machine the final metrics are identical."},
        footer = {"", "Example:", "  ./siglab rerun experiments/quickstart/20261128-120000-1a2b"})
final class RerunCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder to repeat.")
    Path run;

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "Folder for the new run (default: the one the run is in).")
    Path experimentsFolder;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or log lines on standard error.")
    boolean quiet;

    RerunCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        Path config = run.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            spec.commandLine().getErr().println("siglab rerun: " + run + " is not a run folder (no config.yaml)");
            return 2;
        }
        Experiment experiment;
        try {
            experiment = owner.experiments.resolve(config, List.of());
        } catch (ConfigException e) {
            RunCommand.report(spec.commandLine(), e);
            return 2;
        }
        Path experiments = experimentsFolder != null ? experimentsFolder.toAbsolutePath()
                : run.toAbsolutePath().getParent().getParent();
        Path folder = owner.experiments.run(experiment, new RunOptions(experiments, quiet));
        spec.commandLine().getOut().println(folder);
        return 0;
    }
}
