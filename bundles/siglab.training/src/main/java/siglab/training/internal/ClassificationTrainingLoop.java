package siglab.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.ImageBank;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingKeys;
import siglab.api.model.TrainingLoop;

/**
 * Trains the encoder as a writer classifier, the feature-learning recipe of SigNet (Hafemann et
 * al. 2017): a head over the training writers on the embedding, trained with cross-entropy, whose
 * encoder then verifies by distance (the head is not used for scoring). Each epoch uses every
 * training image once, in shuffled batches. With {@code forgeries: classes} each writer's
 * forgeries are a class of their own (as SigNet-F), so the embedding also learns to set them
 * apart. The head is this loop's own: it takes no {@code loss:} section, and its parameters are
 * kept with the encoder's checkpoints, so a resumed run continues with it.
 */
@Component(
        service = TrainingLoop.class,
        property = {
            SigLab.TYPE + "=classification",
            SigLab.DESCRIPTION
                    + "=Trains the encoder to classify the training writers (softmax or ArcFace head);"
                    + " verifies by distance."
        })
public class ClassificationTrainingLoop implements TrainingLoop<ClassificationConfig> {

    /** The name the head's checkpoint files carry: last-classifier.params, best-classifier.params. */
    static final String CHECKPOINT_NAME = "classifier";

    @Override
    public Class<ClassificationConfig> configType() {
        return ClassificationConfig.class;
    }

    @Override
    public int epochs(ClassificationConfig config) {
        return config.epochs();
    }

    @Override
    public boolean usesLoss(ClassificationConfig config) {
        return false;
    }

    /** The training images and their classes, in bank order. */
    record Labelled(int[] images, int[] classes, int classCount) {}

    /**
     * Every image that takes part, with its class: writer w's genuine images are one class, and
     * with {@code forgeries: classes} its forgeries another. Classes are numbered in the bank's
     * writer order, genuine classes first.
     */
    static Labelled label(ImageBank bank, String forgeries) {
        List<Integer> images = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int next = 0;
        for (String writer : bank.writers()) {
            int[] genuine = bank.genuine(writer);
            if (genuine.length > 0) {
                for (int index : genuine) {
                    images.add(index);
                    classes.add(next);
                }
                next++;
            }
        }
        if (forgeries.equals(ClassificationConfig.CLASSES)) {
            for (String writer : bank.writers()) {
                int[] forged = bank.forged(writer);
                if (forged.length > 0) {
                    for (int index : forged) {
                        images.add(index);
                        classes.add(next);
                    }
                    next++;
                }
            }
        }
        if (next < 2) {
            throw new IllegalArgumentException("training.type=classification needs at least two classes;"
                    + " the training writers give " + next);
        }
        return new Labelled(images.stream().mapToInt(Integer::intValue).toArray(),
                classes.stream().mapToInt(Integer::intValue).toArray(), next);
    }

