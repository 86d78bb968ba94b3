package siglab.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;

/**
 * The epoch and batch loop shared by the pair and triplet loops: each batch is one forward pass
 * over all of its images (so BatchNorm sees anchors, positives and negatives together), split
 * into the groups that the loss expects.
 */
abstract class SiameseLoop {

    /**
     * One batch to train on: images in group order, the number of groups, and the labels: pair
     * labels (N) for pairs, or class ids (N, 3) row by row for triplets.
     */
    record Batch(int[] indices, int groups, float[] labels, int[] classIds) {}

    /** What this loop feeds the loss. */
    abstract TrainingInput input();

    /** The YAML type of the loop that serves the other input, for the error message. */
    abstract String otherLoopType();

    /** Plural noun for one sample, for the progress display: "triplets" or "pairs". */
    abstract String unit();

    /**
     * How many items of the epoch's walk a full batch takes: anchors, or with
     * {@link EpochLength#PAIRS} genuine pairs.
     */
    abstract int walkedPerBatch(LoopSettings settings);

    /**
     * Draws the next batch, taking {@code walked} items of the epoch's walk: anchors, or with
     * {@link EpochLength#PAIRS} genuine pairs ({@link #walkedPerBatch} for a full batch, fewer for
     * the last batch of an epoch of pairs).
     */
    abstract Batch nextBatch(SiameseSampler sampler, LoopSettings settings, int walked);

