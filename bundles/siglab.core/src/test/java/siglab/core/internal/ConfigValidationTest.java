package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.core.ConfigException;
import siglab.core.ConfigProblem;

/** The catalogue of bad configs in src/test/resources/configs and the exact errors each gives. */
class ConfigValidationTest {

    static final Path CONFIGS = Path.of("src/test/resources/configs").toAbsolutePath();
    final PluginRegistry plugins = FakePlugins.registry();

    BoundExperiment bind(String file, String... overrides) throws Exception {
        ConfigReader.Located located = new ConfigReader().read(CONFIGS.resolve(file), List.of(overrides));
        return new ConfigBinder(plugins, located).bind(file.replace(".yaml", ""));
    }

    List<String> problems(String file, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(file, overrides));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void twoLevelsOfExtendsMergeInOrderAndReplaceLists() throws Exception {
        BoundExperiment e = bind("sub/top.yaml");
        assertEquals("middle", e.name());
        assertEquals(7, e.seed());
        assertEquals(new FakePlugins.CnnConfig(64, 0.25), e.encoder().config());
        assertEquals(new FakePlugins.LoopConfig(8, new FakePlugins.OptimizerConfig("adam", 0.01)), e.training().config());
        assertEquals(List.of(), e.metrics(), "a list is replaced, not appended");
        assertEquals("fake-fixed", e.threshold().type());
        assertEquals(new FakePlugins.FixedConfig(0.9), e.threshold().config());
    }

    @Test
    void overridesAreTypedAsYamlAndCreateSections() throws Exception {
        BoundExperiment e = bind("base.yaml", "training.epochs=3", "training.optimizer.lr=1e-4", "encoder.dropout=0.5",
                "dataset.split={train: 2, val: 2, test: 1}");
        assertEquals(new FakePlugins.LoopConfig(3, new FakePlugins.OptimizerConfig("adam", 1e-4)), e.training().config());
        assertEquals(0.5, ((FakePlugins.CnnConfig) e.encoder().config()).dropout());
        assertEquals(2.0, e.split().val());
    }

    @Test
    void changingATypeDropsTheSettingsOfThePluginItReplaces() throws Exception {
        BoundExperiment e = bind("base.yaml", "encoder.margin=0.1", "encoder.type=fake-mlp");
        assertEquals("fake-mlp", e.encoder().type());
        assertEquals(new FakePlugins.MarginConfig(0.1), e.encoder().config());
    }

    @Test
    void theResolvedConfigFillsEveryDefaultAndResolvesToItself() throws Exception {
        BoundExperiment e = bind("base.yaml");
        assertTrue(e.yaml().contains("dropout: 0.0"), e.yaml());
        assertTrue(e.yaml().contains("distance: euclidean"), e.yaml());
        Path stored = java.nio.file.Files.createTempFile("resolved", ".yaml");
        java.nio.file.Files.writeString(stored, e.yaml());
        ConfigReader.Located again = new ConfigReader().read(stored, List.of());
        assertEquals(e.yaml(), new ConfigBinder(plugins, again).bind("x").yaml());
    }

    @Test
    void anUnknownKeyNamesFileLineColumnPathAndNearestKey() {
        assertEquals(List.of(CONFIGS.resolve("unknown-key.yaml") + ":3:3: encoder.embeding: unknown key 'embeding'"
                + " (did you mean 'embedding'?); valid keys: embedding, dropout"), problems("unknown-key.yaml"));
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        String file = CONFIGS.resolve("many-problems.yaml").toString();
        List<String> problems = problems("many-problems.yaml");
        assertEquals(List.of(
                file + ":2:1: trainig: unknown key 'trainig' (did you mean 'training'?); valid keys: name, description, "
                        + "seed, dataset, image, pairs, encoder, loss, training, distance, threshold, metrics, plots, "
                        + "reports, validation, sweep",
                file + ":3:28: encoder.dropout: dropout must be in [0, 1), got 1.5",
                file + ":4:13: training.epochs: expected an integer, got 'many'",
                file + ":4:40: training.optimizer.lr: expected a number, got 'fast'",
                file + ":4:50: training.optimizer.momentun: unknown key 'momentun'; valid keys: type, lr",
                file + ":5:9: loss.type: unknown loss type 'fake-tripplet' (did you mean 'fake-triplet'?); installed: "
                        + "fake-triplet",
                file + ":6:1: distance: unknown distance 'manhattan'; choose one of euclidean, squared-euclidean, cosine"),
                problems);
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        String file = CONFIGS.resolve("base.yaml").toString();
        assertEquals(List.of("command line: training.epochs: expected an integer, got 'many'"),
                problems("base.yaml", "training.epochs=many"));
        assertEquals(List.of("command line: training.optimizer.lr: expected a number, got 'fast'"),
                problems("base.yaml", "training.optimizer.lr=fast"));
        assertFalse(file.isEmpty());
    }

