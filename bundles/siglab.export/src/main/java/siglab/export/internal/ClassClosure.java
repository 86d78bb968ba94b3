package siglab.export.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classes an exported model's jar must carry: some root classes and every class they need,
 * directly or through each other, that neither the JDK nor the libraries an exported model may use
 * (DJL's API, the MXNet engine and what they depend on) provide.
 *
 * <p>The references are read by the JDK's own dependency analyser, jdeps, which follows every
 * reference a class file makes: constant pool, signatures, runtime-visible annotations (and, as the
 * JVM, ignores build-time-only annotations such as Declarative Services' {@code @Component}). Each
 * round copies what jdeps reports "not found" from where the class that needs it gets it, until
 * nothing is missing: the result needs nothing beyond the JDK and those libraries.
 */
final class ClassClosure {

    /** Where the class file of a needed class comes from. */
    @FunctionalInterface
    interface ClassSource {
        /**
         * The class file of {@code className}.
         *
         * @param neededBy the class that refers to it, or null for a root class
         * @throws IllegalArgumentException when the class may not or cannot be carried, saying why
         */
        byte[] classFile(String className, String neededBy) throws IOException;
    }

    /** A line of {@code jdeps -verbose:class}: "   a.B   -> c.D   not found". */
    private static final Pattern MISSING = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+not found\\s*$");

    /**
     * Classes that name the libraries an exported model may depend on: DJL's API, its MXNet engine,
     * and their own dependencies (Gson, SLF4J, JNA, Commons Compress).
     */
    static final List<String> LIBRARY_CLASSES = List.of("ai.djl.Model", "ai.djl.mxnet.engine.MxEngine",
            "com.google.gson.Gson", "org.slf4j.Logger", "com.sun.jna.Native",
            "org.apache.commons.compress.archivers.ArchiveEntry");

    private ClassClosure() {}

    /**
     * The jars of {@link #LIBRARY_CLASSES}, found through the loader of DJL's API.
     *
     * @throws IllegalStateException when one is not on that loader's class path
     */
    static List<Path> libraries() {
        ClassLoader platform = ai.djl.Model.class.getClassLoader();
        List<Path> jars = new ArrayList<>();
        for (String name : LIBRARY_CLASSES) {
            try {
                CodeSource source = Class.forName(name, false, platform).getProtectionDomain().getCodeSource();
                Path jar = Path.of(source.getLocation().toURI());
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot find the library of " + name + " beside DJL's API: " + e, e);
            }
        }
        return jars;
    }

    /**
     * The roots and every class they need beyond the JDK and {@code libraries}, by binary name
     * (nested classes with {@code $}), in name order.
     *
     * @throws IllegalArgumentException when a needed class may not be carried ({@code source} says why)
     * @throws IllegalStateException when the JDK's jdeps tool is not available (a JRE, not a JDK)
     */
    static Map<String, byte[]> of(Collection<String> roots, ClassSource source, List<Path> libraries)
            throws IOException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "exporting a model needs the JDK's jdeps tool, to check that the exported classes need nothing "
                        + "beyond DJL; run SigLab with a JDK, not a JRE"));
        Map<String, byte[]> classes = new TreeMap<>();
        for (String root : roots) {
            classes.put(root, source.classFile(root, null));
        }
        Path work = Files.createTempDirectory("siglab-export-classes");
        try {
            while (true) {
                for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                    Path file = work.resolve(entry.getKey().replace('.', '/') + ".class");
                    if (!Files.exists(file)) {
                        Files.createDirectories(file.getParent());
                        Files.write(file, entry.getValue());
                    }
                }
                Map<String, String> missing = missing(jdeps, work, libraries);
                if (missing.isEmpty()) {
                    return classes;
                }
                for (Map.Entry<String, String> need : missing.entrySet()) {
                    if (classes.containsKey(need.getKey())) {
                        throw new IllegalStateException("jdeps cannot find " + need.getKey() + " among the classes "
                                + "copied for " + need.getValue());
                    }
                    classes.put(need.getKey(), source.classFile(need.getKey(), need.getValue()));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** What jdeps finds missing in the classes under {@code folder}: needed class to the first class needing it. */
    private static Map<String, String> missing(ToolProvider jdeps, Path folder, List<Path> libraries) {
        StringWriter out = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("--multi-release", "17", "-filter:none", "-verbose:class"));
        if (!libraries.isEmpty()) {
            arguments.add("--class-path");
            arguments.add(libraries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        arguments.add(folder.toString());
        int code;
        try (PrintWriter writer = new PrintWriter(out)) {
            code = jdeps.run(writer, writer, arguments.toArray(new String[0]));
        }
        if (code != 0) {
            throw new IllegalStateException("jdeps failed (exit " + code + "):\n" + out);
        }
        Map<String, String> missing = new LinkedHashMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher matcher = MISSING.matcher(line);
            if (matcher.matches()) {
                missing.putIfAbsent(matcher.group(2), matcher.group(1));
            }
        }
        return missing;
    }
}
