package siglab.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import siglab.core.EvaluationRequest;

/** {@code siglab eval RUN}: re-scores a finished run without retraining. */
@Command(name = "eval", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Re-evaluates a finished run without retraining, into RUN/evaluations/<id>/.",
            "With --threshold or --policy: new metrics, plots and confusion matrix from the stored scores.",
            "With --dataset: the run's encoder on another dataset (all its writers), at the run's threshold,",
            "beside that dataset's own EER. The run's own results are never touched.",
            "The evaluation folder's path is the last line of standard output."},
        footer = {"", "Examples:", "  ./siglab eval RUN --threshold 0.8", "  ./siglab eval RUN --policy far=0.01",
            "  ./siglab eval RUN --policy max-accuracy", "  ./siglab eval RUN --dataset cedar --root ../shared/datasets/cedar",
            "  ./siglab eval RUN --dataset sign-data --root sign_data/test --pairs sign_data/test_data.csv"})
final class EvalCommand implements Callable<Integer> {

    private final SigLabCommand owner;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A finished run folder.")
    Path run;

    static final class Decision {
        @Option(names = "--threshold", paramLabel = "T", description = "A fixed decision threshold.")
        Double threshold;

        @Option(names = "--policy", paramLabel = "POLICY",
                description = "A threshold policy on the stored validation pairs: eer, max-accuracy, far=0.01 (target FAR).")
        String policy;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Decision decision = new Decision();

    @Option(names = "--dataset", paramLabel = "TYPE", description = "Score the run's encoder on this dataset type instead.")
    String datasetType;

    @Option(names = "--root", paramLabel = "DIR", description = "Root folder of that dataset.")
    Path datasetRoot;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "With --dataset: score this fixed pair list (headerless CSV img1,img2,target; target 1 ="
                    + " forged pair; paths relative to the root) instead of the run's pair protocol.")
    Path pairs;

    EvalCommand(SigLabCommand owner) {
        this.owner = owner;
    }

    @Override
    public Integer call() throws Exception {
        String policy = decision == null ? null : decision.policy;
        Map<String, Object> settings = new LinkedHashMap<>();
        if (policy != null && policy.startsWith("far=")) {
            try {
                settings.put("far", Double.parseDouble(policy.substring(4)));
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy far= takes a number, e.g. far=0.01");
            }
            policy = "target-far";
        }
        if (datasetType != null && policy != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--policy needs validation pairs, which another dataset does not have: use --threshold or none");
        }
        if (pairs != null && datasetType == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pairs goes with --dataset TYPE --root DIR");
        }
        Path folder = owner.experiments.evaluate(run.toAbsolutePath(), new EvaluationRequest(
                decision == null ? null : decision.threshold, policy, settings, datasetType, datasetRoot, pairs));
        spec.commandLine().getOut().println(folder);
        return 0;
    }
}
