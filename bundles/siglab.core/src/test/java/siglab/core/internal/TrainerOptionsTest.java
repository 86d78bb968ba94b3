package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.core.ConfigException;
import siglab.core.ConfigProblem;

/** What the core does for the training options: a loop without a loss, encoder.init, kept blocks' files. */
class TrainerOptionsTest {

    static final Path CONFIGS = ConfigValidationTest.CONFIGS;
    final PluginRegistry plugins = FakePlugins.registry();

    @TempDir
    Path work;

    BoundExperiment bind(Path file, Map<String, String> recorded, String... overrides) throws Exception {
        ConfigReader.Located located = new ConfigReader().read(file, List.of(overrides));
        return new ConfigBinder(plugins, located, recorded).bind("x");
    }

    BoundExperiment bind(String... overrides) throws Exception {
        return bind(CONFIGS.resolve("base.yaml"), Map.of(), overrides);
    }

    @Test
    void aLoopWithoutALossIgnoresTheLossSectionAndDropsItFromTheResolvedConfig() throws Exception {
        BoundExperiment e = bind("training.type=fake-classify");
        assertNull(e.loss());
        assertEquals("fake-triplet", e.ignoredLoss());
        assertFalse(e.yaml().contains("loss:"), e.yaml());
        // The resolved config binds to itself, now without a loss section to ignore.
        Path stored = work.resolve("config.yaml");
        Files.writeString(stored, e.yaml());
        BoundExperiment again = bind(stored, Map.of());
        assertEquals(e.yaml(), again.yaml());
        assertNull(again.ignoredLoss());
        // A wrong loss section is not checked for a loop that ignores it; with a loss loop it is.
        assertNull(bind("training.type=fake-classify", "loss.type=no-such-loss").loss());
        ConfigException error = assertThrows(ConfigException.class, () -> bind("loss.type=no-such-loss"));
        assertTrue(error.problems().get(0).message().startsWith("unknown loss type 'no-such-loss'"),
                error.problems().toString());
        assertEquals("fake-triplet", bind().loss().type());
    }

    @Test
    void encoderInitIsACoreKeyOfEveryEncoderStoredAsAnAbsolutePath() throws Exception {
        BoundExperiment e = bind("encoder.init=runs/pretrained");
        Path expected = Path.of("runs/pretrained").toAbsolutePath().normalize();
        assertEquals(expected, e.encoderInit().run());
        assertNull(e.encoderInit().recordedSha256());
        assertEquals(new FakePlugins.CnnConfig(64, 0.0), e.encoder().config(), "init is not the plug-in's key");
        assertTrue(e.yaml().contains("encoder:\n  type: fake-cnn\n  init: " + expected + "\n  embedding: 64"), e.yaml());
        // Another encoder type: the section is replaced whole, init with it, and init may be given anew.
        BoundExperiment other = bind("encoder.init=runs/pretrained", "encoder.type=fake-mlp");
        assertEquals(expected, other.encoderInit().run());
        assertNull(bind("encoder.type=fake-mlp").encoderInit());
    }

