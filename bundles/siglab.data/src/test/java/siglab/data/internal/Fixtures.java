package siglab.data.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import siglab.api.data.Sample;

/** Tiny images and text files written into a test's temporary folder. */
final class Fixtures {

    private final Path base;
    private int drawn;

    Fixtures(Path base) {
        this.base = base;
    }

    /**
     * Writes a small image at {@code relative}, encoded as its extension says (PNG, JPEG or TIFF
     * in any case); every call draws a different stroke, so no two images are byte-identical.
     */
    Path image(String relative) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        String extension = GenericLayout.extension(file);
        String format = extension.startsWith("jp") ? "jpeg" : extension.startsWith("tif") ? "tiff" : "png";
        BufferedImage image = new BufferedImage(12, 8, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 12, 8);
        g.setColor(Color.BLACK);
        int n = drawn++;
        g.drawLine(n % 12, 0, (n * 5) % 12, 7);
        g.drawLine(0, n % 8, 11, (n / 12) % 8);
        g.dispose();
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer for " + file);
        }
        return file;
    }

    /** Writes a text file, one line per argument. */
    Path text(String relative, String... lines) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
        return file;
    }

    Path folder(String relative) throws IOException {
        return Files.createDirectories(base.resolve(relative));
    }

    static List<String> names(List<Sample> samples) {
        return samples.stream().map(s -> s.file().getFileName().toString()).collect(Collectors.toList());
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
