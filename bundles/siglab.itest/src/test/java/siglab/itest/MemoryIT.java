package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training does not leak: the process's resident memory, which every epoch records in
 * history.csv ({@code rss_mib}, after the epoch's validation), stays flat from step 10 to step 50
 * of a run. A batch's arrays or buffers kept by mistake (a few MiB per step even for the tiny
 * images here) would add well over the margin in 40 steps.
 */
class MemoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Allowed growth from step 10 to step 50: allocator and JIT jitter, far below a leak. */
    private static final double MARGIN_MIB = 48;

    @TempDir
    Path work;

    @Test
    void residentMemoryAfterStep50IsWithinAMarginOfThatAfterStep10() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path experiments = work.resolve("experiments");
        List<String> args = new ArrayList<>(List.of("run", "configs/quickstart.yaml"));
        args.addAll(Arrays.asList(ResumeIT.TINY));
        // After the TINY settings (which end with training.epochs=3): 11 epochs of 5 steps each.
        args.addAll(List.of("training.epochs=11", "training.steps-per-epoch=5", "-q", "--experiments",
                experiments.toString()));
        Siglab.Result result = Siglab.run(plugins, Duration.ofMinutes(8), args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), result.toString());
        Path run = Path.of(result.lastLine());

        List<String> lines = Files.readAllLines(run.resolve("history.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int column = header.indexOf("rss_mib");
        assertTrue(column >= 0, "history.csv records resident memory per epoch: " + header);
        double[] rss = lines.stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",", -1)[column]))
                .toArray();
        assertEquals(11, rss.length, lines.toString());
        double afterStep10 = rss[1];
        double afterStep50 = rss[9];
        String story = String.format(Locale.ROOT, "resident MiB per epoch (5 steps each): %s", Arrays.toString(rss));
        assertTrue(afterStep10 > 100, "an implausible resident size: " + story);
        assertTrue(afterStep50 - afterStep10 <= MARGIN_MIB, "memory grows while training: " + story);

        JsonNode performance = JSON.readTree(run.resolve("provenance.json").toFile()).path("performance");
        assertTrue(performance.path("training_samples_per_second").asDouble() > 0, performance.toString());
        assertTrue(performance.path("embeddings_per_second").asDouble() > 0, performance.toString());
        assertTrue(performance.path("peak_rss_mib").asDouble() >= afterStep50, performance.toString());
    }
}