    @Override
    public void train(ClassificationConfig config, TrainingContext context) throws Exception {
        ImageBank bank = context.trainingImages();
        Labelled labelled = label(bank, config.forgeries());
        int count = labelled.images().length;
        int steps = config.stepsPerEpoch() != null ? config.stepsPerEpoch()
                : Math.max(1, (count + config.batch() - 1) / config.batch());
        Model model = context.model();
        Block encoder = model.getBlock();
        Shape image = bank.imageShape();
        Shape input = new Shape(1, image.get(0), image.get(1), image.get(2));
        long embedding = encoder.getOutputShapes(new Shape[] {input})[0].get(1);

        WriterClassifier classifier = new WriterClassifier(config, labelled.classCount());
        Block head = classifier.head();
        head.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, embedding));
        boolean restored = context.keepWithCheckpoints(CHECKPOINT_NAME, head);
        context.log(String.format(Locale.ROOT, "classification: %d images of %d classes (%s), %s head on %d"
                + " dimensions%s; %d batches per epoch", count, labelled.classCount(),
                config.forgeries().equals(ClassificationConfig.CLASSES) ? "writers and their forgeries"
                        : "writers, forgeries ignored",
                config.head(), embedding, restored ? ", restored from the checkpoint" : "", steps));

        EpochScheduleTracker rate = config.optimizer().tracker(steps, config.epochs(), context.firstEpoch());
        rate.replay(context.history());
        EarlyStopping earlyStopping = new EarlyStopping(config.earlyStopping());
        context.history().forEach(earlyStopping::update);
        // Random crops and augmentation each draw from a stream of their own, made only when used,
        // in the same order as in the Siamese loops.
        Random crops = bank.randomCrops() ? new Random(context.random().nextLong()) : null;
        SiameseLoop.Augmentation augmentation = config.augment().enabled()
                ? new SiameseLoop.Augmentation(new Augmenter(config.augment()),
                        new Random(context.random().nextLong()))
                : null;
        // The DJL Loss is required by the Trainer but never called: the loss is computed here.
        DefaultTrainingConfig encoderConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(config.optimizer().build(rate));
        DefaultTrainingConfig headConfig = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(config.optimizer().build(rate));
        try (Trainer trainer = model.newTrainer(encoderConfig);
                Model headModel = Model.newInstance("classifier");
                Trainer headTrainer = SiameseLoop.newHeadTrainer(headModel, head, headConfig)) {
            if (!encoder.isInitialized()) {
                trainer.initialize(input);
            } else {
                SiameseLoop.requireGradients(encoder);
            }
            int[] order = labelled.images().clone();
            int cursor = order.length;
            int[] classOf = new int[bank.size()];
            for (int i = 0; i < count; i++) {
                classOf[labelled.images()[i]] = labelled.classes()[i];
            }
            // The Siamese loops' watch over finite numbers, gradient norm and rate, over the
            // encoder's and the head's parameters (made after initialize, so that it sees them all).
            try (Stepper stepper = new Stepper(trainer, headTrainer, model, new GlobalNorms(encoder, head),
                    rate, config.optimizer(), steps)) {
                for (int epoch = context.firstEpoch(); epoch <= config.epochs(); epoch++) {
                    double lossSum = 0;
                    long correct = 0;
                    long seen = 0;
                    long start = System.nanoTime();
                    stepper.startEpoch(epoch);
                    try (Progress progress = context.progress(
                            "epoch " + epoch + "/" + config.epochs(), steps)) {
                        for (int step = 1; step <= steps; step++) {
                            if (context.stopRequested()) {
                                return;
                            }
                            // By default near-equal batches that use every image once (the first
                            // count % steps hold one more); with steps-per-epoch, full batches in turn.
                            int size = config.stepsPerEpoch() != null ? config.batch()
                                    : count / steps + (step - 1 < count % steps ? 1 : 0);
                            int[] indices = new int[size];
                            for (int i = 0; i < size; i++) {
                                if (cursor == order.length) {
                                    shuffle(order, context.random());
                                    cursor = 0;
                                }
                                indices[i] = order[cursor++];
                            }
                            int[] labels = new int[size];
                            for (int i = 0; i < size; i++) {
                                labels[i] = classOf[indices[i]];
                            }
                            // The logits of the batch, before its update, for the training accuracy.
                            float[][] logits = new float[1][];
                            float loss = stepper.step(step, manager -> {
                                NDArray images = SiameseLoop.trainingImages(manager, bank, indices,
                                        augmentation, crops);
                                NDArray embeddings = trainer.forward(new NDList(images)).singletonOrThrow();
                                WriterClassifier.Output output = classifier.forward(embeddings, labels);
                                logits[0] = output.logits().toFloatArray();
                                return output.loss();
                            });
                            lossSum += (double) loss * size;
                            correct += WriterClassifier.correct(logits[0], labels, classifier.classes());
                            seen += size;
                            double seconds = (System.nanoTime() - start) / 1e9;
                            progress.step(1, String.format(Locale.ROOT, "loss %.4f, accuracy %.3f, %.1f images/s",
                                    lossSum / seen, correct / (double) seen, seen / seconds));
                        }
                    }
                    Map<String, Double> statistics = stepper.endEpoch();
                    double accuracy = correct / (double) seen;
                    statistics.put(TrainingKeys.CLASSIFIER_ACCURACY, accuracy);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    EpochRecord record = context.endEpoch(epoch, lossSum / seen, seen, seconds, statistics);
                    context.log(String.format(Locale.ROOT, "epoch %d: classifier training accuracy %.4f (%d of %d"
                            + " images, %d classes)", epoch, accuracy, correct, seen, labelled.classCount()));
                    if (stepper.afterEpoch(record, earlyStopping, context)) {
                        return;
                    }
                }
            }
        }
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
