package siglab.core.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.Locale;
import siglab.api.data.ImageBank;
import siglab.api.model.TrainingInput;

/**
 * The baseline that {@code siglab bench --baseline} holds SigLab against: the same encoder, batch
 * and images trained and embedded by the plainest DJL loop there is. Its batches are made once,
 * before timing, and stay on the engine's side; a step is forward, the loss formula written out in
 * NDArray operations, backward and the optimizer, with nothing else: no sampler, no SigLab loss
 * plug-in, no health checks, no progress, no checkpoints. Whatever SigLab spends beyond this is its
 * overhead.
 */
final class BareLoop implements AutoCloseable {

    /** Distinct batches cycled through; enough that no cache holds them all, few enough to make fast. */
    private static final int DISTINCT_BATCHES = 4;

    private final Model model;
    private final NDManager batches;
    private final NDArray[] inputs;
    private final NDArray[] labels;
    private final TrainingInput input;
    private final float margin;
    private final Trainer trainer;

    /**
     * @param model a freshly initialised encoder (the experiment's)
     * @param bank the images batches are drawn from
     * @param input pairs (contrastive loss) or triplets (triplet loss)
     * @param batch samples per step: pairs or triplets
     * @param optimizer adam, adamw, rmsprop or sgd, as the experiment's
     * @param rate its learning rate, fixed
     * @param margin the loss's margin
     * @param seed chooses the images of the batches
     */
    BareLoop(Model model, ImageBank bank, TrainingInput input, int batch, String optimizer, float rate,
            float margin, long seed) {
        this.model = model;
        this.input = input;
        this.margin = margin;
        this.batches = model.getNDManager().newSubManager();
        int images = batch * (input == TrainingInput.TRIPLETS ? 3 : 2);
        java.util.Random random = new java.util.Random(seed);
        inputs = new NDArray[DISTINCT_BATCHES];
        labels = new NDArray[DISTINCT_BATCHES];
        for (int b = 0; b < DISTINCT_BATCHES; b++) {
            int[] indices = random.ints(images, 0, bank.size()).toArray();
            inputs[b] = bank.batch(batches, indices);
            float[] y = new float[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = i % 2;
            }
            labels[b] = batches.create(y);
        }
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            if (parameter.getValue().requiresGradient() && !parameter.getValue().getArray().hasGradient()) {
                parameter.getValue().getArray().setRequiresGradient(true);
            }
        }
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer(optimizer, rate)));
    }

    private static Optimizer optimizer(String type, float rate) {
        Tracker fixed = Tracker.fixed(rate);
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(fixed).optMomentum(0.9f).build();
            case "rmsprop" -> Optimizer.rmsprop().optLearningRateTracker(fixed).build();
            default -> Optimizer.adam().optLearningRateTracker(fixed).build();
        };
    }

    /** Trains on {@code steps} batches; returns the seconds they took. */
    double train(int steps) {
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            int b = step % DISTINCT_BATCHES;
            try (NDManager scope = model.getNDManager().newSubManager()) {
                // What the step computes attaches to the step's manager; the batch goes back after it.
                inputs[b].tempAttach(scope);
                labels[b].tempAttach(scope);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray embeddings = trainer.forward(new NDList(inputs[b])).singletonOrThrow();
                    NDArray loss = loss(embeddings, labels[b]);
                    collector.backward(loss);
                }
                trainer.step();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Triplets: mean of max(0, d(a,p) - d(a,n) + margin); pairs (contrastive): mean of
     * y d + (1 - y) max(0, margin - sqrt d)^2; d the squared Euclidean distance.
     */
    private NDArray loss(NDArray embeddings, NDArray y) {
        if (input == TrainingInput.TRIPLETS) {
            NDList abc = embeddings.split(3);
            NDArray ap = abc.get(0).sub(abc.get(1)).square().sum(new int[] {1});
            NDArray an = abc.get(0).sub(abc.get(2)).square().sum(new int[] {1});
            return ap.sub(an).add(margin).maximum(0f).mean();
        }
        NDList ab = embeddings.split(2);
        NDArray d = ab.get(0).sub(ab.get(1)).square().sum(new int[] {1});
        NDArray apart = d.add(1e-12f).sqrt().neg().add(margin).maximum(0f).square();
        return y.mul(d).add(y.neg().add(1f).mul(apart)).mean();
    }

    /**
     * Embeds {@code count} images in inference mode, in batches of {@code batch} made before timing;
     * returns the seconds it took, the embeddings read back to the heap as SigLab does.
     */
    static double embed(Model model, ImageBank bank, int count, int batch) {
        try (NDManager made = model.getNDManager().newSubManager()) {
            int batchCount = (count + batch - 1) / batch;
            NDArray[] ready = new NDArray[batchCount];
            for (int b = 0; b < batchCount; b++) {
                int size = Math.min(batch, count - b * batch);
                int[] indices = new int[size];
                for (int i = 0; i < size; i++) {
                    indices[i] = (b * batch + i) % bank.size();
                }
                ready[b] = bank.batch(made, indices);
            }
            long start = System.nanoTime();
            for (NDArray images : ready) {
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    images.tempAttach(scope);
                    model.getBlock().forward(new ParameterStore(scope, false), new NDList(images), false)
                            .singletonOrThrow().toFloatArray();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    @Override
    public void close() {
        trainer.close();
        batches.close();
    }
}
