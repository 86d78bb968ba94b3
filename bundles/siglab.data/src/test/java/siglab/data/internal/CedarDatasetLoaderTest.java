package siglab.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Dataset;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;
import siglab.data.image.ImagePreprocessor;

class CedarDatasetLoaderTest {

    @TempDir
    Path temp;

    private final CedarDatasetLoader loader = new CedarDatasetLoader();

    private Dataset open(String root) throws IOException {
        return loader.open(new CedarConfig(root), new TestContext(temp.resolve("cache"), temp));
    }

    /** Writers 1, 2 and 10 with genuine numbers 1, 2, 10 and forgeries 1, 2, in mixed formats. */
    private void smallCedar(String root) throws IOException {
        Fixtures fixtures = new Fixtures(temp.resolve(root));
        for (String w : List.of("1", "2", "10")) {
            fixtures.image("full_org/original_" + w + "_10.png");
            fixtures.image("full_org/original_" + w + "_2.PNG");
            fixtures.image("full_org/original_" + w + "_1." + (w.equals("2") ? "TIF" : "png"));
            fixtures.image("full_forg/forgeries_" + w + "_1.png");
            fixtures.image("full_forg/forgeries_" + w + "_2." + (w.equals("10") ? "JPG" : "png"));
        }
    }

    @Test
    void listsWritersAndSamplesInNumericOrder() throws IOException {
        smallCedar("cedar");
        Dataset dataset = open("cedar");

        assertEquals(temp.resolve("cedar"), dataset.root());
        assertEquals(List.of("1", "2", "10"), dataset.writers().stream().map(Writer::id).toList());
        Writer two = dataset.writers().get(1);
        assertEquals(List.of("original_2_1.TIF", "original_2_2.PNG", "original_2_10.png"), Fixtures.names(two.genuine()));
        assertEquals(List.of("forgeries_2_1.png", "forgeries_2_2.png"), Fixtures.names(two.forged()));
        assertTrue(two.genuine().stream().allMatch(s -> s.writer().equals("2") && s.kind() == SampleKind.GENUINE));
        assertTrue(two.forged().stream().allMatch(s -> s.writer().equals("2") && s.kind() == SampleKind.FORGED));
        assertEquals("9", dataset.parameters().get("genuine"));
        assertEquals("6", dataset.parameters().get("forged"));
        assertEquals(List.of(), dataset.warnings());
    }

    @Test
    void everyListedImageDecodesWhateverItsFormat() throws IOException {
        smallCedar("cedar");
        for (Writer writer : open("cedar").writers()) {
            for (Sample sample : writer.genuine()) {
                assertEquals(12, ImagePreprocessor.decode(sample.file()).getWidth(), sample.file().toString());
            }
            for (Sample sample : writer.forged()) {
                assertEquals(12, ImagePreprocessor.decode(sample.file()).getWidth(), sample.file().toString());
            }
        }
    }

    @Test
    void strayFilesAndForgeriesWithoutGenuinesAreLeftOutWithWarnings() throws IOException {
        smallCedar("cedar");
        Fixtures fixtures = new Fixtures(temp.resolve("cedar"));
        fixtures.text("full_org/Thumbs.db", "x");
        fixtures.image("full_org/scan_1_3.png");
        fixtures.image("full_forg/forgeries_7_1.png");

        Dataset dataset = open("cedar");

        assertEquals(3, dataset.writers().size());
        String warnings = String.join("\n", dataset.warnings());
        assertTrue(warnings.contains("ignored 2 entries of " + temp.resolve("cedar/full_org")), warnings);
        assertTrue(warnings.contains("Thumbs.db"), warnings);
        assertTrue(warnings.contains("left out the forgeries of 1 writer with no genuine signature"), warnings);
    }

    @Test
    void defaultRootIsTheSharedCopy() {
        assertEquals("../shared/datasets/cedar", new CedarConfig(null).root());
    }

    @Test
    void emptyRootSaysWhatWasExpectedAndThatItIsEmpty() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> open("empty"));
        assertTrue(e.getMessage().contains("does not match the cedar layout"), e.getMessage());
        assertTrue(e.getMessage().contains("full_org/original_<w>_<n>.png"), e.getMessage());
        assertTrue(e.getMessage().contains("there is no full_org/ and full_forg/, it is empty"), e.getMessage());
    }

    @Test
    void aGenericLayoutIsNotCedarAndTheMessageSaysWhatWasFound() throws IOException {
        Fixtures fixtures = new Fixtures(temp.resolve("generic"));
        fixtures.image("alice/genuine/1.png");
        fixtures.image("bob/genuine/1.png");
        IOException e = assertThrows(IOException.class, () -> open("generic"));
        assertTrue(e.getMessage().contains("found 2 folders (alice, bob)"), e.getMessage());
    }

    @Test
    void aRootOneLevelTooHighPointsAtTheRightFolder() throws IOException {
        smallCedar("datasets/cedar");
        IOException e = assertThrows(IOException.class, () -> open("datasets"));
        assertTrue(e.getMessage().contains("did you mean dataset.root=" + temp.resolve("datasets/cedar")), e.getMessage());
    }

    @Test
    void missingForgeryFolderIsNamed() throws IOException {
        new Fixtures(temp.resolve("half")).image("full_org/original_1_1.png");
        IOException e = assertThrows(IOException.class, () -> open("half"));
        assertTrue(e.getMessage().contains("there is no full_forg/, found 1 folder (full_org)"), e.getMessage());
    }

    @Test
    void genuineFolderWithoutCedarNamesIsAnError() throws IOException {
        Fixtures fixtures = new Fixtures(temp.resolve("renamed"));
        fixtures.image("full_org/a.png");
        fixtures.folder("full_forg");
        IOException e = assertThrows(IOException.class, () -> open("renamed"));
        assertTrue(e.getMessage().contains("holds no original_<w>_<n> images, found 1 file (a.png)"), e.getMessage());
    }

    @Test
    void missingRootIsNamed() {
        IOException e = assertThrows(IOException.class, () -> open("nowhere"));
        assertTrue(e.getMessage().contains(temp.resolve("nowhere") + " does not exist"), e.getMessage());
    }

    /**
     * The shared copy of CEDAR: 55 writers with 24 genuine signatures and 24 forgeries each. Found
     * at -Dsiglab.cedar=DIR, or at ../../../shared/datasets/cedar from this module's folder.
     */
    @Test
    void realCedarHas55WritersWith24GenuineAnd24Forged() throws IOException {
        String property = System.getProperty("siglab.cedar");
        Path cedar = Path.of(property != null ? property : "../../../shared/datasets/cedar").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(cedar.resolve("full_org")),
                "CEDAR is not at " + cedar + " (set -Dsiglab.cedar=DIR to point at a copy); skipping the real-data check");

        Dataset dataset = loader.open(new CedarConfig(cedar.toString()), new TestContext(temp, temp));

        assertEquals(55, dataset.writers().size());
        for (Writer writer : dataset.writers()) {
            assertEquals(24, writer.genuine().size(), "genuine of writer " + writer.id());
            assertEquals(24, writer.forged().size(), "forged of writer " + writer.id());
        }
        assertEquals("1", dataset.writers().get(0).id());
        assertEquals("55", dataset.writers().get(54).id());
        assertEquals(List.of(), dataset.warnings());
    }
}
