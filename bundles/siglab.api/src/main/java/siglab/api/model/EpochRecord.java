package siglab.api.model;

import java.util.Map;

/**
 * One row of a run's history.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch
 * @param samples training pairs or triplets seen in the epoch
 * @param seconds wall time of the epoch's training, without validation
 * @param validation validation metrics by name (see {@link ValidationKeys})
 */
public record EpochRecord(int epoch, double loss, long samples, double seconds,
        Map<String, Double> validation) {
    public EpochRecord {
        validation = Map.copyOf(validation);
    }
}
