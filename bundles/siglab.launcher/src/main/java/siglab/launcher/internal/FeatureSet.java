package siglab.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.ID;

/**
 * The bundles and configurations of one or more OSGi R8 feature files, read with Apache Felix's
 * feature implementation and resolved against the distribution's bundle folder (repository layout).
 */
public final class FeatureSet {

    /** A bundle to install: its Maven id, its jar and its start order. */
    public record BundleJar(String id, Path jar, int startOrder) {}

    private final List<BundleJar> bundles = new ArrayList<>();
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    /**
     * Reads the named features from {@code featureFolder} ({@code <name>.json}) and finds each of
     * their bundles in {@code bundleFolder}.
     *
     * @throws LaunchException naming the feature file or bundle id that cannot be found
     */
    public static FeatureSet read(Path featureFolder, List<String> featureNames, Path bundleFolder) {
        FeatureSet set = new FeatureSet();
        FeatureServiceImpl service = new FeatureServiceImpl();
        for (String name : featureNames) {
            Path file = featureFolder.resolve(name + ".json");
            if (!Files.isRegularFile(file)) {
                throw new LaunchException("unknown feature '" + name + "': no file " + file
                        + " (features available: " + available(featureFolder) + ")");
            }
            Feature feature;
            try (Reader reader = Files.newBufferedReader(file)) {
                feature = service.readFeature(reader);
            } catch (IOException | RuntimeException e) {
                throw new LaunchException("cannot read feature file " + file + ": " + e.getMessage());
            }
            set.names.add(name);
            for (FeatureBundle bundle : feature.getBundles()) {
                ID id = bundle.getID();
                Path jar = bundleFolder.resolve(id.getGroupId().replace('.', '/'))
                        .resolve(id.getArtifactId()).resolve(id.getVersion())
                        .resolve(id.getArtifactId() + "-" + id.getVersion()
                                + id.getClassifier().map(c -> "-" + c).orElse("") + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new LaunchException("feature '" + name + "' names bundle " + id
                            + ", which is not in the bundle folder (" + jar + ")");
                }
                Object order = bundle.getMetadata().get("start-order");
                int startOrder = order == null ? 10 : Integer.parseInt(order.toString());
                if (set.bundles.stream().noneMatch(b -> b.jar().equals(jar))) {
                    set.bundles.add(new BundleJar(id.toString(), jar, startOrder));
                }
            }
            for (Map.Entry<String, FeatureConfiguration> entry : feature.getConfigurations().entrySet()) {
                set.configurations.put(entry.getKey(), entry.getValue().getValues());
            }
        }
        set.bundles.sort((a, b) -> Integer.compare(a.startOrder(), b.startOrder()));
        return set;
    }

    private static String available(Path featureFolder) {
        try (var files = Files.list(featureFolder)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return "none (" + featureFolder + " cannot be listed)";
        }
    }

    public List<BundleJar> bundles() {
        return bundles;
    }

    public Map<String, Map<String, Object>> configurations() {
        return configurations;
    }

    public List<String> names() {
        return names;
    }
}
