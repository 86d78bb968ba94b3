package siglab.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.ModelExports;

/** {@code siglab export RUN}: a run's encoder as a DJL model that any Java application loads without SigLab. */
@Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Writes a finished run's encoder as a self-contained DJL model directory: the trained",
            "parameters, a jar with the encoder's block and SigLab's preprocessing as DJL translators (it needs",
            "only DJL's API and the MXNet engine), serving.properties, model.json (run, config, threshold,",
            "test metrics with pair counts, provenance, the training data's licence) and a README.",
            "Any Java application opens it with DJL's Criteria; see README.md, \"Using a trained encoder elsewhere\".",
            "Prints the folder (or archive) written as the last line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:exported", "1:the export failed", "2:not a finished run, or the target exists"},
        footer = {"", "Examples:",
            "  ./siglab export experiments/quickstart/20261128-120000-1a2b",
            "  ./siglab export experiments/quickstart/20261128-120000-1a2b --to /tmp/quickstart-model --zip",
            "  ./siglab verify --model /tmp/quickstart-model a.png b.png"})
final class ExportCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A finished run folder.")
    Path run;

    @Option(names = "--to", paramLabel = "DIR", description = "The model folder to write (new). Default: RUN/export.")
    Path to;

    @Option(names = "--zip", description = "Write DIR.zip, holding the model folder, instead of the folder.")
    boolean zip;

    ExportCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(run)) {
            spec.commandLine().getErr().println("siglab export: no such run folder: " + run);
            return 2;
        }
        Path target = to != null ? to : run.resolve("export");
        Path written = owner.modelExports("export").export(run, target, zip);
        spec.commandLine().getOut().println(written.toAbsolutePath().normalize());
        return 0;
    }
}