    final void run(LoopSettings settings, Negatives negatives, TrainingContext context)
            throws Exception {
        TrainingInput wanted = context.loss().input();
        if (wanted != input()) {
            throw new IllegalArgumentException("loss " + lossName(context) + " trains on "
                    + wanted.name().toLowerCase(Locale.ROOT) + "; use training.type="
                    + otherLoopType());
        }
        ImageBank bank = context.trainingImages();
        SiameseSampler sampler = new SiameseSampler(bank, context.random(), negatives);
        int perBatch = walkedPerBatch(settings);
        // An epoch of pairs walks every genuine pair once: full batches, then the rest.
        long walk = settings.epoch() == EpochLength.PAIRS ? sampler.genuinePairCount()
                : sampler.anchorCount();
        int steps = settings.stepsPerEpoch() != null
                ? settings.stepsPerEpoch()
                : (int) Math.max(1, (walk + perBatch - 1) / perBatch);
        if (settings.epoch() == EpochLength.PAIRS) {
            context.log(String.format(Locale.ROOT, "an epoch covers the %d genuine pairs of the training"
                    + " writers once: %d batches", walk, steps));
        }
        Model model = context.model();
        Block block = model.getBlock();
        // One schedule for the encoder's and the head's optimizers; a resumed run replays its
        // history so that a plateau schedule continues at the rate it had reached.
        EpochScheduleTracker rate = settings.optimizer().tracker(steps, settings.epochs(),
                context.firstEpoch());
        rate.replay(context.history());
        // The DJL Loss is required by the Trainer but never called: SigLab's loss is computed here.
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(settings.optimizer().build(rate));
        // Random crops (image.preprocess: sigver) draw from a stream of their own, made only for a
        // bank that crops and before augmentation's: banks that do not crop train exactly as before,
        // and turning augmentation on or off does not move the crops.
        Random crops = bank.randomCrops() ? new Random(context.random().nextLong()) : null;
        // Its own random stream, drawn only when on, so that runs without augmentation sample
        // exactly as before.
        Augmentation augmentation = settings.augment().enabled()
                ? new Augmentation(new Augmenter(settings.augment()),
                        new Random(context.random().nextLong()))
                : null;
        EarlyStopping earlyStopping = new EarlyStopping(settings.earlyStopping());
        context.history().forEach(earlyStopping::update);
        // A loss with a learned head (such as logistic) trains it with the encoder: a trainer of its
        // own over the head's parameters, stepped after the encoder's. The core initialised it.
        Block head = context.loss().head();
        DefaultTrainingConfig headConfig = head == null ? null : new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(settings.optimizer().build(rate));
        try (Trainer trainer = model.newTrainer(trainingConfig);
                Model headModel = head == null ? null : Model.newInstance("head");
                Trainer headTrainer = head == null ? null : newHeadTrainer(headModel, head, headConfig)) {
            if (!block.isInitialized()) {
                Shape image = bank.imageShape();
                trainer.initialize(new Shape(1, image.get(0), image.get(1), image.get(2)));
            } else {
                requireGradients(block);
            }
            // The norms watch the parameters as initialised: after initialize, never before.
            try (Stepper stepper = new Stepper(trainer, headTrainer, model, new GlobalNorms(block, head),
                    rate, settings.optimizer(), steps)) {
                for (int epoch = context.firstEpoch(); epoch <= settings.epochs(); epoch++) {
                    double lossSum = 0;
                    long samples = 0;
                    long start = System.nanoTime();
                    stepper.startEpoch(epoch);
                    try (Progress progress = context.progress(
                            "epoch " + epoch + "/" + settings.epochs(), steps)) {
                        for (int step = 1; step <= steps; step++) {
                            if (context.stopRequested()) {
                                return;
                            }
                            long left = walk - (long) (step - 1) * perBatch;
                            int walked = settings.epoch() == EpochLength.PAIRS
                                    ? (int) Math.min(perBatch, left) : perBatch;
                            Batch batch = nextBatch(sampler, settings, walked);
                            float loss = stepper.step(step, manager -> loss(trainer, bank, batch, context,
                                    augmentation, crops, manager));
                            int size = batch.indices().length / batch.groups();
                            lossSum += (double) loss * size;
                            samples += size;
                            double seconds = (System.nanoTime() - start) / 1e9;
                            progress.step(1, String.format(Locale.ROOT, "loss %.4f, %.1f %s/s",
                                    lossSum / samples, samples / seconds, unit()));
                        }
                    }
                    Map<String, Double> statistics = stepper.endEpoch();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    EpochRecord record = context.endEpoch(epoch, lossSum / samples, samples, seconds,
                            statistics);
                    if (stepper.afterEpoch(record, earlyStopping, context)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * The loss of one batch: its images (random crops, augmented as configured) through the
     * encoder in one forward pass, split into the loss's groups; arrays attach to {@code manager}.
     */
    private static NDArray loss(Trainer trainer, ImageBank bank, Batch batch, TrainingContext context,
            Augmentation augmentation, Random crops, NDManager manager) {
        NDArray images = trainingImages(manager, bank, batch.indices(), augmentation, crops);
        NDArray labels = null;
        if (batch.labels() != null) {
            labels = manager.create(batch.labels());
        } else if (batch.classIds() != null) {
            labels = manager.create(batch.classIds(), new Shape(batch.classIds().length / 3, 3));
        }
        NDArray embeddings = trainer.forward(new NDList(images)).singletonOrThrow();
        return context.loss().compute(embeddings.split(batch.groups()), labels);
    }

    /**
     * The images a training batch feeds the encoder: random crops when {@code crops} is given (a
     * bank that crops), distorted when {@code augmentation} is on, else the cached images as they are.
     */
    static NDArray trainingImages(NDManager manager, ImageBank bank, int[] indices,
            Augmentation augmentation, Random crops) {
        if (augmentation != null) {
            return augmentation.batch(manager, bank, indices, crops);
        }
        return crops != null ? bank.trainingBatch(manager, indices, crops) : bank.batch(manager, indices);
    }

    /**
     * Distorts each image of a batch from its cached pixels, with a stream of its own; from a random
     * crop of them when {@code crops} is given. The batch is assembled in one direct buffer kept
     * from batch to batch, which the engine copies from at once: a heap array would make DJL
     * allocate a fresh native buffer per batch, freed only when the garbage collector runs.
     */
    static final class Augmentation {
        private final Augmenter augmenter;
        private final Random random;
        private java.nio.FloatBuffer buffer;

        Augmentation(Augmenter augmenter, Random random) {
            this.augmenter = augmenter;
            this.random = random;
        }

        NDArray batch(NDManager manager, ImageBank bank, int[] indices, Random crops) {
            Shape image = bank.imageShape();
            int channels = (int) image.get(0);
            int height = (int) image.get(1);
            int width = (int) image.get(2);
            int size = channels * height * width;
            int total = indices.length * size;
            if (buffer == null || buffer.capacity() < total) {
                buffer = java.nio.ByteBuffer.allocateDirect(total * Float.BYTES)
                        .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            }
            buffer.clear();
            for (int index : indices) {
                float[] source = crops == null ? bank.pixels(index) : bank.trainingPixels(index, crops);
                buffer.put(augmenter.apply(source, channels, height, width, random), 0, size);
            }
            buffer.flip();
            return manager.create(buffer, new Shape(indices.length, channels, height, width));
        }
    }

    /** A trainer over an already initialised head, whose parameters live with the encoder's model. */
    static Trainer newHeadTrainer(Model headModel, Block head, DefaultTrainingConfig config) {
        if (!head.isInitialized()) {
            throw new IllegalStateException("a head must be initialised before training (the core initialises a loss's head)");
        }
        headModel.setBlock(head);
        requireGradients(head);
        return headModel.newTrainer(config);
    }

    /**
     * Makes sure parameters restored from a checkpoint take gradients: loading does not always
     * attach them, and without them the first step fails.
     */
    static void requireGradients(Block block) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient() && parameter.isInitialized()
                    && !parameter.getArray().hasGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
    }

    private static String lossName(TrainingContext context) {
        return context.loss().getClass().getSimpleName();
    }

    /** Indices of {@code groups} equal-length arrays laid end to end. */
    static int[] concat(int[]... groups) {
        int length = 0;
        for (int[] group : groups) {
            length += group.length;
        }
        int[] all = new int[length];
        int at = 0;
        for (int[] group : groups) {
            System.arraycopy(group, 0, all, at, group.length);
            at += group.length;
        }
        return all;
    }
}
