package siglab.plots.internal;

import siglab.api.eval.RunResults;

/** Wording shared by the figures drawn from test pairs. */
final class TestPairs {

    private TestPairs() {}

    /** Why a figure that needs both classes cannot be drawn. */
    static String whyUndefined(int genuine, int negative, String figure) {
        if (genuine == 0 && negative == 0) {
            return "No test pairs were scored: there is no " + figure + " to draw.";
        }
        return "Test pairs hold " + genuine + " genuine and " + negative
                + " negative pairs: the " + figure + " needs both.";
    }

    /** "threshold 0.812 (eer)". */
    static String thresholdLabel(RunResults run) {
        String policy = run.thresholdPolicy() == null || run.thresholdPolicy().isBlank()
                ? "" : " (" + run.thresholdPolicy() + ")";
        return "threshold " + Figures.number(run.threshold()) + policy;
    }
}
