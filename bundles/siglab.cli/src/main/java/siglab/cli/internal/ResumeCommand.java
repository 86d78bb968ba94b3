package siglab.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.RunOptions;

/** {@code siglab resume RUN}: continues a stopped run in its own folder. */
@Command(name = "resume", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Continues an interrupted, dead or failed run from its last completed epoch.",
            "The run keeps its folder and its stored config (no overrides: a changed config is a new run),",
            "trains to the configured number of epochs, then evaluates and draws as usual."},
        footer = {"", "Example:", "  ./siglab resume experiments/quickstart/20261128-120000-1a2b"})
final class ResumeCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or log lines on standard error.")
    boolean quiet;

    ResumeCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        Path folder = owner.experiments.resume(run.toAbsolutePath(), new RunOptions(run.toAbsolutePath().getParent(), quiet));
        spec.commandLine().getOut().println(folder);
        return 0;
    }
}
