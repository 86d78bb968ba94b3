package siglab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;

/**
 * Opens one split of the Kaggle {@code sign_data} collection (ICDAR 2011 SigComp, Dutch offline
 * signatures; Liwicki et al. 2011): {@code <root>/<id>/} holds writer {@code <id>}'s genuine
 * signatures and {@code <root>/<id>_forg/} the skilled forgeries of them. File names are not
 * uniform and extensions mix {@code .PNG} and {@code .png}, so every PNG, JPEG or TIFF file in a
 * writer's folders is taken, in natural order of names.
 *
 * <p>Two checks guard the numbers reported on this data. The optional pair list
 * ({@code img1,img2,target}) is read line by line: every path must name an image of this dataset
 * inside the root, so that a fixed pair set cannot silently refer to missing or foreign files. The
 * optional {@code reference} folder is compared by SHA-256 with this split: in the common copy every
 * test image is also a train image, which makes test writers seen writers, and the loader says so.
 */
@Component(service = DatasetLoader.class, property = {
    SigLab.TYPE + "=sign-data",
    SigLab.DESCRIPTION + "=Reads a Kaggle sign_data split (ICDAR 2011 SigComp Dutch): <id>/ genuine, <id>_forg/ forged, optional pair CSV."})
public final class SignDataDatasetLoader implements DatasetLoader<SignDataConfig> {

    static final String FORGED_SUFFIX = "_forg";
    static final String EXPECTED = "expected the sign-data layout <root>/<id>/*.png (genuine) and "
            + "<root>/<id>_forg/*.png (forged), also .jpg, .jpeg, .tif, .tiff in any case";

    @Override
    public Class<SignDataConfig> configType() {
        return SignDataConfig.class;
    }

    @Override
    public String dataLicence() {
        return "ICDAR 2011 Signature Verification Competition (SigComp2011) data, as copied to Kaggle as "
                + "sign_data: released for research; the terms are the competition organisers' and "
                + "Kaggle's, check them before any other use. Real people's signatures.";
    }

