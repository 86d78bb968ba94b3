package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.api.eval.Metric;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;
import siglab.core.Kind;

/** How the optimistic section of metrics.json is put together from the plug-ins that own each figure. */
class ProtocolsTest {

    private final List<ScoredPair> test = List.of(
            new ScoredPair("a.png", "b.png", "w1", PairKind.GENUINE, 0.2),
            new ScoredPair("a.png", "c.png", "w1", PairKind.SKILLED, 0.7),
            new ScoredPair("a.png", "d.png", "w2", PairKind.RANDOM, 0.9));

    /** What the fake plug-ins were asked. */
    private final List<Object> calls = new ArrayList<>();

    @Test
    void theThresholdIsChosenOnTheTestPairsAndTheFiguresComeFromTheirOwners() {
        Map<String, Object> section = Protocols.section(registry(), test);

        assertEquals(List.of("protocol", "threshold_chosen_on", "threshold", "accuracy", "far", "far_skilled",
                "far_random", "frr", "eer", "eer_threshold", "pairs"), List.copyOf(section.keySet()));
        assertEquals(Protocols.OPTIMISTIC, section.get("protocol"));
        assertTrue(((String) section.get("protocol")).contains("upper bound"));
        assertEquals("test pairs (3 pairs)", section.get("threshold_chosen_on"));
        // max-accuracy saw the test pairs; verification decided them at its threshold.
        assertSame(test, calls.get(0));
        assertEquals(0.45, section.get("threshold"));
        assertEquals(List.of("verification", 0.45), calls.subList(1, 3));
        assertEquals(0.45 + 0.5, section.get("accuracy"));
        assertEquals(0.2, section.get("far_skilled"));
        assertNull(section.get("far_random"), "NaN is written as null");
        assertEquals(0.33, section.get("eer"));
        assertEquals(0.5, section.get("eer_threshold"));
        assertEquals(3, section.get("pairs"));
    }

    @Test
    void withoutBothClassesOrWithoutThePlugInsItSaysWhy() {
        Map<String, Object> oneClass = Protocols.section(registry(), test.subList(0, 1));
        assertTrue(oneClass.get("unavailable").toString().contains("both genuine and negative"), oneClass.toString());
        assertFalse(oneClass.containsKey("accuracy"));
        assertEquals(1, oneClass.get("pairs"));
        assertTrue(calls.isEmpty(), "no plug-in was asked");

        Map<String, Object> missing = Protocols.section(new PluginRegistry(), test);
        assertTrue(missing.get("unavailable").toString().contains("max-accuracy"), missing.toString());
        assertEquals(Protocols.OPTIMISTIC, missing.get("protocol"));
    }

    @Test
    void theVerificationThresholdSaysWhereItCameFrom() {
        assertEquals("validation writers (120 pairs)", Protocols.chosenOn("eer", 120));
        assertEquals("none: fixed in the config", Protocols.chosenOn("fixed", 120));
    }

    private PluginRegistry registry() {
        PluginRegistry registry = new PluginRegistry();
        registry.register(Kind.THRESHOLD, "max-accuracy", new ThresholdPolicy<FakePlugins.NoConfig>() {
            @Override
            public Class<FakePlugins.NoConfig> configType() {
                return FakePlugins.NoConfig.class;
            }

            @Override
            public double choose(FakePlugins.NoConfig config, List<ScoredPair> pairs) {
                calls.add(pairs);
                return 0.45;
            }
        });
        registry.register(Kind.METRIC, "verification", (Metric) (pairs, threshold) -> {
            calls.add("verification");
            calls.add(threshold);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("accuracy", threshold + 0.5);
            metrics.put("far", 0.1);
            metrics.put("far_skilled", 0.2);
            metrics.put("far_random", Double.NaN);
            metrics.put("frr", 0.3);
            metrics.put("tp", 1.0);
            return metrics;
        });
        registry.register(Kind.METRIC, "ranking", (Metric) (pairs, threshold) -> Map.of("auc", 0.9, "eer", 0.33,
                "eer_threshold", 0.5));
        return registry;
    }
}
