package siglab.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.ConfigException;
import siglab.core.Experiment;

/** {@code siglab bench CONFIG}: speed and size of an experiment's encoder, without a run. */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures the size and speed of an experiment's encoder, without a run.",
            "On the experiment's own data, with its loss and training loop: parameters, forward MFLOPs per",
            "image, training samples per second (one warm-up epoch, then one timed epoch of --steps batches),",
            "embeddings per second at batch 32, and the peak resident memory of the process. One encoder per",
            "call, so that each peak is its own."},
        footer = {"", "Examples:", "  ./siglab bench configs/quickstart.yaml",
            "  for e in seed-cnn signet koch resnet; do ./siglab bench configs/quickstart.yaml encoder.type=$e; done"})
final class BenchCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The experiment YAML.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Overrides, as for run.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "8",
            description = "Training batches in the timed epoch (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "8",
            description = "Inference batches of 32 timed (default: ${DEFAULT-VALUE}).")
    int batches;

    BenchCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(config)) {
            spec.commandLine().getErr().println("siglab bench: no such config file: " + config);
            return 2;
        }
        List<String> all = new ArrayList<>(overrides);
        all.add("training.epochs=2");
        all.add("training.steps-per-epoch=" + steps);
        Experiment experiment;
        try {
            experiment = owner.experiments.resolve(config, all);
        } catch (ConfigException e) {
            RunCommand.report(spec.commandLine(), e);
            return 2;
        }
        Map<String, Object> figures = owner.experiments.benchmark(experiment, steps, batches);
        for (Map.Entry<String, Object> figure : figures.entrySet()) {
            Object value = figure.getValue();
            String text = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d)
                    : value instanceof Long l ? String.format(Locale.ROOT, "%,d", l) : String.valueOf(value);
            spec.commandLine().getOut().printf(Locale.ROOT, "%-28s %s%n", figure.getKey(), text);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
