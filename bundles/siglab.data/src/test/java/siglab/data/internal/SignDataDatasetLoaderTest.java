package siglab.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Dataset;
import siglab.api.data.Writer;

class SignDataDatasetLoaderTest {

    @TempDir
    Path temp;

    private final SignDataDatasetLoader loader = new SignDataDatasetLoader();
    private Fixtures fixtures;

    @BeforeEach
    void splitFolders() throws IOException {
        fixtures = new Fixtures(temp);
        // As in the Kaggle copy: irregular names, .PNG beside .png.
        fixtures.image("sign_data/test/049/01_049.png");
        fixtures.image("sign_data/test/049/02_049.PNG");
        fixtures.image("sign_data/test/049/10_049.png");
        fixtures.image("sign_data/test/049_forg/01_0114049.PNG");
        fixtures.image("sign_data/test/049_forg/02_0206049.png");
        fixtures.image("sign_data/test/50/01_050.png");
        fixtures.image("sign_data/test/50/2_50.jpeg");
    }

    private Dataset open(SignDataConfig config) throws IOException {
        return loader.open(config, new TestContext(temp.resolve("cache"), temp));
    }

    private Dataset open(String root) throws IOException {
        return open(new SignDataConfig(root, null, null));
    }

    @Test
    void listsWritersFromIdAndIdForgFolders() throws IOException {
        Dataset dataset = open("sign_data/test");

        assertEquals(List.of("049", "50"), dataset.writers().stream().map(Writer::id).toList());
        Writer first = dataset.writers().get(0);
        assertEquals(List.of("01_049.png", "02_049.PNG", "10_049.png"), Fixtures.names(first.genuine()));
        assertEquals(List.of("01_0114049.PNG", "02_0206049.png"), Fixtures.names(first.forged()));
        assertTrue(dataset.writers().get(1).forged().isEmpty());
        assertEquals("5", dataset.parameters().get("genuine"));
        assertEquals("2", dataset.parameters().get("forged"));
        assertEquals(List.of(), dataset.warnings());
    }

    @Test
    void forgeriesWithoutGenuinesAndStrayFilesAreWarnedAbout() throws IOException {
        fixtures.image("sign_data/test/077_forg/01_0101077.png");
        fixtures.text("sign_data/test/notes.txt", "x");
        fixtures.text("sign_data/test/50/Thumbs.db", "x");

        Dataset dataset = open("sign_data/test");

        assertEquals(2, dataset.writers().size());
        String warnings = String.join("\n", dataset.warnings());
        assertTrue(warnings.contains("left out the forgeries of 1 writer with no genuine folder: 077_forg"), warnings);
        assertTrue(warnings.contains("ignored 1 file at the top of"), warnings);
        assertTrue(warnings.contains("ignored 1 entry of " + temp.resolve("sign_data/test/50")), warnings);
    }

    @Test
    void aPairListIsCheckedAndCounted() throws IOException {
        fixtures.text("sign_data/test_data.csv",
                "049/01_049.png,049/02_049.PNG,0",
                "049/01_049.png,049_forg/01_0114049.PNG,1",
                "",
                "\"50/01_050.png\",049_forg/02_0206049.png,1");

        Dataset dataset = open(new SignDataConfig("sign_data/test", "sign_data/test_data.csv", null));

        assertEquals("3", dataset.parameters().get("pairs"));
        assertEquals("1", dataset.parameters().get("pairs-genuine"));
        assertEquals("2", dataset.parameters().get("pairs-forged"));
        assertEquals(temp.resolve("sign_data/test_data.csv").toString(), dataset.parameters().get("pairs-file"));
        assertEquals(64, dataset.parameters().get("pairs-sha256").length());
        assertEquals(List.of(), dataset.warnings());
    }

