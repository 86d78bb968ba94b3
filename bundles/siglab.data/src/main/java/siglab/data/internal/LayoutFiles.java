package siglab.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import siglab.api.data.DatasetContext;

/**
 * What the dataset loaders share: resolving a root, saying what a folder holds when it does not
 * match a layout, listing images, ordering names as people read them, and checking that a path
 * read from a CSV file stays inside the dataset.
 */
final class LayoutFiles {

    /** Names like {@code 2} sort before {@code 10}; other characters compare as text. */
    static final Comparator<String> NATURAL = LayoutFiles::compareNatural;

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private LayoutFiles() {}

    /**
     * The absolute, normalised root of a dataset: {@code root} resolved against the context's
     * base folder, after checking that it is an existing folder.
     */
    static Path root(String root, DatasetContext context, String type, String expected) throws IOException {
        if (root == null) {
            throw new IOException("dataset.root is required for type " + type + "; " + expected);
        }
        Path resolved = context.baseDirectory().resolve(root).toAbsolutePath().normalize();
        if (!Files.exists(resolved)) {
            throw new IOException("dataset root " + resolved + " does not exist; " + expected);
        }
        if (!Files.isDirectory(resolved)) {
            throw new IOException("dataset root " + resolved + " is not a folder; " + expected);
        }
        return resolved;
    }

    /** A file named in the config (such as a pair list), resolved like the dataset root. */
    static Path configuredFile(String file, DatasetContext context, String key) throws IOException {
        Path resolved = context.baseDirectory().resolve(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(resolved)) {
            throw new IOException("dataset." + key + " " + resolved
                    + (Files.exists(resolved) ? " is not a file" : " does not exist"));
        }
        return resolved;
    }

    /** Children of a folder, hidden ones left out, in natural order so that every run agrees. */
    static List<Path> children(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), NATURAL))
                    .collect(Collectors.toList());
        }
    }

    /** True for a regular file whose extension is that of a PNG, JPEG or TIFF image, in any case. */
    static boolean isImage(Path file) {
        return Files.isRegularFile(file) && GenericLayout.EXTENSIONS.contains(GenericLayout.extension(file));
    }

    /** A subfolder named {@code name} in any case, or null. */
    static Path subfolder(Path folder, String name) throws IOException {
        Path exact = folder.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact;
        }
        for (Path child : children(folder)) {
            if (Files.isDirectory(child) && child.getFileName().toString().equalsIgnoreCase(name)) {
                return child;
            }
        }
        return null;
    }

    /**
     * What a folder holds, for messages about a layout that does not match: "it is empty", or
     * "found 2 folders (a, b) and 3 files (x.png, y.png, z.txt)".
     */
    static String describe(Path folder) throws IOException {
        List<String> folders = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Path child : children(folder)) {
            (Files.isDirectory(child) ? folders : files).add(child.getFileName().toString());
        }
        if (folders.isEmpty() && files.isEmpty()) {
            return "it is empty";
        }
        List<String> parts = new ArrayList<>();
        if (!folders.isEmpty()) {
            parts.add(count(folders.size(), "folder") + " (" + sampleOf(folders) + ")");
        }
        if (!files.isEmpty()) {
            parts.add(count(files.size(), "file") + " (" + sampleOf(files) + ")");
        }
        return "found " + String.join(" and ", parts);
    }

    /** One writer per genuine id, in the map's order, with that id's forgeries (or none). */
    static List<siglab.api.data.Writer> writers(Map<String, List<siglab.api.data.Sample>> genuine,
            Map<String, List<siglab.api.data.Sample>> forged) {
        List<siglab.api.data.Writer> writers = new java.util.ArrayList<>();
        genuine.forEach((id, samples) -> writers.add(new siglab.api.data.Writer(id, samples,
                forged.getOrDefault(id, List.of()))));
        return writers;
    }

    /** What identifies a layout's dataset for provenance: the layout and its counts. */
    static Map<String, String> parameters(String layout, List<siglab.api.data.Writer> writers) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("layout", layout);
        parameters.put("writers", Integer.toString(writers.size()));
        parameters.put("genuine", Integer.toString(writers.stream().mapToInt(w -> w.genuine().size()).sum()));
        parameters.put("forged", Integer.toString(writers.stream().mapToInt(w -> w.forged().size()).sum()));
        return parameters;
    }

    static String count(int n, String noun) {
        return count(n, noun, noun + "s");
    }

    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Up to three names, then an ellipsis. */
    static String sampleOf(List<String> names) {
        String shown = names.stream().limit(3).collect(Collectors.joining(", "));
        return names.size() > 3 ? shown + ", ..." : shown;
    }

    /**
     * Resolves a path read from line {@code line} of {@code csv} against {@code base}, and checks
     * that it names an existing PNG, JPEG or TIFF file inside {@code root}. Absolute paths and
     * paths that climb out of the root with {@code ..} (or through a symbolic link) are rejected:
     * a pair list must not make SigLab read, or score, files that are not part of the dataset.
     *
     * @throws IOException naming the CSV file, the line and the path
     */
    static Path fileInside(Path root, Path base, String path, Path csv, int line) throws IOException {
        String where = csv + " line " + line + ": ";
        if (path.isEmpty()) {
            throw new IOException(where + "the file name is empty");
        }
        if (path.startsWith("/") || path.startsWith("\\") || WINDOWS_DRIVE.matcher(path).matches()
                || Path.of(path).isAbsolute()) {
            throw new IOException(where + "'" + path + "' is an absolute path; paths must be relative to "
                    + base);
        }
        Path file = base.resolve(path.replace('\\', '/')).normalize();
        if (!file.startsWith(root)) {
            throw new IOException(where + "'" + path + "' points outside the dataset root " + root);
        }
        if (!Files.exists(file)) {
            throw new IOException(where + "'" + path + "' names a missing file " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(where + "'" + path + "' is not a file: " + file);
        }
        if (!file.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException(where + "'" + path + "' leads outside the dataset root " + root
                    + " through a symbolic link (" + file.toRealPath() + ")");
        }
        if (!GenericLayout.EXTENSIONS.contains(GenericLayout.extension(file))) {
            throw new IOException(where + "'" + path + "' is not a PNG, JPEG or TIFF image (by its extension)");
        }
        return file;
    }

    /**
     * The fields of one CSV line: comma-separated, each trimmed, with double quotes around a field
     * allowed (and {@code ""} inside quotes for a quote), as spreadsheets write them.
     */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }

    /** The lines of a CSV file without a byte-order mark or trailing carriage returns. */
    static List<String> csvLines(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            if (lines.isEmpty() && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return lines;
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every image under {@code folder}, at any depth, in natural order of their paths. */
    static List<Path> imagesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(LayoutFiles::isImage)
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString(), NATURAL))
                    .collect(Collectors.toList());
        }
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                String digitsA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String digitsB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int byValue = digitsA.length() != digitsB.length()
                        ? Integer.compare(digitsA.length(), digitsB.length()) : digitsA.compareTo(digitsB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        // Equal by value ("01" and "1") but different strings: fall back to text, so the order is total.
        return byRest != 0 ? byRest : a.compareTo(b);
    }
}
