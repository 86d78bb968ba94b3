package siglab.data.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;
import siglab.api.data.Writer;

/**
 * Generates a dataset of synthetic signatures with skilled forgeries (see
 * {@link SignatureGenerator}) into SigLab's cache, once per set of generator parameters, and
 * opens it like any dataset in the generic layout.
 *
 * <p>The images go to {@code <cache>/synthetic/<hash of the parameters>/<writer>/genuine/*.png}
 * and {@code .../forged/*.png}. A folder is used only when its marker file, written last, is
 * there; it is built under a temporary name and renamed into place, so a run that dies, or two
 * runs at once, never leave a half-written dataset that looks complete.
 */
@Component(service = DatasetLoader.class, property = {
    SigLab.TYPE + "=synthetic",
    SigLab.DESCRIPTION + "=Generates handwritten-looking signatures of made-up writers with skilled forgeries; needs no download."})
public final class SyntheticDatasetLoader implements DatasetLoader<SyntheticConfig> {

    /** Written last into a complete dataset folder: the generator's parameters, one per line. */
    static final String MARKER = "synthetic.properties";

    @Override
    public Class<SyntheticConfig> configType() {
        return SyntheticConfig.class;
    }

    @Override
    public Dataset open(SyntheticConfig config, DatasetContext context) throws IOException {
        Map<String, String> parameters = config.generatorParameters();
        String marker = markerText(parameters);
        Path base = context.cacheDirectory().resolve("synthetic");
        Path root = base.resolve(hash(marker)).toAbsolutePath().normalize();
        if (Files.isRegularFile(root.resolve(MARKER))) {
            context.log("synthetic dataset: reusing " + root);
        } else {
            long start = System.nanoTime();
            generate(config, base, root, marker);
            context.log(String.format("synthetic dataset: generated %d writers x (%d genuine + %d forged)"
                    + " in %.1f s into %s", config.writers(), config.genuine(), config.forged(),
                    (System.nanoTime() - start) / 1e9, root));
        }
        GenericLayout.Contents contents = GenericLayout.read(root);
        check(contents.writers(), config, root);
        if (config.export() != null) {
            Path target = context.baseDirectory().resolve(config.export()).toAbsolutePath().normalize();
            export(root, target, marker);
            context.log("synthetic dataset: exported to " + target);
        }
        return new Dataset(root, contents.writers(), parameters, List.of());
    }

    /** Writer ids with as many digits as the largest needs, so that names sort as numbers do. */
    static String writerId(int writer, int writers) {
        int digits = Math.max(3, Integer.toString(writers - 1).length());
        return "w" + String.format("%0" + digits + "d", writer);
    }

    private static String fileName(String writer, char kind, int index, int count) {
        int digits = Math.max(2, Integer.toString(count - 1).length());
        return writer + "_" + kind + String.format("%0" + digits + "d", index) + ".png";
    }

    private static void generate(SyntheticConfig config, Path base, Path root, String marker)
            throws IOException {
        Files.createDirectories(base);
        Path staging = base.resolve(root.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            SignatureGenerator generator = new SignatureGenerator(config.seed(), config.height(),
                    config.width(), config.forgerySkill());
            int writers = config.writers();
            List<SignatureGenerator.WriterModel> models = IntStream.range(0, writers).parallel()
                    .mapToObj(generator::writer).collect(Collectors.toList());
            int perWriter = config.genuine() + config.forged();
            for (int w = 0; w < writers; w++) {
                Path folder = staging.resolve(writerId(w, writers));
                Files.createDirectories(folder.resolve(GenericLayout.GENUINE));
                Files.createDirectories(folder.resolve(GenericLayout.FORGED));
            }
            // Each image depends only on (seed, writer, kind, index), so the order in which the
            // pool's threads draw them cannot change a single byte.
            IntStream.range(0, writers * perWriter).parallel().forEach(task -> {
                int w = task / perWriter;
                int i = task % perWriter;
                String id = writerId(w, writers);
                boolean genuine = i < config.genuine();
                BufferedImage image;
                Path file;
                if (genuine) {
                    image = generator.genuine(models.get(w), i);
                    file = staging.resolve(id).resolve(GenericLayout.GENUINE)
                            .resolve(fileName(id, 'g', i, config.genuine()));
                } else {
                    int f = i - config.genuine();
                    image = generator.forgery(models.get(w), f);
                    file = staging.resolve(id).resolve(GenericLayout.FORGED)
                            .resolve(fileName(id, 'f', f, config.forged()));
                }
                try {
                    if (!ImageIO.write(image, "png", file.toFile())) {
                        throw new IOException("no PNG writer in javax.imageio");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file, e);
                }
            });
            Files.writeString(staging.resolve(MARKER), marker, StandardCharsets.UTF_8);
            install(staging, root);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            deleteTree(staging);
        }
    }

    /** Renames the finished staging folder into place, replacing an incomplete one. */
    private static void install(Path staging, Path root) throws IOException {
        if (Files.exists(root) && !Files.isRegularFile(root.resolve(MARKER))) {
            deleteTree(root);
        }
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, root);
        } catch (java.nio.file.FileSystemException e) {
            // Another run (a parallel sweep) finished the same dataset first; theirs is identical to
            // ours. Linux reports the clash as a plain "Directory not empty", not a subclass.
            if (!Files.isRegularFile(root.resolve(MARKER))) {
                throw e;
            }
        }
    }

    private static void check(List<Writer> writers, SyntheticConfig config, Path root)
            throws IOException {
        boolean complete = writers.size() == config.writers() && writers.stream().allMatch(
                w -> w.genuine().size() == config.genuine() && w.forged().size() == config.forged());
        if (!complete) {
            throw new IOException("synthetic dataset " + root + " is marked complete but does not hold "
                    + config.writers() + " writers x (" + config.genuine() + " genuine + "
                    + config.forged() + " forged) images; delete the folder to regenerate it");
        }
    }

    /** Copies the dataset to {@code target}, which must be new, empty or an earlier export. */
    private static void export(Path root, Path target, String marker) throws IOException {
        Path targetMarker = target.resolve(MARKER);
        if (Files.isRegularFile(targetMarker)) {
            if (Files.readString(targetMarker, StandardCharsets.UTF_8).equals(marker)) {
                return;
            }
            deleteTree(target);
        } else if (Files.isDirectory(target)) {
            try (Stream<Path> children = Files.list(target)) {
                if (children.findAny().isPresent()) {
                    throw new IOException("cannot export the synthetic dataset to " + target
                            + ": the folder is not empty and is not an earlier export (no " + MARKER + ")");
                }
            }
        } else if (Files.exists(target)) {
            throw new IOException("cannot export the synthetic dataset to " + target + ": not a folder");
        }
        Files.createDirectories(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> !p.getFileName().toString().equals(MARKER))
                    .sorted().collect(Collectors.toList());
        }
        for (Path source : files) {
            Path copy = target.resolve(root.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(copy);
            } else {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(targetMarker, marker, StandardCharsets.UTF_8);
    }

    private static String markerText(Map<String, String> parameters) {
        StringBuilder text = new StringBuilder("# SigLab synthetic signatures: generator parameters\n");
        parameters.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
