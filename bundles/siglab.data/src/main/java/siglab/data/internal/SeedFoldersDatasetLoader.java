package siglab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;

/**
 * Opens a dataset in the seed notebook's layout: one folder per writer ({@code person<X>}), each
 * with {@code Train/} and {@code Test/} subfolders that hold images and one CSV file with a header
 * line and rows {@code file name, real|forged}.
 *
 * <p>The notebook's Train/Test division is within writers, which the writer-independent protocol
 * does not use: both folders' images belong to the writer and all are listed (Train first, then
 * Test, each in natural order of file names). The CSV is the truth about which image is genuine; a
 * row naming a missing file, or a path outside the dataset root, stops the loader with the CSV
 * file and line, and images that no row names are left out with a warning.
 */
@Component(service = DatasetLoader.class, property = {
    SigLab.TYPE + "=seed-folders",
    SigLab.DESCRIPTION + "=Reads the seed notebook's folders: <root>/person<X>/Train|Test/ with images and a CSV of file name, real|forged."})
public final class SeedFoldersDatasetLoader implements DatasetLoader<SeedFoldersConfig> {

    static final List<String> PARTS = List.of("Train", "Test");
    static final String EXPECTED = "expected the seed-folders layout <root>/person<X>/Train/ and <root>/person<X>/Test/,"
            + " each with PNG, JPEG or TIFF images and one CSV file (header, then rows: file name, real|forged)";

    @Override
    public Class<SeedFoldersConfig> configType() {
        return SeedFoldersConfig.class;
    }

    @Override
    public Dataset open(SeedFoldersConfig config, DatasetContext context) throws IOException {
        Path root = LayoutFiles.root(config.root(), context, "seed-folders", EXPECTED);
        List<String> warnings = new ArrayList<>();
        List<Writer> writers = new ArrayList<>();
        List<String> notWriters = new ArrayList<>();
        for (Path folder : LayoutFiles.children(root)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            String id = folder.getFileName().toString();
            List<Sample> genuine = new ArrayList<>();
            List<Sample> forged = new ArrayList<>();
            List<String> missingParts = new ArrayList<>();
            for (String part : PARTS) {
                Path partFolder = LayoutFiles.subfolder(folder, part);
                if (partFolder == null) {
                    missingParts.add(part);
                } else {
                    readPart(id, partFolder, root, genuine, forged, warnings);
                }
            }
            if (missingParts.size() == PARTS.size()) {
                notWriters.add(id);
                continue;
            }
            if (!missingParts.isEmpty()) {
                warnings.add("writer " + id + " has no " + String.join("/", missingParts) + "/ folder");
            }
            if (genuine.isEmpty()) {
                warnings.add("skipped writer " + id + ": its CSV files list no real image");
                continue;
            }
            writers.add(new Writer(id, genuine, forged));
        }
        if (writers.isEmpty()) {
            String found = notWriters.isEmpty() ? LayoutFiles.describe(root)
                    : "found " + LayoutFiles.count(notWriters.size(), "folder") + " (" + LayoutFiles.sampleOf(notWriters)
                            + ") but none with a Train/ or Test/ subfolder";
            throw new IOException("dataset root " + root + " does not match the seed-folders layout: " + EXPECTED + "; " + found);
        }
        if (!notWriters.isEmpty()) {
            warnings.add("skipped " + LayoutFiles.count(notWriters.size(), "folder") + " of " + root
                    + " without Train/ or Test/: " + LayoutFiles.sampleOf(notWriters));
        }
        return new Dataset(root, writers, LayoutFiles.parameters("seed-folders", writers), warnings);
    }

    /** Adds the images that the one CSV of {@code folder} labels, in natural order of names. */
    private static void readPart(String writer, Path folder, Path root, List<Sample> genuine, List<Sample> forged,
            List<String> warnings) throws IOException {
        List<Path> csvs = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        for (Path file : LayoutFiles.children(folder)) {
            if (Files.isRegularFile(file) && GenericLayout.extension(file).equals("csv")) {
                csvs.add(file);
            } else if (LayoutFiles.isImage(file)) {
                images.add(file);
            }
        }
        if (csvs.size() != 1) {
            throw new IOException(folder + " does not match the seed-folders layout: " + EXPECTED + "; "
                    + (csvs.isEmpty() ? "it has no CSV file, " + LayoutFiles.describe(folder)
                            : "it has " + csvs.size() + " CSV files ("
                                    + LayoutFiles.sampleOf(csvs.stream().map(p -> p.getFileName().toString()).toList())
                                    + ") and needs exactly one"));
        }
        Path csv = csvs.get(0);
        Map<Path, SampleKind> labelled = readLabels(csv, folder, root);
        List<Map.Entry<Path, SampleKind>> rows = new ArrayList<>(labelled.entrySet());
        rows.sort(Comparator.comparing(e -> folder.relativize(e.getKey()).toString(), LayoutFiles.NATURAL));
        for (Map.Entry<Path, SampleKind> row : rows) {
            (row.getValue() == SampleKind.GENUINE ? genuine : forged).add(new Sample(writer, row.getValue(), row.getKey()));
        }
        Set<Path> unlisted = new LinkedHashSet<>(images);
        unlisted.removeAll(labelled.keySet());
        if (!unlisted.isEmpty()) {
            warnings.add("left out " + LayoutFiles.count(unlisted.size(), "image") + " of " + folder + " that "
                    + csv.getFileName() + " does not label: "
                    + LayoutFiles.sampleOf(unlisted.stream().map(p -> p.getFileName().toString()).toList()));
        }
    }

    /** The rows of one CSV: each image, resolved and checked, with its label. */
    static Map<Path, SampleKind> readLabels(Path csv, Path folder, Path root) throws IOException {
        List<String> lines = LayoutFiles.csvLines(csv);
        Map<Path, SampleKind> labelled = new LinkedHashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields = LayoutFiles.csvFields(lines.get(i));
            if (header) {
                header = false;
                // A file without the header line still starts with a row, which is read as one.
                if (fields.size() < 2 || label(fields.get(1)) == null) {
                    continue;
                }
            }
            if (fields.size() != 2) {
                throw new IOException(csv + " line " + line + ": expected 2 fields (file name, real|forged), found "
                        + fields.size() + ": " + lines.get(i));
            }
            SampleKind kind = label(fields.get(1));
            if (kind == null) {
                throw new IOException(csv + " line " + line + ": the label must be real or forged, was '"
                        + fields.get(1) + "'");
            }
            Path file = LayoutFiles.fileInside(root, folder, fields.get(0), csv, line);
            SampleKind before = labelled.putIfAbsent(file, kind);
            if (before != null && before != kind) {
                throw new IOException(csv + " line " + line + ": '" + fields.get(0) + "' was labelled "
                        + name(before) + " on an earlier line and " + name(kind) + " here");
            }
        }
        return labelled;
    }

    private static SampleKind label(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "real":
                return SampleKind.GENUINE;
            case "forged":
                return SampleKind.FORGED;
            default:
                return null;
        }
    }

    private static String name(SampleKind kind) {
        return kind == SampleKind.GENUINE ? "real" : "forged";
    }
}
