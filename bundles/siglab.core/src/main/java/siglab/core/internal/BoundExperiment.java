package siglab.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import siglab.api.data.DatasetLoader;
import siglab.api.eval.ThresholdPolicy;
import siglab.api.model.Distance;
import siglab.api.model.EncoderFactory;
import siglab.api.model.LossFactory;
import siglab.api.model.TrainingLoop;
import siglab.core.Experiment;
import siglab.data.image.ImageSettings;

/**
 * An experiment with every plug-in found and every section bound to its config record.
 * {@code loss} is null when the training loop uses none ({@code ignoredLoss} is then non-null when a
 * loss section was given and is ignored: its type, or empty); {@code encoderInit} is null unless the encoder
 * starts from another run's parameters.
 */
record BoundExperiment(
        String name,
        long seed,
        Bound<DatasetLoader<Record>> dataset,
        SplitConfig split,
        boolean skipUnreadable,
        ImageSettings image,
        PairsConfig pairs,
        Bound<EncoderFactory<Record>> encoder,
        Bound<LossFactory<Record>> loss,
        Bound<TrainingLoop<Record>> training,
        Distance distance,
        Bound<ThresholdPolicy<Record>> threshold,
        List<String> metrics,
        List<String> plots,
        List<String> reports,
        ValidationConfig validation,
        ObjectNode resolved,
        String yaml,
        java.util.Map<String, java.util.List<String>> sweep,
        EncoderInit encoderInit,
        String ignoredLoss) implements Experiment {

    @Override
    public int folds() {
        return split.folds() == null ? 0 : split.folds();
    }

    @Override
    public int fold() {
        return split.fold() == null ? 0 : split.fold();
    }

    /** A plug-in with its type and bound config. */
    record Bound<P>(String type, P plugin, Record config) {}
}
