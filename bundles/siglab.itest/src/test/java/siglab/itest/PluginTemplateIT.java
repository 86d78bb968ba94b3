package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plug-in guide of the README, followed to the letter: copy the template out of the
 * repository, build it with Maven there, drop the jar into a running workbench, train with it,
 * take it away.
 */
class PluginTemplateIT {

    @TempDir
    Path work;

    @Test
    void theTemplateBuildsOutsideSigLabAndRunsFromYamlWithoutARestart() throws Exception {
        Path jar = TestBundles.buildPluginTemplate(work);

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Siglab.Console console = new Siglab.Console(plugins)) {
            assertFalse(console.send("plugins --kind encoder").contains("example-mlp"));
            Files.copy(jar, plugins.resolve("my-encoder.jar"));
            String listed = waitUntil(console, "plugins --kind encoder", out -> out.contains("example-mlp"));
            assertTrue(listed.contains("siglab.example.encoder 1.0.0"), listed);
            assertTrue(Pattern.compile("hidden\\s+integer\\s+default 128\\s+Units of the hidden layer").matcher(listed).find(),
                    listed);

            Path experiments = work.resolve("experiments");
            String run = console.send("run configs/quickstart.yaml encoder.type=example-mlp encoder.hidden=32 "
                    + "training.epochs=2 dataset.writers=9 dataset.genuine=4 dataset.forged=4 "
                    + "'dataset.split={train: 5, val: 2, test: 2}' image.height=64 image.width=96 "
                    + "validation.triplets=20 plots=[loss] -q --experiments " + experiments);
            assertFalse(run.isBlank(), console.stderr());
            Path folder = Path.of(run.strip().lines().reduce((a, b) -> b).orElseThrow());
            assertTrue(Files.exists(folder.resolve("metrics.json")), console.stderr());
            String config = Files.readString(folder.resolve("config.yaml"));
            assertTrue(config.contains("type: example-mlp") && config.contains("hidden: 32"), config);
            assertTrue(Files.readString(folder.resolve("provenance.json")).contains("siglab.example.encoder"));

            Files.delete(plugins.resolve("my-encoder.jar"));
            String gone = waitUntil(console, "plugins --kind encoder", out -> !out.contains("example-mlp"));
            assertFalse(gone.contains("example-mlp"), gone);
        }
    }

    private static String waitUntil(Siglab.Console console, String command, Predicate<String> done) throws Exception {
        String output = "";
        for (int attempt = 0; attempt < 40; attempt++) {
            output = console.send(command);
            if (done.test(output)) {
                return output;
            }
            Thread.sleep(500);
        }
        return output;
    }
}
