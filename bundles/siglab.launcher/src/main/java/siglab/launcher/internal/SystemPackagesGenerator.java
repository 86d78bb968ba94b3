package siglab.launcher.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Computes {@code org.osgi.framework.system.packages.extra} from the jars of the launcher's class
 * path at build time: a jar that declares {@code Export-Package} is taken at its word (versions
 * included), any other jar exports every package that holds classes at the jar's Maven version.
 */
public final class SystemPackagesGenerator {

    /** Jars whose packages the framework itself provides, or that bundles must not see. */
    private static final List<String> EXCLUDED_JARS = List.of(
            "org.apache.felix.framework", "osgi.core", "org.apache.felix.feature",
            "org.apache.felix.cm.json", "mxnet-native");

    private static final Pattern VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private SystemPackagesGenerator() {}

    /** Arguments: the folder of jars, the file to write (one {@code package;version=x} a line). */
    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Map<String, String> packages = new TreeMap<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                if (EXCLUDED_JARS.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                exportsOf(jar).forEach((pkg, version) -> {
                    // The launcher's own classes are not for bundles.
                    if (!pkg.startsWith("siglab.launcher")) {
                        packages.put(pkg, version);
                    }
                });
            }
        }
        List<String> lines = new ArrayList<>();
        packages.forEach((pkg, version) -> lines.add(pkg + ";version=\"" + version + "\""));
        Files.createDirectories(output.getParent());
        Files.write(output, lines, StandardCharsets.UTF_8);
        System.out.println("[siglab] " + lines.size() + " system packages written to " + output);
    }

    static Map<String, String> exportsOf(Path jar) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            String declared = main.getValue("Export-Package");
            if (declared != null && main.getValue("Bundle-SymbolicName") != null) {
                for (String clause : splitClauses(declared)) {
                    String[] parts = clause.split(";");
                    String version = "0.0.0";
                    for (int i = 1; i < parts.length; i++) {
                        String attribute = parts[i].trim();
                        if (attribute.startsWith("version=")) {
                            version = attribute.substring("version=".length()).replace("\"", "");
                        }
                    }
                    result.put(parts[0].trim(), version);
                }
                return result;
            }
            String version = osgiVersion(mavenVersion(file, jar));
            file.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .forEach(pkg -> result.put(pkg, version));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return result;
    }

    /** Splits a manifest header at top-level commas, ignoring commas inside quotes. */
    static List<String> splitClauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            clauses.add(current.toString());
        }
        return clauses;
    }

    private static String mavenVersion(JarFile file, Path jar) throws IOException {
        for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
            if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("pom.properties")) {
                Properties properties = new Properties();
                properties.load(file.getInputStream(entry));
                if (properties.getProperty("version") != null) {
                    return properties.getProperty("version");
                }
            }
        }
        String implementation = file.getManifest() == null ? null
                : file.getManifest().getMainAttributes().getValue("Implementation-Version");
        if (implementation != null) {
            return implementation;
        }
        Matcher m = Pattern.compile("-(\\d[^-]*)\\.jar$").matcher(jar.getFileName().toString());
        return m.find() ? m.group(1) : "0.0.0";
    }

    /** The numeric major.minor.micro prefix of a Maven version. */
    static String osgiVersion(String maven) {
        Matcher m = VERSION.matcher(maven);
        if (!m.find()) {
            return "0.0.0";
        }
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "."
                + (m.group(3) == null ? "0" : m.group(3));
    }
}
