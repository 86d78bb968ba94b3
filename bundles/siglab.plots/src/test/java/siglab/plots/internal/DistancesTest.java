package siglab.plots.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.eval.PairKind;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

class DistancesTest {

    /** The extremes of a real CEDAR run's 4380 test distances, whose last edge overshot by one ulp. */
    private static final double MIN = 0.00196863018063699;
    private static final double MAX = 0.6638945626958238;

    @Test
    void theLastEdgeIsExactlyTheLargestDistance() {
        assertTrue(MIN + 40 * ((MAX - MIN) / 40) > MAX, "the case no longer overshoots; pick another");
        double[] edges = XChartDistancesPlotter.edges(MIN, MAX, 40);
        assertEquals(MIN, edges[0]);
        assertEquals(MAX, edges[40]);
        for (int i = 1; i < edges.length; i++) {
            assertTrue(edges[i] >= edges[i - 1], "edge " + i + " goes back");
        }
    }

    @Test
    void drawsTheRunThatOnceFailed(@TempDir Path folder) throws IOException {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int i = 0; i < 4380; i++) {
            double distance = i == 0 ? MIN : i == 1 ? MAX : MIN + (MAX - MIN) * ((i * 0.618034) % 1);
            PairKind kind = i % 3 == 0 ? PairKind.GENUINE : i % 3 == 1 ? PairKind.SKILLED : PairKind.RANDOM;
            pairs.add(new ScoredPair("a", "b", "w", kind, distance));
        }
        Path file = folder.resolve("distances.png");
        new XChartDistancesPlotter().plot(new RunResults("cedar", List.of(), pairs, pairs, 0.056, "eer", Map.of()), file);
        assertTrue(Files.size(file) > 0);
    }
}