    @Test
    void aPairNamingAMissingFileIsRejectedWithItsLine() throws IOException {
        Path csv = fixtures.text("pairs.csv", "049/01_049.png,049/02_049.PNG,0", "049/01_049.png,049/99_049.png,0");
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig("sign_data/test", "pairs.csv", null)));
        assertTrue(e.getMessage().startsWith(csv + " line 2: '049/99_049.png' names a missing file"), e.getMessage());
    }

    @Test
    void aPairPathClimbingOutOfTheRootIsRejected() throws IOException {
        fixtures.image("secret.png");
        Path csv = fixtures.text("pairs.csv", "049/01_049.png,../../secret.png,1");
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig("sign_data/test", "pairs.csv", null)));
        assertTrue(e.getMessage().startsWith(csv + " line 1: '../../secret.png' points outside the dataset root"),
                e.getMessage());
    }

    @Test
    void anAbsolutePairPathIsRejected() throws IOException {
        Path image = temp.resolve("sign_data/test/049/01_049.png");
        Path csv = fixtures.text("pairs.csv", image + ",049/02_049.PNG,0");
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig("sign_data/test", "pairs.csv", null)));
        assertTrue(e.getMessage().startsWith(csv + " line 1: '" + image + "' is an absolute path"), e.getMessage());
    }

    @Test
    void aHeaderOrABadTargetIsRejected() throws IOException {
        fixtures.text("header.csv", "img1,img2,target", "049/01_049.png,049/02_049.PNG,0");
        IOException header = assertThrows(IOException.class,
                () -> open(new SignDataConfig("sign_data/test", "header.csv", null)));
        assertTrue(header.getMessage().contains("line 1: target must be 0 (genuine pair) or 1 (forged pair), was 'target'"
                + " (the file must have no header line)"), header.getMessage());

        fixtures.text("short.csv", "049/01_049.png,049/02_049.PNG");
        IOException shortLine = assertThrows(IOException.class,
                () -> open(new SignDataConfig("sign_data/test", "short.csv", null)));
        assertTrue(shortLine.getMessage().contains("line 1: expected 3 fields"), shortLine.getMessage());
    }

    @Test
    void aPairNamingAFileOutsideTheWriterFoldersIsRejected() throws IOException {
        fixtures.image("sign_data/test/loose.png");
        fixtures.text("pairs.csv", "049/01_049.png,loose.png,1");
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig("sign_data/test", "pairs.csv", null)));
        assertTrue(e.getMessage().contains("line 1: 'loose.png' is not an image of the dataset"), e.getMessage());
    }

    @Test
    void aGenuinePairWithAForgeryIsWarnedAbout() throws IOException {
        fixtures.text("pairs.csv", "049/01_049.png,049_forg/01_0114049.PNG,0");
        Dataset dataset = open(new SignDataConfig("sign_data/test", "pairs.csv", null));
        assertTrue(dataset.warnings().get(0).startsWith("1 pairs of "), dataset.warnings().toString());
    }

    @Test
    void testImagesCopiedFromTrainAreCountedAndWarnedAbout() throws IOException {
        Path train = temp.resolve("sign_data/train");
        Files.createDirectories(train.resolve("049"));
        Files.createDirectories(train.resolve("049_forg"));
        Files.copy(temp.resolve("sign_data/test/049/01_049.png"), train.resolve("049/01_049.png"));
        Files.copy(temp.resolve("sign_data/test/049_forg/01_0114049.PNG"), train.resolve("049_forg/renamed.png"));
        fixtures.image("sign_data/train/001/01_001.png");

        Dataset dataset = open(new SignDataConfig("sign_data/test", null, "sign_data/train"));

        assertEquals("2", dataset.parameters().get("reference-duplicates"));
        assertEquals(train.toString(), dataset.parameters().get("reference"));
        String warnings = String.join("\n", dataset.warnings());
        assertTrue(warnings.contains("2 of 7 images of " + temp.resolve("sign_data/test")
                + " are byte-identical (SHA-256) to images in " + train), warnings);
    }

    @Test
    void aReferenceWithNoCopiesGivesNoWarning() throws IOException {
        fixtures.image("sign_data/train/001/01_001.png");
        Dataset dataset = open(new SignDataConfig("sign_data/test", null, "sign_data/train"));
        assertEquals("0", dataset.parameters().get("reference-duplicates"));
        assertEquals(List.of(), dataset.warnings());
    }

    @Test
    void aReferenceHoldingTheRootIsRejected() {
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig("sign_data/test", null, "sign_data")));
        assertTrue(e.getMessage().contains("must be a folder apart from the root"), e.getMessage());
    }

    @Test
    void emptyRootSaysWhatWasExpected() throws IOException {
        fixtures.folder("empty");
        IOException e = assertThrows(IOException.class, () -> open("empty"));
        assertTrue(e.getMessage().contains("does not match the sign-data layout: expected the sign-data layout <root>/<id>/"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("it is empty"), e.getMessage());
    }

    @Test
    void theParentOfTheSplitsPointsAtASplit() {
        IOException e = assertThrows(IOException.class, () -> open("sign_data"));
        assertTrue(e.getMessage().contains("none of the <id>/ folders holds images (they hold folders, such as test/049"),
                e.getMessage());
        assertTrue(e.getMessage().contains("point dataset.root at one split folder, such as " + temp.resolve("sign_data/test")),
                e.getMessage());
    }

    @Test
    void aCedarRootIsNotSignData() throws IOException {
        fixtures.image("cedar/full_org/original_1_1.png");
        fixtures.image("cedar/full_forg/forgeries_1_1.png");
        IOException e = assertThrows(IOException.class, () -> open("cedar"));
        assertTrue(e.getMessage().contains("no <id>_forg/ folder belongs to an <id>/ folder"), e.getMessage());
    }

    @Test
    void rootIsRequired() {
        IOException e = assertThrows(IOException.class, () -> open(new SignDataConfig(" ", null, null)));
        assertTrue(e.getMessage().contains("dataset.root is required for type sign-data"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }
}
