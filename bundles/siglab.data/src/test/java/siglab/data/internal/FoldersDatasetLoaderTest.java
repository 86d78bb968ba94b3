package siglab.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Dataset;
import siglab.api.data.Sample;
import siglab.api.data.Writer;

class FoldersDatasetLoaderTest {

    @TempDir
    Path temp;

    private final FoldersDatasetLoader loader = new FoldersDatasetLoader();

    private Dataset open(String root) throws IOException {
        return loader.open(new FoldersConfig(root), new TestContext(temp.resolve("cache"), temp));
    }

    private void touch(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }

    @Test
    void listsWritersAndImagesSortedByNameInAnyExtensionCase() throws IOException {
        touch("data/bob/genuine/b.PNG");
        touch("data/bob/genuine/a.jpg");
        touch("data/bob/genuine/c.TIFF");
        touch("data/bob/genuine/readme.txt");
        touch("data/bob/forged/x.jpeg");
        touch("data/alice/Genuine/1.tif");
        touch("data/carol/genuine/.hidden.png");
        touch("data/notes.txt");

        Dataset dataset = open("data");

        assertEquals(temp.resolve("data"), dataset.root());
        assertEquals(List.of("alice", "bob"),
                dataset.writers().stream().map(Writer::id).collect(Collectors.toList()));
        Writer bob = dataset.writers().get(1);
        assertEquals(List.of("a.jpg", "b.PNG", "c.TIFF"), names(bob.genuine()));
        assertEquals(List.of("x.jpeg"), names(bob.forged()));
        assertTrue(dataset.writers().get(0).forged().isEmpty());
        String warnings = String.join("\n", dataset.warnings());
        assertTrue(warnings.contains("skipped writer carol"), warnings);
        assertTrue(warnings.contains("ignored 1 entries of " + temp.resolve("data/bob/genuine")), warnings);
    }

    @Test
    void absoluteRootsAreUsedAsTheyAre() throws IOException {
        touch("elsewhere/w1/genuine/1.png");
        Dataset dataset = open(temp.resolve("elsewhere").toString());
        assertEquals(1, dataset.writers().size());
    }

    @Test
    void missingRootSaysWhatWasExpected() {
        IOException e = assertThrows(IOException.class, () -> open("nowhere"));
        assertTrue(e.getMessage().contains(temp.resolve("nowhere") + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("expected <root>/<writer>/genuine/*.png"), e.getMessage());
    }

    @Test
    void emptyRootSaysItIsEmpty() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> open("empty"));
        assertTrue(e.getMessage().contains("found no writer folders (it is empty)"), e.getMessage());
    }

    @Test
    void foldersWithoutGenuineSubfoldersAreNamed() throws IOException {
        touch("cedar/full_org/original_1_1.png");
        touch("cedar/full_forg/forgeries_1_1.png");
        touch("cedar/other/x.png");
        IOException e = assertThrows(IOException.class, () -> open("cedar"));
        assertTrue(e.getMessage().contains(
                "found 3 folders, none with a genuine/ subfolder (for example full_forg, full_org, other)"),
                e.getMessage());
    }

    @Test
    void onlyEmptyGenuineFoldersIsAnError() throws IOException {
        Files.createDirectories(temp.resolve("hollow/w1/genuine"));
        touch("hollow/w1/forged/1.png");
        IOException e = assertThrows(IOException.class, () -> open("hollow"));
        assertTrue(e.getMessage().contains("1 with an empty genuine/ subfolder"), e.getMessage());
    }

    @Test
    void rootIsRequired() {
        IOException e = assertThrows(IOException.class,
                () -> loader.open(new FoldersConfig(null), new TestContext(temp, temp)));
        assertTrue(e.getMessage().contains("root is required"), e.getMessage());
    }

    private static List<String> names(List<Sample> samples) {
        return samples.stream().map(s -> s.file().getFileName().toString()).collect(Collectors.toList());
    }
}
