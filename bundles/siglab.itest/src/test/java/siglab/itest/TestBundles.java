package siglab.itest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small OSGi bundles outside the reactor, as a third party would: compiles Java sources
 * against the distribution's jars and packs them with a hand-written manifest and DS descriptor.
 */
final class TestBundles {

    private TestBundles() {}

    /**
     * Compiles {@code sources} (file name to code) and writes a bundle jar.
     *
     * @param headers extra manifest headers (Import-Package, Service-Component, Bundle-Activator...)
     * @param resources extra files (path in jar to content), such as OSGI-INF/component.xml
     */
    static Path build(Path workFolder, String symbolicName, Map<String, String> sources, Map<String, String> headers,
            Map<String, String> resources) throws IOException {
        Path src = Files.createDirectories(workFolder.resolve(symbolicName + "-src"));
        Path classes = Files.createDirectories(workFolder.resolve(symbolicName + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-classpath", classPath(), "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int code = compiler.run(null, null, null, arguments.toArray(new String[0]));
        if (code != 0) {
            throw new IOException("the test bundle " + symbolicName + " does not compile");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        headers.forEach(main::putValue);
        Path jar = workFolder.resolve(symbolicName + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The distribution's platform jars and SigLab's API bundle: what a third-party bundle compiles against. */
    static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> lib = Files.list(Siglab.DIST.resolve("lib"))) {
            lib.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).forEach(entries::add);
        }
        try (Stream<Path> bundles = Files.walk(Siglab.DIST.resolve("bundles"))) {
            bundles.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).forEach(entries::add);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** A tiny encoder factory bundle: {@code encoder.type=<type>}, a linear layer on the flattened image. */
    static Path tinyEncoder(Path workFolder, String type) throws IOException {
        String source = """
                package tiny;

                import ai.djl.ndarray.types.Shape;
                import ai.djl.nn.Block;
                import ai.djl.nn.Blocks;
                import ai.djl.nn.SequentialBlock;
                import ai.djl.nn.core.Linear;
                import siglab.api.Doc;
                import siglab.api.model.EncoderFactory;

                public final class TinyEncoderFactory implements EncoderFactory<TinyEncoderFactory.Config> {
                    public record Config(@Doc("Size of the embedding.") Integer embedding) {
                        public Config {
                            embedding = embedding == null ? 16 : embedding;
                        }
                    }

                    @Override
                    public Class<Config> configType() {
                        return Config.class;
                    }

                    @Override
                    public Block create(Config config, Shape imageShape) {
                        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(config.embedding()).build());
                    }
                }
                """;
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="tiny.encoder">
                  <implementation class="tiny.TinyEncoderFactory"/>
                  <service><provide interface="siglab.api.model.EncoderFactory"/></service>
                  <property name="siglab.type" value="%s"/>
                  <property name="siglab.description" value="A linear layer on the flattened image (test plug-in)."/>
                </scr:component>
                """.formatted(type);
        return build(workFolder, "tiny.encoder." + type.replace('-', '.'), Map.of("tiny/TinyEncoderFactory.java", source),
                Map.of("Import-Package", "ai.djl.ndarray.types,ai.djl.nn,ai.djl.nn.core,siglab.api,siglab.api.model",
                        "Service-Component", "OSGI-INF/tiny.xml"),
                Map.of("OSGI-INF/tiny.xml", component));
    }

    /** A bundle whose activator throws when started. */
    static Path failingActivator(Path workFolder) throws IOException {
        String source = """
                package broken;

                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;

                public final class Activator implements BundleActivator {
                    @Override
                    public void start(BundleContext context) {
                        throw new IllegalStateException("this activator fails on purpose");
                    }

                    @Override
                    public void stop(BundleContext context) {}
                }
                """;
        return build(workFolder, "broken.activator", Map.of("broken/Activator.java", source),
                Map.of("Import-Package", "org.osgi.framework", "Bundle-Activator", "broken.Activator"), Map.of());
    }

    /**
     * The plug-in template copied out of the repository into {@code work/my-encoder} and built with
     * Maven there, as its README says; returns its jar. Fails with Maven's output when the build does.
     */
    static Path buildPluginTemplate(Path work) throws Exception {
        Path template = work.resolve("my-encoder");
        Path source = Siglab.ROOT.resolve("bundles/siglab.example.encoder");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(source)) {
            for (Path file : files.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
                Path target = template.resolve(source.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        Path log = work.resolve("template-mvn.log");
        Process build = new ProcessBuilder("mvn", "-B", "-o", "-q", "package", "-Dsiglab.home=" + Siglab.ROOT)
                .directory(template.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        org.junit.jupiter.api.Assertions.assertTrue(build.waitFor(5, java.util.concurrent.TimeUnit.MINUTES),
                "the template build did not finish");
        org.junit.jupiter.api.Assertions.assertEquals(0, build.exitValue(), java.nio.file.Files.readString(log));
        Path jar = template.resolve("target/siglab.example.encoder-1.0.0.jar");
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(jar), java.nio.file.Files.readString(log));
        return jar;
    }
}