    @Test
    void imageSettingsOfSigverAreCheckedAndResolved() throws Exception {
        String file = CONFIGS.resolve("sigver-image.yaml").toString();
        assertEquals(List.of(file + ":4:3: image.canvas: canvas must be [height, width] in pixels, was [300]"),
                problems("sigver-image.yaml"));
        assertEquals(List.of(file + ":5:3: image.resize: resize [160, 242] must be at least height x width (170 x 220):"
                + " the encoder's input is cropped from it"), problems("sigver-image.yaml", "image.canvas=[300, 420]",
                "image.height=170"));
        assertEquals(List.of("command line: image.canvas: expected a list"),
                problems("sigver-image.yaml", "image.canvas=300"));

        BoundExperiment e = bind("sigver-image.yaml", "image.canvas=[300, 420]", "image.resize=[170, 242]");
        assertEquals(new siglab.data.image.ImageSettings(150, 220, true, "unit", "otsu", "sigver", List.of(300, 420),
                List.of(170, 242)), e.image());
        assertTrue(e.yaml().contains("preprocess: sigver"), e.yaml());
        // Switching back to fit drops sigver's settings, as changing a plug-in's type drops its settings.
        BoundExperiment fit = bind("sigver-image.yaml", "image.preprocess=fit");
        assertEquals(siglab.data.image.ImageSettings.defaults(), fit.image());
        assertFalse(fit.yaml().contains("canvas"), fit.yaml());
    }

    @Test
    void aMissingRequiredValueIsNamed() {
        assertEquals(List.of(CONFIGS.resolve("missing-required.yaml") + ":2:32: dataset.root: root is required: "
                + "the folder of the dataset"), problems("missing-required.yaml"));
        assertEquals(CONFIGS.resolve("no-encoder.yaml") + ": encoder.type: missing: say which encoder to use; "
                + "installed: fake-cnn, fake-mlp", problems("no-encoder.yaml").get(0));
    }

    @Test
    void anUnknownTypeListsTheInstalledOnes() {
        assertEquals(List.of("command line: encoder.type: unknown encoder type 'fake-cn' (did you mean 'fake-cnn'?); "
                + "installed: fake-cnn, fake-mlp"), problems("base.yaml", "encoder.type=fake-cn"));
    }

    @Test
    void extendsProblemsNameTheFiles() {
        List<String> cycle = problems("cycle-a.yaml");
        assertEquals(1, cycle.size());
        assertTrue(cycle.get(0).contains("extends forms a cycle"), cycle.toString());
        List<String> missing = problems("missing-base.yaml");
        assertEquals(List.of(CONFIGS.resolve("does-not-exist.yaml") + ": no such config file (named by extends in "
                + CONFIGS.resolve("missing-base.yaml") + ")"), missing);
    }

