package siglab.core.internal;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import siglab.api.data.ImageBank;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingKeys;
import siglab.api.model.ValidationKeys;
import siglab.core.RunOptions;

/**
 * The training context of one run: validation, history, checkpoints, progress. Blocks kept with
 * the encoder (a loss's head as {@code head}, and whatever the loop keeps) are written beside
 * every checkpoint as {@code <checkpoint>-<name>.params}.
 */
final class RunTrainingContext implements TrainingContext {
    private final Model model;
    private final SiameseLoss loss;
    private final MemoryImageBank train;
    private final BoundExperiment experiment;
    private final Path run;
    private final EpochValidator validator;
    private final RunLog log;
    private final RunOptions options;
    private final Random random;
    private final List<EpochRecord> history;
    private final List<EpochRecord> previous;
    private final int firstEpoch;
    private final InterruptHandler interrupt;
    private final Consumer<RunHealth.Warning> warn;
    /** The untrained encoder's embedding spread on the validation images, NaN when unknown. */
    private final double untrainedSpread;
    /** Whether the last ended epoch had collapsed: one warning per collapse, not per epoch. */
    private boolean collapsed;
    /** Blocks whose parameters travel with the encoder's checkpoints, by name. */
    private final Map<String, Block> kept = new LinkedHashMap<>();
    /** The checkpoint the encoder was restored from (resuming), or null. */
    private final Path restoredFrom;
    private double bestAuc;
    int bestEpoch;
    int lastEpoch;

