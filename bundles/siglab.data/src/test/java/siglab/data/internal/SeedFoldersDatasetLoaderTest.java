package siglab.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Dataset;
import siglab.api.data.Writer;

class SeedFoldersDatasetLoaderTest {

    @TempDir
    Path temp;

    private final SeedFoldersDatasetLoader loader = new SeedFoldersDatasetLoader();
    private Fixtures fixtures;

    @BeforeEach
    void notebookFolders() throws IOException {
        fixtures = new Fixtures(temp);
        for (String person : List.of("person1", "person2", "person10")) {
            String train = "data/" + person + "/Train/";
            fixtures.image(train + "g2.png");
            fixtures.image(train + "g10.PNG");
            fixtures.image(train + "f1.jpg");
            fixtures.text(train + person + "_train.csv", "file name,label", "g10.PNG,real", "g2.png, Real", "f1.jpg,forged");
            String test = "data/" + person + "/Test/";
            fixtures.image(test + "g3.tif");
            fixtures.image(test + "f2.png");
            fixtures.text(test + person + "_test.csv", "image,class", "f2.png,forged", "g3.tif,real");
        }
    }

    private Dataset open(String root) throws IOException {
        return loader.open(new SeedFoldersConfig(root), new TestContext(temp.resolve("cache"), temp));
    }

    @Test
    void listsTrainAndTestImagesOfEveryPerson() throws IOException {
        Dataset dataset = open("data");

        assertEquals(List.of("person1", "person2", "person10"), dataset.writers().stream().map(Writer::id).toList());
        Writer first = dataset.writers().get(0);
        assertEquals(List.of("g2.png", "g10.PNG", "g3.tif"), Fixtures.names(first.genuine()));
        assertEquals(List.of("f1.jpg", "f2.png"), Fixtures.names(first.forged()));
        assertEquals(temp.resolve("data/person1/Test/g3.tif"), first.genuine().get(2).file());
        assertEquals("9", dataset.parameters().get("genuine"));
        assertEquals("6", dataset.parameters().get("forged"));
        assertEquals(List.of(), dataset.warnings());
    }

    @Test
    void imagesTheCsvDoesNotLabelAreLeftOutWithAWarning() throws IOException {
        fixtures.image("data/person2/Test/extra.png");
        Dataset dataset = open("data");
        assertEquals(3, dataset.writers().get(1).genuine().size());
        String warnings = String.join("\n", dataset.warnings());
        assertTrue(warnings.contains("left out 1 image of " + temp.resolve("data/person2/Test")
                + " that person2_test.csv does not label: extra.png"), warnings);
    }

    @Test
    void aCsvWithoutHeaderIsReadFromItsFirstLine() throws IOException {
        fixtures.text("data/person1/Test/person1_test.csv", "f2.png,forged", "g3.tif,real");
        assertEquals(3, open("data").writers().get(0).genuine().size());
    }

    @Test
    void aCsvNamingAMissingFileIsRejectedWithFileAndLine() throws IOException {
        Path csv = fixtures.text("data/person2/Train/person2_train.csv", "file name,label", "g2.png,real", "g99.png,real");
        IOException e = assertThrows(IOException.class, () -> open("data"));
        assertTrue(e.getMessage().startsWith(csv + " line 3: 'g99.png' names a missing file"), e.getMessage());
    }

    @Test
    void aCsvPathOutsideTheRootIsRejected() throws IOException {
        fixtures.image("outside.png");
        Path csv = fixtures.text("data/person1/Train/person1_train.csv", "file name,label", "../../../outside.png,real");
        IOException e = assertThrows(IOException.class, () -> open("data"));
        assertTrue(e.getMessage().startsWith(csv + " line 2: '../../../outside.png' points outside the dataset root "
                + temp.resolve("data")), e.getMessage());
    }

    @Test
    void anUnknownLabelIsRejected() throws IOException {
        Path csv = fixtures.text("data/person1/Train/person1_train.csv", "file name,label", "g2.png,real", "f1.jpg,fake");
        IOException e = assertThrows(IOException.class, () -> open("data"));
        assertEquals(csv + " line 3: the label must be real or forged, was 'fake'", e.getMessage());
    }

    @Test
    void aFolderWithoutACsvOrWithTwoIsAnError() throws IOException {
        java.nio.file.Files.delete(temp.resolve("data/person10/Test/person10_test.csv"));
        IOException none = assertThrows(IOException.class, () -> open("data"));
        assertTrue(none.getMessage().contains(temp.resolve("data/person10/Test") + " does not match the seed-folders layout"),
                none.getMessage());
        assertTrue(none.getMessage().contains("it has no CSV file, found 2 files (f2.png, g3.tif)"), none.getMessage());

        fixtures.text("data/person10/Test/a.csv", "file name,label");
        fixtures.text("data/person10/Test/b.CSV", "file name,label");
        IOException two = assertThrows(IOException.class, () -> open("data"));
        assertTrue(two.getMessage().contains("it has 2 CSV files (a.csv, b.CSV) and needs exactly one"), two.getMessage());
    }

    @Test
    void emptyRootSaysWhatWasExpected() throws IOException {
        fixtures.folder("empty");
        IOException e = assertThrows(IOException.class, () -> open("empty"));
        assertTrue(e.getMessage().contains("does not match the seed-folders layout: expected the seed-folders layout "
                + "<root>/person<X>/Train/"), e.getMessage());
        assertTrue(e.getMessage().endsWith("it is empty"), e.getMessage());
    }

    @Test
    void aGenericLayoutIsNotTheNotebooks() throws IOException {
        fixtures.image("generic/alice/genuine/1.png");
        fixtures.image("generic/bob/forged/1.png");
        IOException e = assertThrows(IOException.class, () -> open("generic"));
        assertTrue(e.getMessage().endsWith("found 2 folders (alice, bob) but none with a Train/ or Test/ subfolder"),
                e.getMessage());
    }
}
