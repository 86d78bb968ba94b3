package siglab.api.model;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;

/** What the core hands a training loop: the model, the loss, the data and the run's services. */
public interface TrainingContext {

    /** The model whose block is the encoder, initialised (and restored when resuming). */
    Model model();

    /**
     * The loss to minimise; null (since 1.3) for a loop whose {@link TrainingLoop#usesLoss} is
     * false.
     */
    SiameseLoss loss();

    /** Images of the training writers. */
    ImageBank trainingImages();

    /** The run's random source, seeded from the experiment seed. */
    Random random();

    /** First epoch to run, 1-based: greater than 1 when a run is resumed. */
    int firstEpoch();

    /**
     * Ends an epoch: the core validates the encoder, records the history row, writes checkpoints
     * and returns the row with its validation metrics (for early stopping or schedules).
     */
    EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds);

    /**
     * Ends an epoch as {@link #endEpoch(int, double, long, double)} does, handing the core the
     * epoch's training statistics (see {@link TrainingKeys}) to record with its history row. A
     * context that predates them ignores them.
     *
     * @param training statistics by name, such as the mean gradient norm and the learning rate
     * @since 1.3
     */
    default EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds,
            Map<String, Double> training) {
        return endEpoch(epoch, meanLoss, samples, seconds);
    }

    /** True once the user asked to stop (Ctrl-C): the loop should return at the next batch. */
    boolean stopRequested();

    /** A progress display for {@code total} steps, labelled {@code task}. */
    Progress progress(String task, long total);

    /** Writes one line to the run's log. */
    void log(String message);

    /**
     * The epochs completed before {@link #firstEpoch()}, oldest first: empty for a fresh run, the
     * stored history for a resumed one, so that a loop can rebuild state that depends on past
     * validation (a learning-rate schedule on a plateau, early stopping).
     *
     * @since 1.3
     */
    default List<EpochRecord> history() {
        return List.of();
    }

    /**
     * Keeps a block of the loop's own, such as a classification head, with the encoder's
     * checkpoints: from now on its parameters are written beside every checkpoint of the encoder
     * (as {@code <checkpoint>-<name>.params}), and when the run resumes this call restores them
     * from the checkpoint the encoder was restored from. Call it once per block, after
     * initialising the block and before the first epoch.
     *
     * @param name a short lower-case name, unique within the run, such as {@code classifier}
     * @param block the initialised block
     * @return true when parameters were restored into {@code block} (a resumed run)
     * @throws IOException when a resumed run's checkpoint of the block cannot be read
     * @since 1.3
     */
    default boolean keepWithCheckpoints(String name, Block block) throws IOException {
        return false;
    }
}
