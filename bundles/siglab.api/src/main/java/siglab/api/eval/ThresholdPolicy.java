package siglab.api.eval;

import java.util.List;
import siglab.api.Configurable;

/**
 * Picks the decision threshold: a pair is "similar" when its distance is at most the threshold.
 * An implementation sees validation pairs only, never test pairs. Registered as a service with
 * {@link siglab.api.SigLab#TYPE} (the YAML {@code threshold.policy}).
 *
 * @param <C> its config record
 */
public interface ThresholdPolicy<C extends Record> extends Configurable<C> {

    /** The threshold for {@code validation} pairs. */
    double choose(C config, List<ScoredPair> validation);
}
