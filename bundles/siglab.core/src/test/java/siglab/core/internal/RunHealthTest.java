package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siglab.api.model.ValidationKeys;

/** The collapse detector and the check against the untrained encoder. */
class RunHealthTest {

    /** {@code count} unit vectors of {@code dimension} within about {@code radius} of one direction. */
    private static float[][] unitVectorsAround(int count, int dimension, double radius, long seed) {
        Random random = new Random(seed);
        float[] centre = new float[dimension];
        centre[0] = 1;
        float[][] vectors = new float[count][dimension];
        for (int i = 0; i < count; i++) {
            double norm = 0;
            for (int j = 0; j < dimension; j++) {
                vectors[i][j] = (float) (centre[j] + radius / Math.sqrt(dimension) * random.nextGaussian());
                norm += vectors[i][j] * vectors[i][j];
            }
            for (int j = 0; j < dimension; j++) {
                vectors[i][j] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }

    private static Map<String, Double> validation(float[][] embeddings) {
        return Map.of(ValidationKeys.EMBEDDING_SPREAD, EpochValidator.spread(embeddings),
                ValidationKeys.AP_MEAN, 0.07, ValidationKeys.AP_SD, 0.015,
                ValidationKeys.AN_MEAN, 0.08, ValidationKeys.AN_SD, 0.016);
    }

    /** Isotropic unit vectors: their mean is near the origin, so the spread is near 1. */
    @Test
    void embeddingsSpreadAllOverTheSphereHaveSpreadNearOne() {
        Random random = new Random(1);
        float[][] vectors = new float[400][64];
        for (float[] v : vectors) {
            double norm = 0;
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
                norm += v[j] * v[j];
            }
            for (int j = 0; j < v.length; j++) {
                v[j] /= (float) Math.sqrt(norm);
            }
        }
        assertEquals(1.0, EpochValidator.spread(vectors), 0.02);
        assertNull(RunHealth.collapse(1, validation(vectors), Double.NaN, false));
    }

    /**
     * Unit vectors within 0.05 of one direction (as cedar-signet's, whose pair distances all sit
     * near 0.07): spread about 0.05, collapsed. Within 0.5 (a trained encoder that uses a cap of
     * the sphere): spread about 0.45, healthy. Scaling the embeddings changes nothing.
     */
    @Test
    void embeddingsNearOnePointCollapseAndAWideCapDoesNot() {
        float[][] collapsed = unitVectorsAround(300, 128, 0.05, 2);
        double spread = EpochValidator.spread(collapsed);
        assertEquals(0.05, spread, 0.01);
        RunHealth.Warning warning = RunHealth.collapse(2, validation(collapsed), 0.231, false);
        assertNotNull(warning);
        assertEquals(RunHealth.COLLAPSE, warning.check());
        assertEquals(2, warning.epoch());
        assertTrue(warning.message().startsWith("the embeddings collapsed at epoch 2: validation embeddings spread 0.05"),
                warning.message());
        assertTrue(warning.message().contains("(untrained 0.231; collapse is below 0.1 and below 50% of the untrained"
                + " spread), d(a,p) 0.070±0.015, d(a,n) 0.080±0.016"), warning.message());
        assertNotNull(RunHealth.collapse(2, validation(collapsed), Double.NaN, false),
                "without an untrained spread the bound decides alone");

        float[][] healthy = unitVectorsAround(300, 128, 0.5, 3);
        assertEquals(0.45, EpochValidator.spread(healthy), 0.05);
        assertNull(RunHealth.collapse(2, validation(healthy), 0.231, false));

        float[][] scaled = new float[collapsed.length][];
        for (int i = 0; i < collapsed.length; i++) {
            scaled[i] = collapsed[i].clone();
            for (int j = 0; j < scaled[i].length; j++) {
                scaled[i][j] *= 1000f;
            }
        }
        assertEquals(spread, EpochValidator.spread(scaled), 1e-6);
    }

    /** Every image with one embedding, or all zero (dead units): spread 0. */
    @Test
    void identicalOrZeroEmbeddingsHaveSpreadZero() {
        float[][] same = new float[50][];
        float[][] zero = new float[50][];
        for (int i = 0; i < 50; i++) {
            same[i] = new float[] {0.3f, -2f, 5f};
            zero[i] = new float[3];
        }
        assertEquals(0.0, EpochValidator.spread(same), 1e-7);
        assertEquals(0.0, EpochValidator.spread(zero));
        assertTrue(RunHealth.collapsed(validation(zero), 0.2));
    }

    /**
     * An encoder that starts near one point (seed-cnn on CEDAR starts at a spread of 0.069) has not
     * collapsed while training keeps it there; it has once training halves the spread.
     */
    @Test
    void aSpreadThatStartedLowIsACollapseOnlyOnceTrainingShrinksIt() {
        float[][] start = unitVectorsAround(300, 64, 0.07, 6);
        double untrained = EpochValidator.spread(start);
        assertTrue(untrained < RunHealth.COLLAPSE_SPREAD, String.valueOf(untrained));
        assertNull(RunHealth.collapse(1, validation(start), untrained, false));
        float[][] squeezed = unitVectorsAround(300, 64, 0.02, 7);
        assertNotNull(RunHealth.collapse(2, validation(squeezed), untrained, false));
    }

    /** One warning when the embeddings collapse, none while they stay collapsed, one more after a recovery. */
    @Test
    void aCollapseIsWarnedOnceUntilItRecovers() {
        Map<String, Double> collapsed = validation(unitVectorsAround(100, 16, 0.02, 4));
        Map<String, Double> healthy = validation(unitVectorsAround(100, 16, 1.0, 5));
        double untrained = 0.3;
        assertNotNull(RunHealth.collapse(2, collapsed, untrained, RunHealth.collapsed(healthy, untrained)));
        assertNull(RunHealth.collapse(3, collapsed, untrained, RunHealth.collapsed(collapsed, untrained)));
        assertNull(RunHealth.collapse(4, healthy, untrained, RunHealth.collapsed(collapsed, untrained)));
        assertNotNull(RunHealth.collapse(5, collapsed, untrained, RunHealth.collapsed(healthy, untrained)));
        assertNull(RunHealth.collapse(1, Map.of(ValidationKeys.AUC, 0.5), untrained, false),
                "no spread measured, no verdict");
    }

    @Test
    void anEncoderBelowTheUntrainedOneIsWarnedWithBothNumbers() {
        RunHealth.Warning worse = RunHealth.belowUntrained(1, 0.699374, 0.706955);
        assertNotNull(worse);
        assertEquals(RunHealth.BELOW_UNTRAINED, worse.check());
        assertEquals("the evaluated encoder (epoch 1) has a validation AUC of 0.699, below the untrained encoder's"
                + " 0.707: training made it worse at telling genuine signatures from forgeries of the validation"
                + " writers", worse.message());
        assertEquals(Map.of("check", "below-untrained", "epoch", 1, "message", worse.message()), worse.toJson());
        assertNull(RunHealth.belowUntrained(1, 0.789, 0.707));
        assertNull(RunHealth.belowUntrained(3, 0.707, 0.707), "equal is not below");
        assertNull(RunHealth.belowUntrained(3, Double.NaN, 0.707), "no AUC, no verdict");
    }
}
