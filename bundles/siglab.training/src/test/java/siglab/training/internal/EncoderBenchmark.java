package siglab.training.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import siglab.api.model.Distance;
import siglab.encoders.internal.KochConfig;
import siglab.encoders.internal.KochEncoderFactory;
import siglab.encoders.internal.ResNetConfig;
import siglab.encoders.internal.ResNetEncoderFactory;
import siglab.encoders.internal.SeedCnnConfig;
import siglab.encoders.internal.SeedCnnEncoderFactory;
import siglab.encoders.internal.SigNetConfig;
import siglab.encoders.internal.SigNetEncoderFactory;
import siglab.losses.internal.ContrastiveConfig;
import siglab.losses.internal.ContrastiveLossFactory;

/**
 * Measures one encoder at 155x220 on this machine: parameters, forward multiply-adds per image
 * (from the layer shapes), training pairs per second at batch 32 (the {@code pairs} loop with the
 * contrastive loss, one warm-up epoch, then a timed one), embeddings per second in inference at
 * batch 32, and the peak resident memory of the process. Not a unit test (unit tests never time
 * things): run one encoder per JVM, so that the peak memory is that encoder's, with the launcher's
 * native environment:
 *
 * <pre>
 * cd bundles/siglab.training &amp;&amp; mvn -B -q test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * for e in seed-cnn signet signet-quarter koch koch-half resnet; do
 *   OMP_NUM_THREADS=2 LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
 *   MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 OPT_OUT_TRACKING=true \
 *   DJL_CACHE_DIR=$HOME/.cache/siglab/djl java -Dai.djl.offline=true \
 *   -Dai.djl.default_engine=MXNet -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *   siglab.training.internal.EncoderBenchmark $e
 * done
 * </pre>
 *
 * <p>Arguments: the encoder (seed-cnn, signet, koch, resnet with default configs; signet-quarter
 * and koch-half as in configs/signet.yaml and configs/koch.yaml), training steps per epoch
 * (default 8) and inference batches (default 8).
 */
public final class EncoderBenchmark {

    private static final Shape IMAGE = new Shape(1, 155, 220);
    private static final int BATCH = 32;

    private EncoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "seed-cnn";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int inferenceBatches = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String loadBefore = loadAverage();

        long parameters;
        long trainable;
        long multiplyAdds;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = encoder(name);
            Shape one = new Shape(1, IMAGE.get(0), IMAGE.get(1), IMAGE.get(2));
            block.initialize(manager, DataType.FLOAT32, one);
            parameters = 0;
            trainable = 0;
            for (Pair<String, Parameter> pair : block.getParameters()) {
                long size = pair.getValue().getArray().size();
                parameters += size;
                trainable += pair.getValue().requiresGradient() ? size : 0;
            }
            multiplyAdds = multiplyAdds(block, new Shape[] {one});
        }

        // Training: barely disguised forgeries keep the contrastive loss above zero.
        PatternBank bank = new PatternBank(155, 220, 0.05f, 12, 8, 8, 11);
        var loss = new ContrastiveLossFactory().create(new ContrastiveConfig(null),
                Distance.EUCLIDEAN);
        PairsConfig config = new PairsConfig(2, BATCH, steps, null, "mixed", null, null, null);
        double pairsPerSecond;
        double embeddingsPerSecond;
        try (FakeContext context = new FakeContext(bank, loss, encoder(name))) {
            new PairTrainingLoop().train(config, context);
            var timed = context.epochs.get(1);
            pairsPerSecond = timed.samples() / timed.seconds();
            embeddingsPerSecond = inference(context.model(), bank, inferenceBatches);
        }

        System.out.printf(Locale.ROOT,
                "%s: %,d parameters (%,d trainable), %.1f MFLOPs/image (%.1f M multiply-adds),"
                        + " %.1f training pairs/s at batch %d, %.1f embeddings/s, peak RSS %s;"
                        + " load average %s before, %s after%n",
                name, parameters, trainable, 2 * multiplyAdds / 1e6, multiplyAdds / 1e6,
                pairsPerSecond, BATCH, embeddingsPerSecond, peakResident(), loadBefore,
                loadAverage());
    }

    static Block encoder(String name) {
        Shape image = IMAGE;
        switch (name) {
            case "seed-cnn":
                return new SeedCnnEncoderFactory().create(
                        new SeedCnnConfig(null, null, null, null, null, null, null), image);
            case "signet":
                return new SigNetEncoderFactory().create(
                        new SigNetConfig(null, null, null, null, null, null, null), image);
            case "signet-quarter":
                return new SigNetEncoderFactory().create(
                        new SigNetConfig(0.25, null, 256, 128, null, null, true), image);
            case "koch":
                return new KochEncoderFactory().create(
                        new KochConfig(null, null, null, null, null), image);
            case "koch-half":
                return new KochEncoderFactory().create(
                        new KochConfig(0.5, 256, "flatten", true, true), image);
            case "resnet":
                return new ResNetEncoderFactory().create(
                        new ResNetConfig(null, null, null, null, null), image);
            default:
                throw new IllegalArgumentException("unknown encoder " + name);
        }
    }

    /**
     * Multiply-adds of one forward pass of the convolutions and dense layers, walking sequential
     * and parallel blocks with their shapes; activations, normalisation and pooling are left out
     * (together well under 1% here).
     */
    static long multiplyAdds(Block block, Shape[] inputs) {
        if (block instanceof Conv2d || block instanceof Linear) {
            Shape output = block.getOutputShapes(inputs)[0];
            Shape weight = block.getParameters().get("weight").getArray().getShape();
            // Each output value costs one multiply-add per weight of its filter (or row).
            return output.size() / output.get(0) * (weight.size() / weight.get(0));
        }
        long total = 0;
        if (block instanceof SequentialBlock) {
            Shape[] shapes = inputs;
            for (Block child : block.getChildren().values()) {
                total += multiplyAdds(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
        } else if (block instanceof ParallelBlock) {
            for (Block child : block.getChildren().values()) {
                total += multiplyAdds(child, inputs);
            }
        }
        return total;
    }

    private static double inference(Model model, PatternBank bank, int batches) {
        Block block = model.getBlock();
        int[] indices = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            indices[i] = i % bank.size();
        }
        long start = 0;
        for (int b = -2; b < batches; b++) {
            if (b == 0) {
                start = System.nanoTime();
            }
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDArray images = bank.batch(sub, indices);
                NDArray embeddings = block.forward(new ParameterStore(sub, false),
                        new NDList(images), false).singletonOrThrow();
                embeddings.toFloatArray();
            }
        }
        return (double) batches * BATCH / ((System.nanoTime() - start) / 1e9);
    }

    private static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: no figure.
        }
        return "unknown";
    }

    private static String loadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
            return String.join(" ", parts.subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