    @Test
    void encoderInitMustBeAPath() {
        ConfigException error = assertThrows(ConfigException.class, () -> bind("encoder.init={run: x}"));
        List<String> problems = error.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of("command line: encoder.init: encoder.init takes the path of a finished run folder,"
                + " got '{\"run\":\"x\"}'"), problems);
    }

    /** A folder that looks like a finished run of a fake-cnn encoder, with its parameter file. */
    private Path finishedRun(String name, String status, String encoderType) throws Exception {
        Path run = Files.createDirectories(work.resolve("experiments").resolve(name).resolve("20260101-000000-0001"));
        Files.writeString(run.resolve("config.yaml"), "name: " + name + "\nencoder:\n  type: " + encoderType
                + "\n  embedding: 64\n  dropout: 0.0\nimage:\n  height: 20\n  width: 30\n");
        Files.writeString(run.resolve("provenance.json"), "{\"status\": \"" + status + "\"}");
        Files.createDirectories(run.resolve("model"));
        Files.write(run.resolve("model/encoder.params"), new byte[] {1, 2, 3});
        return run;
    }

    private String checkError(Path run, String recordedSha) throws Exception {
        BoundExperiment e = bind();
        return assertThrows(IllegalArgumentException.class,
                () -> new EncoderInit(run, recordedSha).check(e.resolved())).getMessage();
    }

    @Test
    void anInitThatIsNotAFinishedRunOfTheSameEncoderIsRefusedWithItsReason() throws Exception {
        Path missing = work.resolve("nowhere");
        assertEquals("encoder.init: " + missing + " is not a folder", checkError(missing, null));
        Path empty = Files.createDirectories(work.resolve("empty"));
        assertEquals("encoder.init: " + empty + " is not a run folder (no config.yaml or provenance.json)",
                checkError(empty, null));
        Path failed = finishedRun("failed", "failed", "fake-cnn");
        assertEquals("encoder.init: " + failed + " has not finished (status failed): only a finished run's encoder"
                + " can start another", checkError(failed, null));
        Path mlp = finishedRun("mlp", "finished", "fake-mlp");
        assertEquals("encoder.init: " + mlp + " trained a fake-mlp encoder; this config builds a fake-cnn encoder"
                + " (set encoder.type=fake-mlp with its settings, or another init)", checkError(mlp, null));
        Path good = finishedRun("good", "finished", "fake-cnn");
        Files.delete(good.resolve("model/encoder.params"));
        assertEquals("encoder.init: " + good + " has no model/encoder.params", checkError(good, null));
    }

    @Test
    void theOriginIsRecordedAndAChangedParameterFileIsRefused() throws Exception {
        Path origin = finishedRun("origin", "finished", "fake-cnn");
        String sha = EncoderInit.sha256(origin.resolve("model/encoder.params"));
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", sha, "SHA-256 of 1, 2, 3");
        BoundExperiment e = bind("encoder.init=" + origin);
        EncoderInit.Origin checked = e.encoderInit().check(e.resolved());
        Map<String, Object> recorded = checked.toMap();
        assertEquals(origin.toString(), recorded.get("run"));
        assertEquals("20260101-000000-0001", recorded.get("run_id"));
        assertEquals("origin", recorded.get("experiment"));
        assertEquals(Map.of("type", "fake-cnn", "embedding", 64, "dropout", 0.0), recorded.get("encoder"));
        assertEquals(sha, recorded.get("sha256"));

        // The run that started from it: its stored config, read from its folder, carries the digest.
        Path run = Files.createDirectories(work.resolve("experiments/tuned/run"));
        Files.writeString(run.resolve("config.yaml"), e.yaml());
        RunFiles.writeJson(run.resolve("provenance.json"), Map.of("status", "interrupted", "encoder_init", recorded));
        Map<String, String> digests = EncoderInit.recordedDigests(run.resolve("config.yaml"));
        assertEquals(Map.of(origin.toString(), sha), digests);
        BoundExperiment stored = bind(run.resolve("config.yaml"), digests);
        assertEquals(sha, stored.encoderInit().recordedSha256());
        stored.encoderInit().check(stored.resolved());
        // Overridden to another origin, the recorded digest does not apply.
        assertNull(bind(run.resolve("config.yaml"), digests, "encoder.init=" + work).encoderInit().recordedSha256());

        Files.write(origin.resolve("model/encoder.params"), new byte[] {1, 2, 4});
        String error = assertThrows(IllegalArgumentException.class,
                () -> stored.encoderInit().check(stored.resolved())).getMessage();
        assertTrue(error.startsWith("encoder.init: " + origin.resolve("model/encoder.params") + " has changed since this"
                + " run started from it (SHA-256 "), error);
        assertTrue(error.contains("recorded " + sha), error);
        assertEquals(Map.of(), EncoderInit.recordedDigests(CONFIGS.resolve("base.yaml")));
    }

    /** Parameters of another shape: the error names the parameter and the encoder keys that differ. */
    @Test
    void parametersOfAnotherShapeNameTheDifferingEncoderKeys() throws Exception {
        Path origin = finishedRun("shapes", "finished", "fake-cnn");
        try (Model small = Model.newInstance("small")) {
            small.setBlock(new SequentialBlock().add(Linear.builder().setUnits(4).build()));
            small.getBlock().initialize(small.getNDManager(), DataType.FLOAT32, new Shape(1, 6));
            ModelFiles.saveParameters(small, origin.resolve("model/encoder.params"));
        }
        BoundExperiment e = bind("encoder.init=" + origin, "encoder.embedding=8", "encoder.dropout=0.1");
        EncoderInit.Origin checked = e.encoderInit().check(e.resolved());
        try (Model large = Model.newInstance("large")) {
            large.setBlock(new SequentialBlock().add(Linear.builder().setUnits(8).build()));
            large.getBlock().initialize(large.getNDManager(), DataType.FLOAT32, new Shape(1, 6));
            String error = assertThrows(IllegalArgumentException.class,
                    () -> e.encoderInit().load(large, checked, e.resolved())).getMessage();
            assertEquals("encoder.init: the parameters of " + origin + " do not fit this encoder: parameter"
                    + " 01Linear_weight is (4, 6) there and (8, 6) here; differing settings: encoder.dropout 0.0 there,"
                    + " 0.1 here; encoder.embedding 64 there, 8 here; image 20x30 there, 155x220 here", error);
        }
        // The same shapes load, and the values are the origin's.
        try (Model same = Model.newInstance("same")) {
            same.setBlock(new SequentialBlock().add(Linear.builder().setUnits(4).build()));
            same.getBlock().initialize(same.getNDManager(), DataType.FLOAT32, new Shape(1, 6));
            e.encoderInit().load(same, checked, e.resolved());
            Path copy = work.resolve("copy.params");
            ModelFiles.saveParameters(same, copy);
            assertEquals(EncoderInit.sha256(origin.resolve("model/encoder.params")), EncoderInit.sha256(copy));
        }
    }

    @Test
    void blocksKeptWithTheEncoderLieBesideEachCheckpoint() {
        Path checkpoints = Path.of("run/checkpoints");
        assertEquals(checkpoints.resolve("best-classifier.params"),
                ModelFiles.companionFile(checkpoints.resolve("best.params"), "classifier"));
        assertEquals(checkpoints.resolve("last-head.params"), ModelFiles.headFile(checkpoints.resolve("last.params")));
        assertEquals(Path.of("run/model/head.params"), ModelFiles.headFile(Path.of("run/model/encoder.params")));
    }
}
