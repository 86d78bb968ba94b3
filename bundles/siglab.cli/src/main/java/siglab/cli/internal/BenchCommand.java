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
import siglab.core.BenchOptions;
import siglab.core.ConfigException;
import siglab.core.Experiment;

/** {@code siglab bench CONFIG}: speed and size of an experiment's encoder, without a run. */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures the size and speed of an experiment's encoder, without a run.",
            "On the experiment's own data, with its loss and training loop: parameters, forward MFLOPs per",
            "image, training samples per second (one warm-up epoch, then one timed epoch of --steps batches),",
            "embeddings per second, and peak resident memory. With --baseline, the same work is done by a",
            "plain DJL loop too, in alternating rounds, and the ratios SigLab/bare are printed: the overhead",
            "of SigLab over the engine. One encoder per call, so that each peak is its own."},
        footer = {"", "Examples:", "  ./siglab bench configs/quickstart.yaml",
            "  ./siglab bench configs/cedar-signet.yaml --baseline",
            "  SIGLAB_ALLOCATOR=glibc ./siglab bench configs/quickstart.yaml --baseline",
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

    @Option(names = "--baseline",
            description = {"Also train and embed with a plain DJL loop (the same encoder, loss formula, batch",
                "and images; batches made beforehand; nothing else), alternating with SigLab in one",
                "process, and print both rates, their ratio and each phase's peak memory."})
    boolean baseline;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Times each measurement is repeated; figures are medians (default: 3 with --baseline, else 1).")
    Integer rounds;

    BenchCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(config)) {
            spec.commandLine().getErr().println("siglab bench: no such config file: " + config);
            return 2;
        }
        int repeat = rounds != null ? rounds : baseline ? 3 : 1;
        if (steps < 1 || batches < 1 || repeat < 1) {
            spec.commandLine().getErr().println("siglab bench: --steps, --batches and --rounds must be at least 1");
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
        Map<String, Object> figures = owner.experiments.benchmark(experiment,
                new BenchOptions(steps, batches, repeat, baseline));
        for (Map.Entry<String, Object> figure : figures.entrySet()) {
            Object value = figure.getValue();
            String text = value instanceof Double d
                    ? String.format(Locale.ROOT, figure.getKey().contains("ratio") ? "%.3f" : "%.1f", d)
                    : value instanceof Long l ? String.format(Locale.ROOT, "%,d", l) : String.valueOf(value);
            spec.commandLine().getOut().printf(Locale.ROOT, "%-28s %s%n", figure.getKey(), text);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
