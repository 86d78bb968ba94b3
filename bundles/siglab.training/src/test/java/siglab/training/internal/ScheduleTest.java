package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static float[] rates(ScheduleConfig schedule, float lr, int steps, int epochs,
            int firstEpoch, long... at) {
        EpochScheduleTracker tracker = new EpochScheduleTracker(schedule, lr, steps, epochs,
                firstEpoch);
        float[] values = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            values[i] = tracker.at(at[i]);
        }
        return values;
    }

    @Test
    void constantKeepsTheLearningRate() {
        float[] values = rates(new ScheduleConfig(null, null, null, null, null), 0.01f, 10, 5, 1,
                0, 17, 49);
        assertEquals(0.01f, values[0], 1e-9f);
        assertEquals(0.01f, values[1], 1e-9f);
        assertEquals(0.01f, values[2], 1e-9f);
    }

    /** 10 steps per epoch, gamma 0.5 every 2 epochs, floor 0.02: 1, 1, 0.5, 0.25, 0.02 (floored). */
    @Test
    void stepMultipliesByGammaEveryStepEpochs() {
        float[] values = rates(new ScheduleConfig("step", 0, 2, 0.5, 0.02), 1f, 10, 20, 1,
                0, 19, 20, 45, 199);
        assertEquals(1f, values[0], 1e-6f);
        assertEquals(1f, values[1], 1e-6f);
        assertEquals(0.5f, values[2], 1e-6f);
        assertEquals(0.25f, values[3], 1e-6f);
        assertEquals(0.02f, values[4], 1e-6f);
    }

    /**
     * 2 warm-up epochs of 5 steps, then a cosine from 1 to 0.1 over the remaining 8 epochs (40
     * steps): step 0 is 1/10, step 9 is 1, step 10 starts the cosine at 1, step 30 is half way
     * (0.55), step 49 is 0.1 + 0.9 (1 + cos(39 pi / 40)) / 2.
     */
    @Test
    void cosineAfterLinearWarmUp() {
        float[] values = rates(new ScheduleConfig("cosine", 2, null, null, 0.1), 1f, 5, 10, 1,
                0, 4, 9, 10, 30, 49, 80);
        assertEquals(0.1f, values[0], 1e-6f);
        assertEquals(0.5f, values[1], 1e-6f);
        assertEquals(1f, values[2], 1e-6f);
        assertEquals(1f, values[3], 1e-6f);
        assertEquals(0.55f, values[4], 1e-6f);
        assertEquals((float) (0.1 + 0.9 * (1 + Math.cos(Math.PI * 39 / 40)) / 2), values[5], 1e-6f);
        assertEquals(0.1f, values[6], 1e-6f);
    }

    /** DJL counts updates from 1; a run resumed at epoch 3 continues where epoch 2 ended. */
    @Test
    void resumedRunContinuesTheSchedule() {
        ScheduleConfig step = new ScheduleConfig("step", 0, 2, 0.5, null);
        EpochScheduleTracker fresh = new EpochScheduleTracker(step, 1f, 10, 6, 1);
        EpochScheduleTracker resumed = new EpochScheduleTracker(step, 1f, 10, 6, 3);
        assertEquals(1f, fresh.getNewValue(1), 1e-6f);
        assertEquals(0.5f, fresh.getNewValue(21), 1e-6f);
        assertEquals(0.5f, resumed.getNewValue(1), 1e-6f);
        assertEquals(fresh.getNewValue(35), resumed.getNewValue(15), 1e-9f);
    }
}
