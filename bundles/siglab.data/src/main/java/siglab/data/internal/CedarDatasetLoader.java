package siglab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;

/**
 * Opens the CEDAR signature database (Kalera, Srihari and Xu 2004) in its distributed layout:
 * {@code full_org/original_<w>_<n>.png} genuine and {@code full_forg/forgeries_<w>_<n>.png}
 * skilled forgeries of writer {@code <w>}, 55 writers x 24 + 24.
 *
 * <p>Writer ids are the numbers {@code <w>} as written ({@code "1"} to {@code "55"}); writers and
 * samples are in numeric order, so that {@code original_1_2} precedes {@code original_1_10}. Files
 * that do not follow the naming scheme are left out with a warning, and so are forgeries of a
 * writer who has no genuine signature.
 */
@Component(service = DatasetLoader.class, property = {
    SigLab.TYPE + "=cedar",
    SigLab.DESCRIPTION + "=Reads CEDAR as distributed: full_org/original_<w>_<n>.png and full_forg/forgeries_<w>_<n>.png."})
public final class CedarDatasetLoader implements DatasetLoader<CedarConfig> {

    static final String GENUINE_FOLDER = "full_org";
    static final String FORGED_FOLDER = "full_forg";
    static final String EXPECTED = "expected the CEDAR layout <root>/full_org/original_<w>_<n>.png and "
            + "<root>/full_forg/forgeries_<w>_<n>.png (also .jpg, .jpeg, .tif, .tiff, in any case)";

    private static final Pattern GENUINE = Pattern.compile("original_(\\d+)_(\\d+)\\.[A-Za-z]+");
    private static final Pattern FORGED = Pattern.compile("forgeries_(\\d+)_(\\d+)\\.[A-Za-z]+");

    @Override
    public Class<CedarConfig> configType() {
        return CedarConfig.class;
    }

    @Override
    public String dataLicence() {
        return "CEDAR signature database (Center of Excellence for Document Analysis and Recognition, "
                + "University at Buffalo; Kalera, Srihari and Xu 2004): for research use only. Real "
                + "people's signatures: a model trained on them is for research too.";
    }

    @Override
    public Dataset open(CedarConfig config, DatasetContext context) throws IOException {
        Path root = LayoutFiles.root(config.root(), context, "cedar", EXPECTED);
        Path genuineFolder = LayoutFiles.subfolder(root, GENUINE_FOLDER);
        Path forgedFolder = LayoutFiles.subfolder(root, FORGED_FOLDER);
        if (genuineFolder == null || forgedFolder == null) {
            String missing = genuineFolder == null && forgedFolder == null ? "full_org/ and full_forg/"
                    : genuineFolder == null ? "full_org/" : "full_forg/";
            throw new IOException("dataset root " + root + " does not match the cedar layout: " + EXPECTED
                    + "; there is no " + missing + ", " + LayoutFiles.describe(root) + hint(root));
        }
        List<String> warnings = new ArrayList<>();
        Map<String, List<Sample>> genuine = scan(genuineFolder, GENUINE, "original", SampleKind.GENUINE, warnings);
        Map<String, List<Sample>> forged = scan(forgedFolder, FORGED, "forgeries", SampleKind.FORGED, warnings);
        if (genuine.isEmpty()) {
            throw new IOException("dataset root " + root + " does not match the cedar layout: " + EXPECTED
                    + "; " + genuineFolder + " holds no original_<w>_<n> images, "
                    + LayoutFiles.describe(genuineFolder));
        }
        List<String> orphans = new ArrayList<>();
        for (String id : forged.keySet()) {
            if (!genuine.containsKey(id)) {
                orphans.add(id);
            }
        }
        if (!orphans.isEmpty()) {
            warnings.add("left out the forgeries of " + LayoutFiles.count(orphans.size(), "writer")
                    + " with no genuine signature in " + genuineFolder + ": " + LayoutFiles.sampleOf(orphans));
        }
        List<Writer> writers = LayoutFiles.writers(genuine, forged);
        Map<String, String> parameters = LayoutFiles.parameters("cedar", writers);
        return new Dataset(root, writers, parameters, warnings);
    }

    /** Images of one folder by writer id, in numeric order of writer and of sample number. */
    private static Map<String, List<Sample>> scan(Path folder, Pattern pattern, String prefix, SampleKind kind,
            List<String> warnings) throws IOException {
        Map<String, List<Sample>> byWriter = new TreeMap<>(LayoutFiles.NATURAL);
        List<String> ignored = new ArrayList<>();
        for (Path file : LayoutFiles.children(folder)) {
            String name = file.getFileName().toString();
            Matcher matcher = pattern.matcher(name);
            if (LayoutFiles.isImage(file) && matcher.matches()) {
                String writer = matcher.group(1).replaceFirst("^0+(?=.)", "");
                byWriter.computeIfAbsent(writer, w -> new ArrayList<>()).add(new Sample(writer, kind, file));
            } else {
                ignored.add(name);
            }
        }
        if (!ignored.isEmpty()) {
            warnings.add("ignored " + LayoutFiles.count(ignored.size(), "entry", "entries") + " of " + folder
                    + " not named " + prefix + "_<w>_<n> with an image extension: " + LayoutFiles.sampleOf(ignored));
        }
        return byWriter;
    }

    /** Points at a subfolder that has the layout, for a root given one level too high. */
    private static String hint(Path root) throws IOException {
        for (Path child : LayoutFiles.children(root)) {
            if (Files.isDirectory(child) && LayoutFiles.subfolder(child, GENUINE_FOLDER) != null) {
                return "; " + child + " holds full_org/: did you mean dataset.root=" + child + "?";
            }
        }
        return "";
    }
}
