package siglab.data.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import siglab.api.data.Sample;
import siglab.api.data.SampleKind;
import siglab.api.data.Writer;

/** Reads the generic layout {@code <root>/<writer>/genuine/*} and {@code <root>/<writer>/forged/*}. */
final class GenericLayout {

    static final String GENUINE = "genuine";
    static final String FORGED = "forged";
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff");
    static final String EXPECTED = "expected <root>/<writer>/genuine/*.png and <root>/<writer>/forged/*.png"
            + " (also .jpg, .jpeg, .tif, .tiff, in any case)";

    /** The writers found, sorted by id, and what was skipped on the way. */
    record Contents(List<Writer> writers, List<String> warnings) {}

    private GenericLayout() {}

    static Contents read(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new IOException("dataset root " + root + " does not exist; " + EXPECTED);
        }
        if (!Files.isDirectory(root)) {
            throw new IOException("dataset root " + root + " is not a folder; " + EXPECTED);
        }
        List<Path> folders = new ArrayList<>();
        int files = 0;
        for (Path child : sortedChildren(root)) {
            if (Files.isDirectory(child)) {
                folders.add(child);
            } else {
                files++;
            }
        }
        if (folders.isEmpty()) {
            throw new IOException("dataset root " + root + " does not match the layout: " + EXPECTED
                    + "; found no writer folders" + (files == 0 ? " (it is empty)" : " (only " + files
                            + (files == 1 ? " file)" : " files)")));
        }
        List<Writer> writers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> withoutGenuine = new ArrayList<>();
        int emptyGenuine = 0;
        for (Path folder : folders) {
            String id = folder.getFileName().toString();
            Path genuine = subfolder(folder, GENUINE);
            if (genuine == null) {
                withoutGenuine.add(folder);
                continue;
            }
            List<Sample> genuineSamples = samples(id, SampleKind.GENUINE, genuine, warnings);
            Path forged = subfolder(folder, FORGED);
            List<Sample> forgedSamples = forged == null ? List.of()
                    : samples(id, SampleKind.FORGED, forged, warnings);
            if (genuineSamples.isEmpty()) {
                emptyGenuine++;
                warnings.add("skipped writer " + id + ": " + genuine + " holds no images");
                continue;
            }
            writers.add(new Writer(id, genuineSamples, forgedSamples));
        }
        if (writers.isEmpty()) {
            String found = withoutGenuine.size() == folders.size()
                    ? ", none with a genuine/ subfolder (for example " + names(folders) + ")"
                    : ", " + emptyGenuine + " with an empty genuine/ subfolder and "
                            + withoutGenuine.size() + " without one";
            throw new IOException("dataset root " + root + " does not match the layout: " + EXPECTED
                    + "; found " + folders.size() + (folders.size() == 1 ? " folder" : " folders") + found);
        }
        if (!withoutGenuine.isEmpty()) {
            warnings.add("skipped " + withoutGenuine.size() + " folders of " + root
                    + " without a genuine/ subfolder: " + names(withoutGenuine));
        }
        return new Contents(writers, warnings);
    }

    /** Images of one folder, sorted by file name; other files are reported, not read. */
    private static List<Sample> samples(String writer, SampleKind kind, Path folder,
            List<String> warnings) throws IOException {
        List<Sample> out = new ArrayList<>();
        int ignored = 0;
        for (Path file : sortedChildren(folder)) {
            if (Files.isRegularFile(file) && EXTENSIONS.contains(extension(file))) {
                out.add(new Sample(writer, kind, file));
            } else {
                ignored++;
            }
        }
        if (ignored > 0) {
            warnings.add("ignored " + ignored + " entries of " + folder + " that are not "
                    + String.join("/", new java.util.TreeSet<>(EXTENSIONS)) + " images");
        }
        return out;
    }

    /** A subfolder named {@code name} in any case, or null. */
    private static Path subfolder(Path folder, String name) throws IOException {
        Path exact = folder.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact;
        }
        for (Path child : sortedChildren(folder)) {
            if (Files.isDirectory(child) && child.getFileName().toString().equalsIgnoreCase(name)) {
                return child;
            }
        }
        return null;
    }

    /** Children of a folder, hidden ones left out, sorted by name so that every run agrees. */
    private static List<Path> sortedChildren(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toList());
        }
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String names(List<Path> folders) {
        String shown = folders.stream().limit(3).map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", "));
        return folders.size() > 3 ? shown + ", ..." : shown;
    }
}
