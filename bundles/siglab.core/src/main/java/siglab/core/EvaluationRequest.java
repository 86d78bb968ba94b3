package siglab.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code siglab eval} asks of a finished run.
 *
 * @param threshold a fixed threshold, or null
 * @param policy a threshold policy type applied to the stored validation pairs, or null (with no
 *     threshold either: the run's own threshold)
 * @param policySettings the policy's settings, such as {@code far: 0.01}
 * @param datasetType another dataset to score the run's encoder on, or null for the run's own pairs
 * @param datasetRoot that dataset's root
 */
public record EvaluationRequest(Double threshold, String policy, Map<String, Object> policySettings,
        String datasetType, Path datasetRoot) {
    public EvaluationRequest {
        policySettings = policySettings == null ? Map.of() : Map.copyOf(policySettings);
    }
}
