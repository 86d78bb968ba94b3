package siglab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import siglab.api.eval.PairKind;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

class PlottersTest {

    static Map<String, Plotter> plotters() {
        Map<String, Plotter> plotters = new LinkedHashMap<>();
        plotters.put("loss", new XChartLossPlotter());
        plotters.put("accuracy", new XChartAccuracyPlotter());
        plotters.put("means", new XChartMeansPlotter());
        plotters.put("quartiles", new XChartQuartilesPlotter());
        plotters.put("confusion", new ConfusionMatrixPlotter());
        plotters.put("roc", new XChartRocPlotter());
        plotters.put("det", new XChartDetPlotter());
        plotters.put("distances", new XChartDistancesPlotter());
        plotters.put("writer-eer", new XChartWriterEerPlotter());
        return plotters;
    }

    static Stream<String> types() {
        return plotters().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void drawsASmallRun(String type, @TempDir Path folder) throws IOException {
        BufferedImage image = draw(type, FakeRuns.small(), folder.resolve(type + ".png"));
        // More than a blank canvas: a chart has many colours.
        assertTrue(colours(image) > 20, type + " looks blank");
    }

    @ParameterizedTest
    @MethodSource("types")
    void drawsAPlaceholderWhenThereIsNoData(String type, @TempDir Path folder) throws IOException {
        draw(type, FakeRuns.empty(), folder.resolve("plots").resolve(type + ".png"));
    }

    @ParameterizedTest
    @MethodSource("types")
    void copesWithOneEpochAndOneClass(String type, @TempDir Path folder) throws IOException {
        RunResults small = FakeRuns.small();
        List<ScoredPair> genuineOnly = List.of(new ScoredPair("a", "b", "w", PairKind.GENUINE, 0.4),
                new ScoredPair("c", "d", "w", PairKind.GENUINE, 0.4));
        RunResults odd = new RunResults("odd", small.history().subList(0, 1), genuineOnly, genuineOnly,
                Double.NaN, "", Map.of());
        draw(type, odd, folder.resolve(type + ".png"));
    }

    /** Renders every figure of a realistic run for a person to look at: -Dsiglab.plots.preview=DIR. */
    @Test
    @EnabledIfSystemProperty(named = "siglab.plots.preview", matches = ".+")
    void preview() throws IOException {
        Path folder = Paths.get(System.getProperty("siglab.plots.preview"));
        for (String type : plotters().keySet()) {
            draw(type, FakeRuns.realistic(), folder.resolve(type + ".png"));
            draw(type, FakeRuns.empty(), folder.resolve("empty-" + type + ".png"));
            draw(type, FakeRuns.small(), folder.resolve("small-" + type + ".png"));
        }
    }

    private static BufferedImage draw(String type, RunResults run, Path file) throws IOException {
        plotters().get(type).plot(run, file);
        assertTrue(Files.size(file) > 0);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, type + " is not a PNG");
        assertEquals(Figures.WIDTH, image.getWidth());
        assertEquals(Figures.HEIGHT, image.getHeight());
        return image;
    }

    private static long colours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }
}
