package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siglab.api.model.EpochRecord;
import siglab.api.model.ValidationKeys;

/** The plateau schedule, and every schedule across a resumed run. */
class PlateauScheduleTest {

    private static EpochRecord epoch(int epoch, double auc) {
        return new EpochRecord(epoch, 1.0, 8, 1.0, Map.of(ValidationKeys.AUC, auc));
    }

    private static ScheduleConfig plateau(int warmup, double gamma, double minLr, int patience) {
        return new ScheduleConfig("plateau", warmup, null, gamma, minLr, patience);
    }

    /**
     * Patience 2, gamma 0.5, floor 0.2, lr 1: AUC 0.70, 0.80 (best), 0.79, 0.80 (not higher):
     * halved after epoch 4; 0.85 (best), 0.84, 0.83: halved again after epoch 7; then twice more
     * would give 0.125, floored at 0.2.
     */
    @Test
    void plateauMultipliesByGammaAfterPatienceEpochsWithoutAHigherAuc() {
        EpochScheduleTracker tracker = new EpochScheduleTracker(plateau(0, 0.5, 0.2, 2), 1f, 10, 20, 1);
        double[] aucs = {0.70, 0.80, 0.79, 0.80, 0.85, 0.84, 0.83, 0.5, 0.5, 0.5, 0.5};
        float[] expected = {1, 1, 1, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.2f, 0.2f, 0.2f};
        List<String> messages = new ArrayList<>();
        for (int e = 0; e < aucs.length; e++) {
            String message = tracker.endEpoch(epoch(e + 1, aucs[e]));
            if (message != null) {
                messages.add(message);
            }
            assertEquals(expected[e], tracker.at((e + 1) * 10L), 1e-7f, "after epoch " + (e + 1));
        }
        assertEquals(3, messages.size(), "the floor is reached on the third reduction; the fourth changes nothing: "
                + messages);
        assertEquals("learning rate 1.00 -> 0.500 after epoch 4: validation AUC has not exceeded 0.8000 (epoch 2)"
                + " for 2 epochs", messages.get(0));
    }

    @Test
    void warmUpEpochsSetTheBestButDoNotCount() {
        EpochScheduleTracker tracker = new EpochScheduleTracker(plateau(3, 0.1, 0.0, 1), 1f, 4, 10, 1);
        assertEquals(1f / 12, tracker.at(0), 1e-7f);
        assertNull(tracker.endEpoch(epoch(1, 0.9)));
        assertNull(tracker.endEpoch(epoch(2, 0.5)));
        assertNull(tracker.endEpoch(epoch(3, 0.5)));
        assertEquals(1f, tracker.at(12), 1e-7f);
        assertTrue(tracker.endEpoch(epoch(4, 0.89)) != null, "0.89 does not beat the warm-up's 0.9");
        assertEquals(0.1f, tracker.at(16), 1e-7f);
        assertNull(tracker.endEpoch(new EpochRecord(5, 1.0, 8, 1.0, Map.of())), "no AUC: neither better nor worse");
        assertEquals(0.1f, tracker.at(20), 1e-7f);
    }

    /** A resumed run replays its history: it continues with the rate the stopped run had reached. */
    @Test
    void aResumedPlateauContinuesAtTheRateItHadReached() {
        List<EpochRecord> history = List.of(epoch(1, 0.8), epoch(2, 0.7), epoch(3, 0.7));
        EpochScheduleTracker live = new EpochScheduleTracker(plateau(0, 0.5, 0.0, 2), 1f, 10, 6, 1);
        history.forEach(live::endEpoch);
        EpochScheduleTracker resumed = new EpochScheduleTracker(plateau(0, 0.5, 0.0, 2), 1f, 10, 6, 4);
        resumed.replay(history);
        assertEquals(0.5f, resumed.getNewValue(1), 1e-7f);
        assertEquals(live.getNewValue(31), resumed.getNewValue(1), 1e-9f);
        // And it goes on counting from there: epochs 4 and 5 are the first two flat epochs since the reduction.
        assertNull(resumed.endEpoch(epoch(4, 0.75)));
        assertTrue(resumed.endEpoch(epoch(5, 0.79)) != null);
        assertEquals(0.25f, resumed.getNewValue(21), 1e-7f);
    }

    /** Warm-up and cosine depend only on the update's index from the start of training. */
    @Test
    void warmUpAndCosineContinueAcrossAResume() {
        ScheduleConfig cosine = new ScheduleConfig("cosine", 2, null, null, 0.01);
        EpochScheduleTracker fresh = new EpochScheduleTracker(cosine, 1f, 7, 10, 1);
        for (int firstEpoch = 2; firstEpoch <= 9; firstEpoch++) {
            EpochScheduleTracker resumed = new EpochScheduleTracker(cosine, 1f, 7, 10, firstEpoch);
            for (int update = 1; update <= 14; update++) {
                int freshUpdate = (firstEpoch - 1) * 7 + update;
                assertEquals(fresh.getNewValue(freshUpdate), resumed.getNewValue(update), 0f,
                        "resumed at epoch " + firstEpoch + ", update " + update);
            }
        }
        // Resumed in the middle of the warm-up, the ramp goes on from where it was.
        EpochScheduleTracker inWarmUp = new EpochScheduleTracker(cosine, 1f, 7, 10, 2);
        assertEquals(8f / 14, inWarmUp.getNewValue(1), 1e-7f);
    }

    /** The loop feeds the schedule every epoch's record and logs each reduction. */
    @Test
    void theLoopLowersTheRateOnAPlateauAndSaysSo() throws Exception {
        try (FakeContext context = new FakeContext(new PatternBank(16, 16, 0.25f, 4, 3, 1, 31),
                FakeContext.tripletLoss(0.5f))) {
            context.validation = e -> Map.of(ValidationKeys.AUC, e == 1 ? 0.9 : 0.6);
            TripletsConfig config = new TripletsConfig(4, 4, 1,
                    new OptimizerConfig("adam", 1e-2, null, null, null, plateau(0, 0.5, 0.0, 1)), null, null, null);
            new TripletTrainingLoop().train(config, context);
            List<String> lowered = context.logs.stream().filter(l -> l.startsWith("learning rate")).toList();
            assertEquals(List.of("learning rate 0.0100 -> 0.00500 after epoch 2: validation AUC has not exceeded"
                    + " 0.9000 (epoch 1) for 1 epochs", "learning rate 0.00500 -> 0.00250 after epoch 3: validation"
                    + " AUC has not exceeded 0.9000 (epoch 1) for 1 epochs", "learning rate 0.00250 -> 0.00125 after"
                    + " epoch 4: validation AUC has not exceeded 0.9000 (epoch 1) for 1 epochs"), lowered);
        }
    }

    @Test
    void patienceIsValidated() {
        assertEquals("optimizer.schedule.patience must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> plateau(0, 0.5, 0.0, 0)).getMessage());
        assertEquals("optimizer.schedule.type must be one of constant, step, cosine, plateau; got linear",
                assertThrows(IllegalArgumentException.class,
                        () -> new ScheduleConfig("linear", null, null, null, null)).getMessage());
        assertEquals(3, new ScheduleConfig("plateau", null, null, null, null).patience());
    }
}