    @Test
    void brokenYamlSaysWhere() {
        List<String> problems = problems("not-yaml.yaml");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith(CONFIGS.resolve("not-yaml.yaml") + ":3:"), problems.toString());
        assertTrue(problems.get(0).contains("not valid YAML"), problems.toString());
    }

    @Test
    void aliasesAreNeverExpandedIntoABillionLaughs() {
        // The reader keeps data as it is written: an alias is not expanded, so ten levels of ten
        // cost ten nodes, not ten billion; the keys are simply unknown.
        List<String> problems = problems("alias-bomb.yaml");
        assertTrue(problems.stream().anyMatch(p -> p.contains("h: unknown key 'h'")), problems.toString());
    }

    @Test
    void tagsNeverConstructObjects() {
        List<String> problems = problems("java-tag.yaml");
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().noneMatch(p -> p.contains("ScriptEngineManager@")), problems.toString());
    }

    @Test
    void anOverrideMustBeKeyEqualsValue() {
        assertEquals(List.of("command line: training: an override is key.path=value, for example training.epochs=5"),
                problems("base.yaml", "training"));
        assertEquals(List.of("command line: seed.x: seed is a value, not a section"), problems("base.yaml", "seed.x=1"));
    }

    @Test
    void theSweepSectionListsValuesPerKey() throws Exception {
        BoundExperiment e = bind("sweep.yaml");
        assertEquals(Map.of("encoder.embedding", List.of("32", "64"), "loss.margin", List.of("0.1", "0.2", "0.3")),
                e.sweep());
        // A dotted override nests, so sweeps over dotted keys are given with --sweep or in YAML.
        assertEquals(List.of("sweep.loss: a sweep key takes a non-empty list of values"),
                problems("base.yaml", "sweep.loss.margin=0.5").stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList());
    }

    @Test
    void writerFoldsResolveToThemselvesAndRecordTheFold() throws Exception {
        BoundExperiment e = bind("folds.yaml");
        assertEquals(5, e.folds());
        assertEquals(0, e.fold(), "no fold chosen: the config stands for all five");
        assertEquals(new SplitConfig(null, 3.0, null, null, null, null, 5, null), e.split());
        BoundExperiment one = bind("base.yaml", "dataset.split={folds: 4}", "dataset.split.fold=2");
        assertEquals(4, one.folds());
        assertEquals(2, one.fold());
        assertTrue(one.yaml().contains("  split:\n    val: 0.1\n    folds: 4\n    fold: 2\n"), one.yaml());
        // The stored config of a fold repeats exactly that fold.
        Path stored = java.nio.file.Files.createTempFile("fold", ".yaml");
        java.nio.file.Files.writeString(stored, one.yaml());
        BoundExperiment again = new ConfigBinder(plugins, new ConfigReader().read(stored, List.of())).bind("x");
        assertEquals(one.split(), again.split());
        assertEquals(one.yaml(), again.yaml());
    }

    @Test
    void badWriterFoldsAreNamedWithTheirKey() {
        assertEquals(List.of(CONFIGS.resolve("folds-one.yaml") + ":2:21: dataset.split.folds: folds must be at least 2 "
                + "(each writer is a test writer in one fold, trained on in the others), was 1"), problems("folds-one.yaml"));
        assertEquals(List.of(CONFIGS.resolve("fold-outside.yaml") + ":3:22: dataset.split.fold: fold must be in 1..3 "
                + "(one of the 3 folds), was 4"), problems("fold-outside.yaml"));
        assertEquals(List.of(CONFIGS.resolve("base.yaml") + ":3:72: dataset.split.test: test cannot be combined with "
                + "folds: each fold tests on its own part (1/5) of the writers; give the whole split, e.g. split: "
                + "{folds: 5}, or set test: null"), problems("folds-over-counts.yaml"));
        assertEquals(List.of(CONFIGS.resolve("folds-with-test-writers.yaml") + ":3:47: dataset.split.test-writers: "
                + "test-writers cannot be combined with folds: each fold tests on its own part of the writers"),
                problems("folds-with-test-writers.yaml"));
        assertEquals(List.of("command line: dataset.split.fold: fold needs folds: fold N runs one of K writer folds, "
                + "e.g. split: {folds: 5, fold: 2}"), problems("base.yaml", "dataset.split.fold=2"));
        assertEquals(List.of("command line: dataset.split.train: train cannot be combined with folds: every writer "
                + "that is neither a test nor a validation writer of a fold trains; set train: null"),
                problems("base.yaml", "dataset.split={folds: 3, train: 5}"));
    }
}
