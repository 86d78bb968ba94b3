package siglab.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.data.Dataset;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;

class SyntheticDatasetLoaderTest {

    @TempDir
    Path temp;

    private final SyntheticDatasetLoader loader = new SyntheticDatasetLoader();

    /** A small set: 5 writers x (4 genuine + 3 forged) at 64 x 96. */
    private static SyntheticConfig small(long seed, String export) {
        return new SyntheticConfig(5, 4, 3, seed, 64, 96, null, export);
    }

    private Dataset open(SyntheticConfig config, String cache) throws IOException {
        return loader.open(config, new TestContext(temp.resolve(cache), temp));
    }

    @Test
    void defaultsAreDocumentedValues() {
        SyntheticConfig defaults = new SyntheticConfig(null, null, null, null, null, null, null, null);
        assertEquals(40, defaults.writers());
        assertEquals(12, defaults.genuine());
        assertEquals(12, defaults.forged());
        assertEquals(7L, defaults.seed());
        assertEquals(155, defaults.height());
        assertEquals(220, defaults.width());
        assertEquals(0.5, defaults.forgerySkill());
        assertEquals(null, defaults.export());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticConfig(null, null, null, null, null, null, 1.5, null));
        assertTrue(e.getMessage().startsWith("forgery-skill"), e.getMessage());
    }

    @Test
    void writersSamplesAndLayout() throws IOException {
        Dataset dataset = open(small(7, null), "cache");

        assertEquals(List.of("w000", "w001", "w002", "w003", "w004"),
                dataset.writers().stream().map(Writer::id).collect(Collectors.toList()));
        assertTrue(dataset.root().startsWith(temp.resolve("cache").resolve("synthetic")));
        assertTrue(dataset.warnings().isEmpty());
        assertEquals(SignatureGenerator.VERSION, dataset.parameters().get("generator"));
        assertEquals("7", dataset.parameters().get("seed"));
        assertEquals("0.5", dataset.parameters().get("forgery-skill"));
        for (Writer writer : dataset.writers()) {
            assertEquals(4, writer.genuine().size());
            assertEquals(3, writer.forged().size());
            for (Sample sample : writer.genuine()) {
                assertEquals(SampleKind.GENUINE, sample.kind());
                assertEquals(dataset.root().resolve(writer.id()).resolve("genuine"),
                        sample.file().getParent());
            }
            assertEquals(dataset.root().resolve(writer.id()).resolve("forged").resolve(writer.id() + "_f00.png"),
                    writer.forged().get(0).file());
        }
        float[] pixels = new ImagePreprocessor(new ImageSettings(64, 96, true, null))
                .load(dataset.writers().get(0).genuine().get(0).file());
        float max = 0;
        for (float v : pixels) {
            max = Math.max(max, v);
        }
        assertTrue(max > 0.8f, "a signature has dark ink, max ink " + max);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        Dataset first = open(small(7, null), "one");
        Dataset second = open(small(7, null), "two");
        Dataset other = open(small(8, null), "three");

        List<Path> a = files(first);
        List<Path> b = files(second);
        List<Path> c = files(other);
        assertEquals(a.size(), b.size());
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
            if (!java.util.Arrays.equals(Files.readAllBytes(a.get(i)), Files.readAllBytes(c.get(i)))) {
                differing++;
            }
        }
        assertEquals(a.size(), differing, "every image of another seed differs");
        assertFalse(first.root().getFileName().equals(other.root().getFileName()));
    }

    @Test
    void secondOpenReusesTheFolderAndAMissingMarkerRegenerates() throws IOException {
        TestContext context = new TestContext(temp.resolve("cache"), temp);
        Dataset first = loader.open(small(7, null), context);
        Path image = first.writers().get(2).forged().get(1).file();
        byte[] bytes = Files.readAllBytes(image);
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(image, stamp);

        loader.open(small(7, null), context);
        assertTrue(context.log.get(1).contains("reusing"), context.log.toString());
        assertEquals(stamp, Files.getLastModifiedTime(image), "a reused image is not rewritten");

        Files.delete(first.root().resolve(SyntheticDatasetLoader.MARKER));
        Files.delete(image);
        Dataset again = loader.open(small(7, null), context);
        assertTrue(context.log.get(2).contains("generated"), context.log.toString());
        assertArrayEquals(bytes, Files.readAllBytes(image));
        assertEquals(first.writers(), again.writers());
        try (Stream<Path> siblings = Files.list(first.root().getParent())) {
            assertEquals(1, siblings.count(), "no staging folders are left behind");
        }
    }

    @Test
    void exportWritesTheGenericLayoutThatFoldersReadsBack() throws IOException {
        Dataset generated = open(small(7, "exported/synthetic"), "cache");
        Path target = temp.resolve("exported/synthetic");
        assertTrue(Files.isRegularFile(target.resolve("w003/genuine/w003_g02.png")));
        assertTrue(Files.isRegularFile(target.resolve("w003/forged/w003_f02.png")));

        Dataset read = new FoldersDatasetLoader().open(new FoldersConfig("exported/synthetic"),
                new TestContext(temp.resolve("cache"), temp));
        assertEquals(target, read.root());
        assertEquals(ids(generated), ids(read));
        for (int w = 0; w < generated.writers().size(); w++) {
            Writer a = generated.writers().get(w);
            Writer b = read.writers().get(w);
            assertEquals(a.genuine().size(), b.genuine().size());
            assertEquals(a.forged().size(), b.forged().size());
            assertArrayEquals(Files.readAllBytes(a.forged().get(2).file()),
                    Files.readAllBytes(b.forged().get(2).file()));
        }
        assertTrue(read.warnings().isEmpty(), read.warnings().toString());

        // Exporting again over an earlier export is fine; over someone else's folder it is not.
        open(small(7, "exported/synthetic"), "cache");
        Path foreign = Files.createDirectories(temp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> open(small(7, "foreign"), "cache"));
        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
    }

    /**
     * Forgeries are further from genuine signatures than genuine ones are from each other, but
     * plain pixel distance must not separate them well: that is the encoder's job.
     */
    @Test
    void forgeriesAreCloseButNotIdenticalImitations() throws IOException {
        double[] skilled = pixelStatistics(0.5);
        double[] crude = pixelStatistics(0.0);
        System.out.printf("forgery-skill 0.5: genuine-genuine %.2f, genuine-forged %.2f, AUC %.3f%n",
                skilled[0], skilled[1], skilled[2]);
        System.out.printf("forgery-skill 0.0: genuine-genuine %.2f, genuine-forged %.2f, AUC %.3f%n",
                crude[0], crude[1], crude[2]);
        assertTrue(skilled[1] > skilled[0], "forgeries differ more than genuine signatures do");
        assertTrue(skilled[2] < 0.75, "pixel distance alone must not tell forgeries apart");
        assertTrue(crude[1] - crude[0] > skilled[1] - skilled[0], "less skill, bigger gap");
        assertTrue(crude[2] > skilled[2], "less skill, easier to tell apart");
    }

    /** Mean genuine-genuine and genuine-forged pixel distances, and the AUC between them. */
    private double[] pixelStatistics(double skill) throws IOException {
        SyntheticConfig config = new SyntheticConfig(12, 6, 6, 7L, 155, 220, skill, null);
        Dataset dataset = open(config, "stats-" + skill);
        ImagePreprocessor preprocessor = new ImagePreprocessor(ImageSettings.defaults());
        List<Double> genuinePairs = new ArrayList<>();
        List<Double> forgedPairs = new ArrayList<>();
        for (Writer writer : dataset.writers()) {
            List<float[]> genuine = new ArrayList<>();
            for (Sample s : writer.genuine()) {
                genuine.add(preprocessor.load(s.file()));
            }
            List<float[]> forged = new ArrayList<>();
            for (Sample s : writer.forged()) {
                forged.add(preprocessor.load(s.file()));
            }
            for (int i = 0; i < genuine.size(); i++) {
                for (int j = i + 1; j < genuine.size(); j++) {
                    genuinePairs.add(distance(genuine.get(i), genuine.get(j)));
                }
                for (float[] f : forged) {
                    forgedPairs.add(distance(genuine.get(i), f));
                }
            }
        }
        double wins = 0;
        for (double g : genuinePairs) {
            for (double f : forgedPairs) {
                wins += g < f ? 1 : (g == f ? 0.5 : 0);
            }
        }
        return new double[] {mean(genuinePairs), mean(forgedPairs),
            wins / genuinePairs.size() / forgedPairs.size()};
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static List<String> ids(Dataset dataset) {
        return dataset.writers().stream().map(Writer::id).collect(Collectors.toList());
    }

    private static List<Path> files(Dataset dataset) {
        List<Path> out = new ArrayList<>();
        for (Writer writer : dataset.writers()) {
            writer.genuine().forEach(s -> out.add(s.file()));
            writer.forged().forEach(s -> out.add(s.file()));
        }
        return out;
    }
}
