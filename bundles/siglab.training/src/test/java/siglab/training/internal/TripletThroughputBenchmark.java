package siglab.training.internal;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import siglab.api.model.Distance;
import siglab.encoders.internal.SeedCnnConfig;
import siglab.encoders.internal.SeedCnnEncoderFactory;
import siglab.losses.internal.TripletConfig;
import siglab.losses.internal.TripletLossFactory;

/**
 * Measures triplet training throughput of the default seed-cnn encoder at 155x220, batch 32, on
 * synthetic patterns whose forgeries are barely disguised, so that the loss stays above zero and
 * every step runs backward and the optimizer. Not a unit test (unit tests never time things): run its main by hand, with
 * the launcher's native environment (OMP_NUM_THREADS, jemalloc preloaded).
 *
 * <p>Arguments: epochs (default 4), steps per epoch (default 10), width (default 16).
 */
public final class TripletThroughputBenchmark {

    private TripletThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Integer width = args.length > 2 ? Integer.valueOf(args[2]) : null;
        PatternBank bank = new PatternBank(155, 220, 0.05f, 20, 12, 12, 11);
        SeedCnnConfig encoder = new SeedCnnConfig(width, null, null, null, null, null, null);
        var block = new SeedCnnEncoderFactory().create(encoder, new Shape(1, 155, 220));
        var loss = new TripletLossFactory().create(new TripletConfig(null, null),
                Distance.SQUARED_EUCLIDEAN);
        TripletsConfig config = new TripletsConfig(epochs, 32, steps, null, null, null, null);
        System.out.println("encoder " + encoder + "\ntraining " + config);
        try (FakeContext context = new FakeContext(bank, loss, block)) {
            context.onEpoch = record -> System.out.printf(Locale.ROOT,
                    "epoch %d: loss %.4f, %d triplets in %.1f s = %.1f triplets/s, %s%n",
                    record.epoch(), record.loss(), record.samples(), record.seconds(),
                    record.samples() / record.seconds(), memory());
            new TripletTrainingLoop().train(config, context);
        }
    }

    private static String memory() {
        try {
            StringBuilder out = new StringBuilder();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                    out.append(line.replaceAll("\\s+", " ")).append(' ');
                }
            }
            return out.toString().trim();
        } catch (IOException e) {
            return "memory unknown";
        }
    }
}
