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
 * @param training statistics of the epoch's training by name (see {@link TrainingKeys}), empty
 *     when the loop reported none (since 1.3)
 */
public record EpochRecord(int epoch, double loss, long samples, double seconds,
        Map<String, Double> validation, Map<String, Double> training) {
    public EpochRecord {
        validation = Map.copyOf(validation);
        training = Map.copyOf(training);
    }

    /** A row without training statistics, as loops before 1.3 report it. */
    public EpochRecord(int epoch, double loss, long samples, double seconds,
            Map<String, Double> validation) {
        this(epoch, loss, samples, seconds, validation, Map.of());
    }
}
