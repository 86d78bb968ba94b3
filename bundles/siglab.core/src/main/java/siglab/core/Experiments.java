package siglab.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads experiment configs and runs them. */
public interface Experiments {

    /**
     * The environment variable that names the group of writer folds a run belongs to: set by the
     * sweep that runs a config's folds, recorded in the run's provenance.json with its fold.
     *
     * @since 1.1
     */
    String FOLD_GROUP_VARIABLE = "SIGLAB_FOLD_GROUP";

    /**
     * Composes a config file with command-line overrides ({@code key.path=value}) and validates it
     * against the installed plug-ins.
     *
     * @throws ConfigException listing every problem with its file, line and key
     */
    Experiment resolve(Path configFile, List<String> overrides) throws ConfigException, IOException;

    /** Runs an experiment into a new run folder and returns that folder. */
    Path run(Experiment experiment, RunOptions options) throws Exception;

    /**
     * Continues a run that was interrupted, died or failed, from its last completed epoch, in the
     * same folder, to the configured number of epochs.
     */
    Path resume(Path run, RunOptions options) throws Exception;

    /**
     * The status of a run folder: running, finished, failed, interrupted, or died (marked running
     * but its process is gone).
     */
    String status(Path run) throws IOException;

    /**
     * Re-evaluates a finished run without retraining: a new threshold or policy on the stored
     * scores, or the run's encoder on another dataset. Writes metrics.json, plots and reports into
     * a new folder {@code RUN/evaluations/<id>/} and returns it; the run's own results are untouched.
     */
    Path evaluate(Path run, EvaluationRequest request) throws Exception;

    /**
     * Measures an experiment's encoder on its own data without writing a run: parameter count,
     * forward multiply-adds per image, training samples per second with the configured loss and
     * loop (one warm-up epoch, then one timed epoch of {@code steps} batches), embeddings per
     * second, and peak resident memory; with {@link BenchOptions#baseline()} also a plain DJL loop
     * doing the same work, alternating with SigLab in rounds, and the ratios. Returns the figures
     * by name, in order.
     *
     * @since 1.2
     */
    java.util.Map<String, Object> benchmark(Experiment experiment, BenchOptions options) throws Exception;

    /**
     * Embeds two images with a run's encoder and returns their distance and the run's threshold.
     *
     * @return {distance, threshold}
     */
    double[] verify(Path run, Path imageA, Path imageB) throws Exception;

    /**
     * A finished run's encoder with its trained parameters, the plug-in and config that built it,
     * and the run's image settings and distance: what exporting the encoder needs.
     *
     * @throws IllegalArgumentException when the run has no trained encoder, naming the file
     * @since 1.2
     */
    default TrainedEncoder trainedEncoder(Path run) throws Exception {
        throw new UnsupportedOperationException("this workbench cannot open a run's encoder");
    }

    /**
     * Opens an experiment's dataset and splits its writers as a run would, without decoding any
     * image: one split for a config without folds or with a fold chosen, one per fold otherwise.
     *
     * @throws IllegalArgumentException when the split does not fit the dataset, naming the key
     *     (for example more folds than writers)
     * @since 1.1
     */
    default List<WriterSplit> splits(Experiment experiment) throws IOException {
        throw new UnsupportedOperationException("this workbench cannot split writers ahead of a run");
    }
}
