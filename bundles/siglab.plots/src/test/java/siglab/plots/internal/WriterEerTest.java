package siglab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.eval.PairKind;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

class WriterEerTest {

    private final List<ScoredPair> pairs = new ArrayList<>();

    private void add(String writer, PairKind kind, double... distances) {
        for (double distance : distances) {
            pairs.add(new ScoredPair("a" + pairs.size(), "b" + pairs.size(), writer, kind, distance));
        }
    }

    @Test
    void writersAreSortedByTheirOwnEer() {
        // w10: genuine 0.1 0.3, skilled 0.2 0.4: FAR = FRR = 1/2 at 0.2.
        add("w10", PairKind.GENUINE, 0.1, 0.3);
        add("w10", PairKind.SKILLED, 0.2, 0.4);
        // w3: FAR 1/4 while FRR falls from 1/3 to 0: EER 1/4.
        add("w3", PairKind.GENUINE, 0.1, 0.2, 0.4);
        add("w3", PairKind.SKILLED, 0.3, 0.5);
        add("w3", PairKind.RANDOM, 0.6, 0.7);
        // w2: perfectly separated.
        add("w2", PairKind.GENUINE, 0.1, 0.2);
        add("w2", PairKind.RANDOM, 0.4);
        // w4: genuine only, no EER.
        add("w4", PairKind.GENUINE, 0.3);
        Map<String, List<ScoredPair>> byWriter = new LinkedHashMap<>();
        pairs.forEach(p -> byWriter.computeIfAbsent(p.writer(), w -> new ArrayList<>()).add(p));

        List<XChartWriterEerPlotter.WriterEer> rates = XChartWriterEerPlotter.rates(byWriter);

        assertEquals(List.of("w2", "w3", "w10"), rates.stream().map(XChartWriterEerPlotter.WriterEer::writer).toList());
        assertEquals(0.0, rates.get(0).rate(), 1e-12);
        assertEquals(0.25, rates.get(1).rate(), 1e-12);
        assertEquals(0.5, rates.get(2).rate(), 1e-12);
        assertEquals(7, rates.get(1).pairs());
    }

    @Test
    void tiesAreInNaturalOrderOfIds() {
        List<String> ids = new ArrayList<>(List.of("10", "2", "w10", "w9", "a"));
        ids.sort(java.util.Comparator.comparing(XChartWriterEerPlotter::naturalKey));
        assertEquals(List.of("2", "10", "a", "w9", "w10"), ids);
    }

    @Test
    void drawsFiftyFiveWritersWithUprightLabels(@TempDir Path folder) throws IOException {
        Random random = new Random(3);
        for (int w = 1; w <= 55; w++) {
            double shift = random.nextDouble();
            for (int i = 0; i < 8; i++) {
                add(Integer.toString(w), PairKind.GENUINE, 0.5 + 0.3 * random.nextGaussian());
                add(Integer.toString(w), PairKind.SKILLED, 0.5 + shift + 0.3 * random.nextGaussian());
            }
        }
        RunResults run = new RunResults("many", List.of(), List.of(), pairs, 0.8, "eer", Map.of());
        String preview = System.getProperty("siglab.plots.preview");
        Path file = (preview == null ? folder : Path.of(preview)).resolve("many-writer-eer.png");
        new XChartWriterEerPlotter().plot(run, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(Figures.WIDTH, image.getWidth());
        // The bars' blue fills a good part of the plot.
        int blue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                blue += (image.getRGB(x, y) & 0xffffff) == (XChartWriterEerPlotter.BAR.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        assertTrue(blue > 5_000, "only " + blue + " bar pixels");
    }
}
