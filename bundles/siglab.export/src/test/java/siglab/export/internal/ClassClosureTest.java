package siglab.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.encoders.internal.SeedCnnConfig;
import siglab.encoders.internal.SeedCnnEncoderFactory;

class ClassClosureTest {

    /** SigLab's classes from the test class path; anything else is refused, as the exporter refuses platform classes. */
    private static final ClassClosure.ClassSource SIGLAB_ONLY = (name, neededBy) -> {
        if (!name.startsWith("siglab.")) {
            throw new IllegalArgumentException(neededBy + " needs " + name + ", which is not SigLab's");
        }
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + name);
            }
            return in.readAllBytes();
        }
    };

    private static List<String> roots(Class<?>... classes) {
        return java.util.Arrays.stream(classes).map(Class::getName).toList();
    }

    @Test
    void theRuntimeAndTheSeedCnnEncoderCarryWhatTheyNeedAndNeedOnlyDjlBesides() throws IOException {
        List<String> roots = new java.util.ArrayList<>();
        ModelExporter.RUNTIME.forEach(type -> roots.add(type.getName()));
        roots.addAll(roots(SeedCnnEncoderFactory.class, SeedCnnConfig.class));
        Map<String, byte[]> classes = ClassClosure.of(roots, SIGLAB_ONLY, ClassClosure.libraries());

        for (String needed : List.of("siglab.data.image.ImagePreprocessor", "siglab.data.image.ImagePreprocessor$Kernel",
                "siglab.data.image.ImageCrops", "siglab.data.image.ImageSettings", "siglab.api.model.EncoderFactory",
                "siglab.api.Configurable", "siglab.api.model.Distance", "siglab.encoders.internal.SeedCnnBlock",
                "siglab.export.runtime.PairTranslator", "siglab.export.runtime.EmbeddingTranslator")) {
            assertTrue(classes.containsKey(needed), needed + " is missing from " + classes.keySet());
        }
        // Only what is needed: not the other encoders of the bundle, nor the workbench.
        assertFalse(classes.containsKey("siglab.encoders.internal.KochBlock"), classes.keySet().toString());
        for (String name : classes.keySet()) {
            assertFalse(name.startsWith("siglab.core.") || name.startsWith("siglab.export.internal."), name);
        }
        // The class files are the originals, byte for byte.
        try (InputStream in = ClassLoader.getSystemResourceAsStream("siglab/data/image/ImagePreprocessor.class")) {
            assertTrue(java.util.Arrays.equals(in.readAllBytes(), classes.get("siglab.data.image.ImagePreprocessor")));
        }
    }

    @Test
    void aClassNeedingMoreThanDjlIsRefusedNamingWhoNeedsIt() {
        // The exporter itself needs OSGi and the core: it can never be carried.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ClassClosure.of(roots(ModelExporter.class), SIGLAB_ONLY, ClassClosure.libraries()));
        assertTrue(refused.getMessage().startsWith("siglab.export.internal.ModelExporter needs "), refused.getMessage());
    }

    @Test
    void theLibrariesAreDjlsApiItsMxNetEngineAndTheirDependencies() {
        List<String> jars = ClassClosure.libraries().stream().map(path -> path.getFileName().toString()).toList();
        assertEquals(ClassClosure.LIBRARY_CLASSES.size(), jars.size(), jars.toString());
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("api-")), jars.toString());
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("mxnet-engine-")), jars.toString());
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("gson-")), jars.toString());
    }

    @Test
    void onlyBundleClassesOutsideOsgiMayBeCarried() throws Exception {
        assertTrue(ModelExporter.carriable("org.example.siglab.mlp.MlpEncoderFactory",
                new URL("bundle", "17.0", 1, "/org/example/siglab/mlp/MlpEncoderFactory.class", HANDLER)));
        assertTrue(ModelExporter.carriable("siglab.data.image.ImagePreprocessor",
                new URL("bundleresource", "5.0", 1, "/siglab/data/image/ImagePreprocessor.class", HANDLER)));
        assertFalse(ModelExporter.carriable("org.osgi.service.component.ComponentContext",
                new URL("bundle", "3.0", 1, "/org/osgi/service/component/ComponentContext.class", HANDLER)));
        assertFalse(ModelExporter.carriable("com.fasterxml.jackson.databind.ObjectMapper",
                new URL("jar:file:/siglab/lib/jackson-databind-2.18.2.jar!/com/fasterxml/jackson/databind/ObjectMapper.class")));
    }

    /** Felix's URL schemes are not registered outside the framework: a handler that is never asked to connect. */
    private static final java.net.URLStreamHandler HANDLER = new java.net.URLStreamHandler() {
        @Override
        protected java.net.URLConnection openConnection(URL url) {
            throw new UnsupportedOperationException(url.toString());
        }
    };
}
