package siglab.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code siglab verify --run RUN A B}: the seed notebook's classify_images with a run's encoder; or
 * {@code --model DIR} with an exported model, loaded as any Java application loads it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Says whether two signature images are similar, using a run's encoder or an exported model.",
            "Embeds both, prints their distance and the threshold, then 'similar' (distance at most the",
            "threshold) or 'different'. The threshold is the run's, chosen on validation writers.",
            "With --model, the model written by 'siglab export' is opened with DJL's Criteria and its own",
            "translators, as an application using it would."},
        footer = {"", "Examples:", "  ./siglab verify --run experiments/quickstart/20261128-120000-1a2b ref.png questioned.png",
            "  ./siglab verify --model experiments/quickstart/20261128-120000-1a2b/export ref.png questioned.png"})
final class VerifyCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the encoder comes from: a run, or a model it was exported to. */
    static final class Source {
        @Option(names = "--run", required = true, paramLabel = "RUN", description = "A finished run folder.")
        Path run;

        @Option(names = "--model", required = true, paramLabel = "DIR",
                description = "A model written by 'siglab export' (its folder, or its .zip).")
        Path model;
    }

    @Option(names = "--threshold", paramLabel = "T",
            description = "Decision threshold (default: the run's, chosen on validation writers).")
    Double threshold;

    @Parameters(index = "0", paramLabel = "IMAGE_A", description = "The reference signature.")
    Path imageA;

    @Parameters(index = "1", paramLabel = "IMAGE_B", description = "The questioned signature.")
    Path imageB;

    VerifyCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        for (Path image : new Path[] {imageA, imageB}) {
            if (!Files.isRegularFile(image)) {
                spec.commandLine().getErr().println("siglab verify: no such image: " + image);
                return 2;
            }
        }
        if (source.model != null) {
            if (!Files.exists(source.model)) {
                spec.commandLine().getErr().println("siglab verify: no such model: " + source.model);
                return 2;
            }
            return print(owner.modelExports("verify").verify(source.model, imageA, imageB));
        }
        Path run = source.run;
        for (Path required : new Path[] {run.resolve("config.yaml"), run.resolve("model/encoder.params"),
                run.resolve("metrics.json")}) {
            if (!Files.isRegularFile(required)) {
                spec.commandLine().getErr().println("siglab verify: " + run + " is not a finished run (no " + required
                        + ")");
                return 2;
            }
        }
        return print(owner.experiments.verify(run, imageA, imageB));
    }

    /** Prints {distance, threshold} and the decision; the threshold is --threshold when given. */
    private int print(double[] result) {
        double limit = threshold != null ? threshold : result[1];
        String decision = result[0] <= limit ? "similar" : "different";
        spec.commandLine().getOut().printf(Locale.ROOT, "distance %.6f (threshold %.6f)%n%s%n", result[0], limit, decision);
        return 0;
    }
}
