package siglab.metrics.internal;

import java.util.List;
import siglab.api.eval.ScoredPair;

/** Checks shared by the policies that learn a threshold from validation pairs. */
final class Policies {

    private Policies() {}

    /** The ROC curve of {@code validation}, which must hold genuine and negative pairs. */
    static RocCurve curveWithBothClasses(String policy, List<ScoredPair> validation) {
        RocCurve curve = RocCurve.of(validation);
        if (curve.genuine() == 0 || curve.negative() == 0) {
            throw new IllegalArgumentException("threshold policy " + policy
                    + " needs genuine and negative validation pairs, got " + curve.genuine()
                    + " genuine and " + curve.negative() + " negative");
        }
        return curve;
    }
}
