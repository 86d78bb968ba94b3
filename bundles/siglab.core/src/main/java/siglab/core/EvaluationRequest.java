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
 * @param pairs a fixed pair list for that dataset (headerless CSV {@code img1,img2,target}, target 1
 *     for a forged pair, paths relative to the root), or null for the run's pair protocol
 */
public record EvaluationRequest(Double threshold, String policy, Map<String, Object> policySettings,
        String datasetType, Path datasetRoot, Path pairs) {
    public EvaluationRequest {
        policySettings = policySettings == null ? Map.of() : Map.copyOf(policySettings);
    }
}