    @Override
    public Dataset open(SignDataConfig config, DatasetContext context) throws IOException {
        Path root = LayoutFiles.root(config.root(), context, "sign-data", EXPECTED);
        List<String> warnings = new ArrayList<>();
        Map<String, List<Sample>> genuine = new TreeMap<>(LayoutFiles.NATURAL);
        Map<String, List<Sample>> forged = new TreeMap<>(LayoutFiles.NATURAL);
        List<String> strayFiles = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        int folders = 0;
        for (Path child : LayoutFiles.children(root)) {
            String name = child.getFileName().toString();
            if (!Files.isDirectory(child)) {
                strayFiles.add(name);
                continue;
            }
            folders++;
            boolean forgeries = name.toLowerCase(Locale.ROOT).endsWith(FORGED_SUFFIX) && name.length() > FORGED_SUFFIX.length();
            String id = forgeries ? name.substring(0, name.length() - FORGED_SUFFIX.length()) : name;
            SampleKind kind = forgeries ? SampleKind.FORGED : SampleKind.GENUINE;
            List<Sample> samples = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            for (Path file : LayoutFiles.children(child)) {
                if (LayoutFiles.isImage(file)) {
                    samples.add(new Sample(id, kind, file));
                } else {
                    ignored.add(file.getFileName().toString());
                    if (Files.isDirectory(file)) {
                        nested.add(name + "/" + file.getFileName());
                    }
                }
            }
            if (!ignored.isEmpty()) {
                warnings.add("ignored " + LayoutFiles.count(ignored.size(), "entry", "entries") + " of " + child
                        + " that are not PNG, JPEG or TIFF images: " + LayoutFiles.sampleOf(ignored));
            }
            if (!samples.isEmpty()) {
                (forgeries ? forged : genuine).merge(id, samples, (a, b) -> {
                    List<Sample> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
        }
        if (genuine.isEmpty()) {
            String found = folders == 0 ? LayoutFiles.describe(root)
                    : "found " + LayoutFiles.count(folders, "folder") + " but none of the <id>/ folders holds images"
                            + (nested.isEmpty() ? "" : " (they hold folders, such as " + LayoutFiles.sampleOf(nested)
                                    + ": point dataset.root at one split folder, such as " + root.resolve(nested.get(0)).getParent() + ")");
            throw new IOException("dataset root " + root + " does not match the sign-data layout: " + EXPECTED + "; " + found);
        }
        if (!strayFiles.isEmpty()) {
            warnings.add("ignored " + LayoutFiles.count(strayFiles.size(), "file") + " at the top of " + root
                    + ": " + LayoutFiles.sampleOf(strayFiles));
        }
        List<String> orphans = forged.keySet().stream().filter(id -> !genuine.containsKey(id)).toList();
        if (!orphans.isEmpty()) {
            warnings.add("left out the forgeries of " + LayoutFiles.count(orphans.size(), "writer")
                    + " with no genuine folder: " + LayoutFiles.sampleOf(orphans.stream().map(id -> id + FORGED_SUFFIX).toList()));
        }
        if (!forged.isEmpty() && forged.keySet().stream().noneMatch(genuine::containsKey)) {
            throw new IOException("dataset root " + root + " does not match the sign-data layout: " + EXPECTED
                    + "; found genuine folders " + LayoutFiles.sampleOf(List.copyOf(genuine.keySet()))
                    + " and forgery folders " + LayoutFiles.sampleOf(forged.keySet().stream().map(id -> id + FORGED_SUFFIX).toList())
                    + ", but no <id>_forg/ folder belongs to an <id>/ folder");
        }
        if (forged.isEmpty()) {
            warnings.add("no <id>_forg/ folder holds images: the dataset has no skilled forgeries");
        }
        List<Writer> writers = LayoutFiles.writers(genuine, forged);
        Map<String, String> parameters = LayoutFiles.parameters("sign-data", writers);
        if (config.pairs() != null) {
            Path csv = LayoutFiles.configuredFile(config.pairs(), context, "pairs");
            parameters.putAll(checkPairs(csv, root, writers, warnings));
        }
        if (config.reference() != null) {
            Path reference = LayoutFiles.root(config.reference(), context, "sign-data", "dataset.reference names "
                    + "another split folder (such as train/) to compare images with");
            int duplicates = duplicatesIn(reference, root, writers);
            int images = writers.stream().mapToInt(w -> w.genuine().size() + w.forged().size()).sum();
            parameters.put("reference", reference.toString());
            parameters.put("reference-duplicates", Integer.toString(duplicates));
            if (duplicates > 0) {
                warnings.add(duplicates + " of " + images + " images of " + root + " are byte-identical (SHA-256) to images in "
                        + reference + ": these writers' signatures were seen in training there, so results on this split"
                        + " overstate how well a model generalises to new writers");
            }
            context.log("sign-data: " + duplicates + " of " + images + " images also appear in " + reference);
        }
        return new Dataset(root, writers, parameters, warnings);
    }

    /**
     * Checks a pair list line by line and describes it: every path names an image of this dataset
     * inside the root, and every target is 0 or 1.
     */
    static Map<String, String> checkPairs(Path csv, Path root, List<Writer> writers, List<String> warnings)
            throws IOException {
        Map<Path, Sample> samples = new HashMap<>();
        for (Writer writer : writers) {
            writer.genuine().forEach(s -> samples.put(s.file(), s));
            writer.forged().forEach(s -> samples.put(s.file(), s));
        }
        List<String> lines = LayoutFiles.csvLines(csv);
        int pairs = 0;
        int genuinePairs = 0;
        int forgedPairs = 0;
        int mislabelled = 0;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields = LayoutFiles.csvFields(lines.get(i));
            if (fields.size() != 3) {
                throw new IOException(csv + " line " + line + ": expected 3 fields img1,img2,target (no header), found "
                        + fields.size() + ": " + lines.get(i));
            }
            String target = fields.get(2);
            if (!target.equals("0") && !target.equals("1")) {
                throw new IOException(csv + " line " + line + ": target must be 0 (genuine pair) or 1 (forged pair), was '"
                        + target + "'" + (line == 1 ? " (the file must have no header line)" : ""));
            }
            Sample[] pair = new Sample[2];
            for (int k = 0; k < 2; k++) {
                Path file = LayoutFiles.fileInside(root, root, fields.get(k), csv, line);
                pair[k] = samples.get(file);
                if (pair[k] == null) {
                    throw new IOException(csv + " line " + line + ": '" + fields.get(k)
                            + "' is not an image of the dataset (an image directly in an <id>/ or <id>_forg/ folder of " + root + ")");
                }
            }
            pairs++;
            if (target.equals("0")) {
                genuinePairs++;
                boolean genuinePair = pair[0].kind() == SampleKind.GENUINE && pair[1].kind() == SampleKind.GENUINE
                        && pair[0].writer().equals(pair[1].writer());
                mislabelled += genuinePair ? 0 : 1;
            } else {
                forgedPairs++;
            }
        }
        if (pairs == 0) {
            throw new IOException(csv + " holds no pairs; expected lines img1,img2,target");
        }
        if (mislabelled > 0) {
            warnings.add(mislabelled + " pairs of " + csv + " labelled 0 (genuine pair) are not two genuine images of one writer");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pairs-file", csv.toString());
        parameters.put("pairs-sha256", LayoutFiles.sha256(csv));
        parameters.put("pairs", Integer.toString(pairs));
        parameters.put("pairs-genuine", Integer.toString(genuinePairs));
        parameters.put("pairs-forged", Integer.toString(forgedPairs));
        return parameters;
    }

    /** How many of the dataset's images have a byte-identical copy under {@code reference}. */
    private static int duplicatesIn(Path reference, Path root, List<Writer> writers) throws IOException {
        if (reference.startsWith(root) || root.startsWith(reference)) {
            throw new IOException("dataset.reference " + reference + " must be a folder apart from the root " + root
                    + ", such as the train split beside a test split");
        }
        Set<String> seen = new HashSet<>();
        for (Path file : LayoutFiles.imagesUnder(reference)) {
            seen.add(LayoutFiles.sha256(file));
        }
        int duplicates = 0;
        for (Writer writer : writers) {
            for (List<Sample> samples : List.of(writer.genuine(), writer.forged())) {
                for (Sample sample : samples) {
                    duplicates += seen.contains(LayoutFiles.sha256(sample.file())) ? 1 : 0;
                }
            }
        }
        return duplicates;
    }
}