    RunTrainingContext(Model model, SiameseLoss loss, MemoryImageBank train, BoundExperiment experiment, Path run,
            EpochValidator validator, RunLog log, RunOptions options, ExperimentRunner.ResumeState state,
            InterruptHandler interrupt, Block head, double untrainedSpread, Consumer<RunHealth.Warning> warn) {
        if (head != null) {
            kept.put(ModelFiles.HEAD, head);
        }
        this.restoredFrom = state.parameters();
        this.untrainedSpread = untrainedSpread;
        this.warn = warn;
        this.history = new ArrayList<>(state.history());
        this.previous = List.copyOf(state.history());
        this.firstEpoch = state.firstEpoch();
        this.bestAuc = state.bestAuc();
        this.bestEpoch = state.bestEpoch();
        this.lastEpoch = state.firstEpoch() - 1;
        this.collapsed = !history.isEmpty()
                && RunHealth.collapsed(history.get(history.size() - 1).validation(), untrainedSpread);
        this.interrupt = interrupt;
        this.model = model;
        this.loss = loss;
        this.train = train;
        this.experiment = experiment;
        this.run = run;
        this.validator = validator;
        this.log = log;
        this.options = options;
        // A resumed run draws from a stream of its own, still fixed by the seed and the epoch.
        this.random = firstEpoch == 1 ? new Random(experiment.seed())
                : new Random(experiment.seed() ^ (0x9E3779B97F4A7C15L * firstEpoch));
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public SiameseLoss loss() {
        return loss;
    }

    @Override
    public ImageBank trainingImages() {
        return train;
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public int firstEpoch() {
        return firstEpoch;
    }

    @Override
    public List<EpochRecord> history() {
        return previous;
    }

    /** Every epoch's record so far: those a resumed run had, then this session's. */
    List<EpochRecord> epochs() {
        return List.copyOf(history);
    }

    @Override
    public boolean keepWithCheckpoints(String name, Block block) throws IOException {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a block kept with the checkpoints needs a lower-case name of"
                    + " letters, digits and '-', got '" + name + "'");
        }
        if (kept.containsKey(name)) {
            throw new IllegalArgumentException("a block named '" + name + "' is already kept with the checkpoints"
                    + (name.equals(ModelFiles.HEAD) ? " (the loss's head)" : ""));
        }
        kept.put(name, block);
        if (restoredFrom == null) {
            return false;
        }
        Path file = ModelFiles.companionFile(restoredFrom, name);
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot resume: " + file + " is missing (the checkpoint of the training loop's "
                    + name + ", written with " + restoredFrom.getFileName() + ")");
        }
        ModelFiles.loadBlock(block, model.getNDManager(), file);
        log.log("restored the training loop's " + name + " from " + file.getFileName());
        return true;
    }

    /** The history column of the process's resident memory (MiB) at the end of each epoch. */
    static final String RSS_MIB = "rss_mib";

    @Override
    public EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds) {
        return endEpoch(epoch, meanLoss, samples, seconds, Map.of());
    }

    @Override
    public EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds,
            Map<String, Double> training) {
        Map<String, Double> validation = validator.validate(model, epoch);
        // Resident memory once the epoch and its validation are done: flat from epoch to epoch, or a leak.
        Map<String, Double> measured = new java.util.LinkedHashMap<>(training);
        double resident = Benchmark.residentMiB();
        if (resident >= 0) {
            measured.put(RSS_MIB, resident);
        }
        EpochRecord record = new EpochRecord(epoch, meanLoss, samples, seconds, validation, measured);
        history.add(record);
        lastEpoch = epoch;
        long checkpointStart = System.nanoTime();
        try {
            // Checkpoints first, history last: resume trusts history.csv for how many epochs ended and loads
            // last.params, so a row must never be on disk before its epoch's parameters are (a kill between the
            // two used to resume with the previous epoch's parameters, or redo an epoch the history kept).
            Path checkpoints = run.resolve(RunFiles.CHECKPOINTS);
            save(checkpoints.resolve("last.params"));
            double auc = validation.get(ValidationKeys.AUC);
            if (auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = epoch;
                save(checkpoints.resolve("best.params"));
            }
            RunFiles.write(run.resolve(RunFiles.HISTORY), RunFiles.historyCsv(history));
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
        double checkpointMillis = (System.nanoTime() - checkpointStart) / 1e6;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d: loss %.4f, %d samples in %.1f s (%.0f/s)", epoch, meanLoss, samples, seconds,
                samples / Math.max(seconds, 1e-9)));
        if (training.containsKey(TrainingKeys.GRADIENT_NORM)) {
            line.append(String.format(Locale.ROOT, ", gradient norm %.3g (max %.3g)",
                    training.get(TrainingKeys.GRADIENT_NORM),
                    training.getOrDefault(TrainingKeys.GRADIENT_NORM_MAX, Double.NaN)));
        }
        if (training.containsKey(TrainingKeys.LEARNING_RATE)) {
            line.append(String.format(Locale.ROOT, ", lr %.3g", training.get(TrainingKeys.LEARNING_RATE)));
        }
        line.append(String.format(Locale.ROOT, "; history and checkpoints written in %.0f ms; validation:"
                + " triplet accuracy %.3f, AUC %.3f, d(a,p) %.3f±%.3f, d(a,n) %.3f±%.3f, embedding spread %.3f",
                checkpointMillis, validation.get(ValidationKeys.TRIPLET_ACCURACY), validation.get(ValidationKeys.AUC),
                validation.get(ValidationKeys.AP_MEAN), validation.get(ValidationKeys.AP_SD),
                validation.get(ValidationKeys.AN_MEAN), validation.get(ValidationKeys.AN_SD),
                validation.get(ValidationKeys.EMBEDDING_SPREAD)));
        log.log(line.toString());
        RunHealth.Warning collapse = RunHealth.collapse(epoch, validation, untrainedSpread, collapsed);
        if (collapse != null) {
            warn.accept(collapse);
        }
        collapsed = RunHealth.collapsed(validation, untrainedSpread);
        return record;
    }

    /** The history row of {@code epoch}, or null when no such epoch ended. */
    EpochRecord epochRecord(int epoch) {
        for (EpochRecord record : history) {
            if (record.epoch() == epoch) {
                return record;
            }
        }
        return null;
    }

    /** Writes the encoder to {@code file} and every kept block beside it. */
    private void save(Path file) throws IOException {
        ModelFiles.saveParameters(model, file);
        for (Map.Entry<String, Block> block : kept.entrySet()) {
            ModelFiles.saveBlock(block.getValue(), ModelFiles.companionFile(file, block.getKey()));
        }
    }

    @Override
    public boolean stopRequested() {
        return interrupt.requested();
    }

    @Override
    public Progress progress(String task, long total) {
        return ConsoleProgress.open(task, total, options.quiet());
    }

    @Override
    public void log(String message) {
        log.log(message);
    }
}
