package siglab.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import siglab.api.data.ImageBank;
import siglab.api.model.Distance;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;

/** A training context that records what the loop reports, with a tiny initialised encoder. */
final class FakeContext implements TrainingContext, AutoCloseable {

    final List<EpochRecord> epochs = new ArrayList<>();
    int batches;
    int stopAfterBatches = Integer.MAX_VALUE;
    int firstEpoch = 1;
    Consumer<EpochRecord> onEpoch = record -> {};
    /** Runs after each batch with the number of batches so far, outside any gradient recording. */
    Consumer<Integer> afterBatch = batch -> {};
    /** Validation metrics the core would report for an epoch. */
    IntFunction<Map<String, Double>> validation = epoch -> Map.of();
    final List<String> logs = new ArrayList<>();
    /** What {@link #history()} answers: the epochs a resumed run completed before. */
    List<EpochRecord> history = List.of();
    /** Blocks kept with the checkpoints, by name, and their parameters as of the last epoch's end. */
    final Map<String, Block> kept = new java.util.LinkedHashMap<>();
    final Map<String, byte[]> checkpoints = new java.util.LinkedHashMap<>();

    private final Model model;
    private final SiameseLoss loss;
    private final ImageBank bank;
    private final Random random = new Random(42);

    FakeContext(ImageBank bank, SiameseLoss loss) {
        this(bank, loss, tinyEncoder());
    }

    /** A context training {@code block}, which it initialises. */
    FakeContext(ImageBank bank, SiameseLoss loss, Block block) {
        this.bank = bank;
        this.loss = loss;
        this.model = Model.newInstance("fake");
        model.getNDManager().getEngine().setRandomSeed(42);
        model.setBlock(block);
        Shape image = bank.imageShape();
        block.initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1, image.get(0), image.get(1), image.get(2)));
    }

    private static Block tinyEncoder() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                // Unit-length embeddings, as seed-cnn makes, so that the margin matters.
                .add(list -> {
                    NDArray x = list.singletonOrThrow();
                    return new NDList(x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt()));
                });
    }

    /** mean(max(d(a,p) - d(a,n) + margin, 0)) with the squared Euclidean distance. */
    static SiameseLoss tripletLoss(float margin) {
        return new SiameseLoss() {
            @Override
            public TrainingInput input() {
                return TrainingInput.TRIPLETS;
            }

            @Override
            public NDArray compute(NDList e, NDArray labels) {
                NDArray positive = Distance.SQUARED_EUCLIDEAN.between(e.get(0), e.get(1));
                NDArray negative = Distance.SQUARED_EUCLIDEAN.between(e.get(0), e.get(2));
                return positive.sub(negative).add(margin).maximum(0f).mean();
            }
        };
    }

    /** y d² / 2 + (1 - y) max(margin - d, 0)² / 2 with the Euclidean distance. */
    static SiameseLoss contrastiveLoss(float margin) {
        return new SiameseLoss() {
            @Override
            public TrainingInput input() {
                return TrainingInput.PAIRS;
            }

            @Override
            public NDArray compute(NDList e, NDArray y) {
                NDArray d = Distance.EUCLIDEAN.between(e.get(0), e.get(1));
                NDArray push = y.neg().add(1f).mul(d.neg().add(margin).maximum(0f).square());
                return y.mul(d.square()).add(push).div(2f).mean();
            }
        };
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
        return bank;
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
        return history;
    }

    /** As the core does: restores a block from {@link #checkpoints} when one is there. */
    @Override
    public boolean keepWithCheckpoints(String name, Block block) throws java.io.IOException {
        kept.put(name, block);
        byte[] saved = checkpoints.get(name);
        if (saved == null) {
            return false;
        }
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(saved))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (ai.djl.MalformedModelException e) {
            throw new java.io.IOException(e);
        }
        return true;
    }

    @Override
    public EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds) {
        return endEpoch(epoch, meanLoss, samples, seconds, Map.of());
    }

    @Override
    public EpochRecord endEpoch(int epoch, double meanLoss, long samples, double seconds,
            Map<String, Double> training) {
        for (Map.Entry<String, Block> block : kept.entrySet()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                block.getValue().saveParameters(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            checkpoints.put(block.getKey(), bytes.toByteArray());
        }
        EpochRecord record = new EpochRecord(epoch, meanLoss, samples, seconds,
                validation.apply(epoch), training);
        epochs.add(record);
        onEpoch.accept(record);
        return record;
    }

    @Override
    public boolean stopRequested() {
        return batches >= stopAfterBatches;
    }

    @Override
    public Progress progress(String task, long total) {
        return new Progress() {
            @Override
            public void step(long steps, String status) {
                batches += (int) steps;
                afterBatch.accept(batches);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }

    @Override
    public void close() {
        model.close();
    }
}
