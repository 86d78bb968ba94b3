package siglab.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the real framework from the real feature files, through ./siglab. */
class PlatformIT {

    private static final Duration QUICK = Duration.ofMinutes(2);

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    @Test
    void versionNamesTheMxnetEngineRunningOffline() throws Exception {
        Siglab.Result result = Siglab.run(plugins, QUICK, "--version");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("SigLab 0.1.0"), result.toString());
        assertTrue(result.out().contains("engine MXNet 1.9"), result.toString());
        assertTrue(result.out().contains("(offline)"), result.toString());
        assertTrue(result.out().contains("DJL 0.36.0"), result.toString());
    }

    @Test
    void pluginsListsEveryBundleActiveAndEveryStandardComponent() throws Exception {
        Siglab.Result result = Siglab.run(plugins, QUICK, "plugins");
        assertEquals(0, result.exitCode(), result.toString());
        for (String bundle : List.of("siglab.api", "siglab.core", "siglab.cli", "siglab.data", "siglab.encoders",
                "siglab.losses", "siglab.training", "siglab.metrics", "siglab.plots", "org.apache.felix.scr",
                "org.apache.felix.configadmin", "org.apache.felix.fileinstall")) {
            Matcher line = Pattern.compile("(?m)^\\s+\\d+\\s+(\\S+)\\s+" + Pattern.quote(bundle) + "\\s").matcher(result.out());
            assertTrue(line.find(), bundle + " is not listed\n" + result);
            assertEquals("ACTIVE", line.group(1), bundle + " is not active\n" + result);
        }
        for (String component : List.of("synthetic", "seed-cnn", "triplet", "triplets", "eer", "verification", "roc")) {
            assertTrue(Pattern.compile("(?m)^\\s{4}" + Pattern.quote(component) + "\\s+siglab\\.").matcher(result.out()).find(),
                    component + " is not listed\n" + result);
        }
        assertFalse(result.out().contains("cannot work"), result.toString());
    }

    @Test
    void pluginsOfOneKindShowConfigKeysWithDefaults() throws Exception {
        Siglab.Result result = Siglab.run(plugins, QUICK, "plugins", "--kind", "encoder");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Pattern.compile("(?m)^\\s+embedding\\s+integer\\s+default 256").matcher(result.out()).find(), result.toString());
        assertFalse(result.out().contains("Bundles:"), result.toString());
    }

    @Test
    void theCoreFeatureBootsWithoutTheStandardPlugins() throws Exception {
        Siglab.Result result = Siglab.run(plugins, QUICK, "--feature", "siglab.core", "plugins");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("siglab.core"), result.toString());
        assertFalse(result.out().contains("siglab.encoders"), result.toString());
        assertTrue(result.out().contains("(none installed)"), result.toString());
    }

    @Test
    void anUnknownCommandPrintsTheHelpAndExitsTwo() throws Exception {
        Siglab.Result result = Siglab.run(plugins, QUICK, "trian");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Unmatched argument at index 0: 'trian'"), result.toString());
        assertTrue(result.err().contains("Usage: siglab"), result.toString());
        Siglab.Result option = Siglab.run(plugins, QUICK, "plugins", "--knd", "encoder");
        assertEquals(2, option.exitCode(), option.toString());
        assertTrue(option.err().contains("Usage: siglab plugins"), option.toString());
    }

    @Test
    void anUnknownFeatureOrAMissingBundleStopsStartUpNamingIt() throws Exception {
        Siglab.Result unknown = Siglab.run(plugins, QUICK, "--feature", "siglab.nope", "plugins");
        assertNotEquals(0, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown feature 'siglab.nope'"), unknown.toString());
        assertTrue(unknown.err().contains("siglab.default"), unknown.toString());

        // A feature naming a bundle that the build did not assemble.
        Path features = Siglab.ROOT.resolve("features");
        Path broken = features.resolve("itest-missing-bundle.json");
        Files.writeString(broken, """
                {"feature-resource-version": "1.0", "id": "siglab:itest-missing-bundle:0.1.0",
                 "bundles": [{"id": "org.example:not.there:9.9.9"}]}
                """);
        try {
            Siglab.Result missing = Siglab.run(plugins, QUICK, "--feature", "itest-missing-bundle", "plugins");
            assertNotEquals(0, missing.exitCode(), missing.toString());
            assertTrue(missing.err().contains("org.example:not.there:9.9.9"), missing.toString());
        } finally {
            Files.delete(broken);
        }
    }

    @Test
    void theEngineStartsWithoutAnyNetwork() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux) is not installed");
        Siglab.Result probe = Siglab.runWith(plugins, List.of("unshare", "-n", "true"), QUICK);
        assumeTrue(probe.exitCode() == 0, "this machine does not allow a network namespace: " + probe.err());
        // No network at all, not even loopback: DJL must not need one.
        Siglab.Result result = Siglab.runWith(plugins, List.of("unshare", "-n"), QUICK, "--version");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("engine MXNet"), result.toString());
    }

    @Test
    void aWholeRunTriesNoNetworkConnection() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed (.ci/run installs it)");
        Path trace = work.resolve("trace.txt");
        // Engine start, data, training, evaluation, plots and report: not one connect() or sendto() to
        // an internet address (local sockets, such as the name-service cache's, are not the network).
        Siglab.Result result = Siglab.runWith(plugins, List.of("strace", "-f", "--seccomp-bpf", "-qq", "-e",
                "trace=connect,sendto", "-o", trace.toString()), Duration.ofMinutes(5), "run", "configs/quickstart.yaml",
                "training.epochs=1", "dataset.writers=10", "dataset.split={train: 6, val: 2, test: 2}",
                "validation.triplets=30", "-q", "--experiments", work.resolve("experiments").toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> calls = Files.readAllLines(trace).stream()
                .filter(line -> line.contains("AF_INET")).toList();
        assertEquals(List.of(), calls, "SigLab tried to reach the network");
    }

    @Test
    void fileInstallHotPlugsAnEncoderBundleAndUnplugsIt() throws Exception {
        Path jar = TestBundles.tinyEncoder(work, "tiny-linear");
        try (Siglab.Console console = new Siglab.Console(plugins)) {
            assertFalse(console.send("plugins --kind encoder").contains("tiny-linear"));
            Files.copy(jar, plugins.resolve("tiny.jar"));
            String listed = waitUntil(console, "plugins --kind encoder", output -> output.contains("tiny-linear"));
            assertTrue(listed.contains("tiny.encoder.tiny.linear 1.0.0"), listed);
            assertTrue(Pattern.compile("embedding\\s+integer\\s+default 16").matcher(listed).find(), listed);

            // Usable: a short experiment names it.
            Path experiments = work.resolve("experiments");
            String run = console.send("run configs/quickstart.yaml encoder.type=tiny-linear training.epochs=1 "
                    + "dataset.writers=9 dataset.genuine=4 dataset.forged=4 \'dataset.split={train: 5, val: 2, test: 2}\' "
                    + "image.height=64 image.width=96 validation.triplets=20 plots=[loss] -q --experiments " + experiments);
            assertFalse(run.isBlank(), "the run printed nothing\n" + console.stderr());
            Path folder = Path.of(run.strip().lines().reduce((a, b) -> b).orElseThrow());
            assertTrue(Files.exists(folder.resolve("metrics.json")), run + console.stderr());
            assertTrue(Files.readString(folder.resolve("config.yaml")).contains("type: tiny-linear"));

            Files.delete(plugins.resolve("tiny.jar"));
            String gone = waitUntil(console, "plugins --kind encoder", output -> !output.contains("tiny-linear"));
            assertFalse(gone.contains("tiny-linear"), gone);
            String unknown = console.send("run configs/quickstart.yaml encoder.type=tiny-linear --dry-run");
            assertFalse(unknown.contains("tiny-linear"), unknown);
            assertTrue(console.stderr().contains("unknown encoder type 'tiny-linear'"), console.stderr());
        }
    }

    @Test
    void aBundleWhoseActivatorThrowsIsReportedAndTheWorkbenchGoesOn() throws Exception {
        Files.copy(TestBundles.failingActivator(work), plugins.resolve("broken.jar"));
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});
        try (Siglab.Console console = new Siglab.Console(plugins)) {
            String listing = waitUntil(console, "plugins", output -> output.contains("broken.activator"));
            Matcher line = Pattern.compile("(?m)^\\s+\\d+\\s+(\\S+).*broken\\.activator").matcher(listing);
            assertTrue(line.find(), listing);
            assertNotEquals("ACTIVE", line.group(1), listing);
            assertTrue(listing.contains("seed-cnn"), "the standard plug-ins are still there\n" + listing);
            String stderr = waitForStderr(console, "corrupt.jar");
            assertTrue(stderr.contains("this activator fails on purpose"), stderr);
            assertTrue(console.send("--version").contains("SigLab"), "the workbench still answers");
        }
    }

    private static String waitUntil(Siglab.Console console, String command,
            java.util.function.Predicate<String> done) throws Exception {
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

    private static String waitForStderr(Siglab.Console console, String expected) throws Exception {
        for (int attempt = 0; attempt < 40; attempt++) {
            if (console.stderr().contains(expected)) {
                return console.stderr();
            }
            Thread.sleep(500);
        }
        return console.stderr();
    }
}
