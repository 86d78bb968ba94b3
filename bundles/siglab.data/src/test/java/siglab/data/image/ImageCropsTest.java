package siglab.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageCropsTest {

    /** A 12 x 16 image whose every pixel holds its own position: row * 100 + column. */
    private static float[] positions() {
        float[] image = new float[12 * 16];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i / 16) * 100 + i % 16;
        }
        return image;
    }

    private final ImageCrops crops = new ImageCrops(new Shape(1, 12, 16), new Shape(1, 8, 10));

    @Test
    void theCentreCropStartsHalfTheMarginIn() {
        float[] out = new float[crops.cropSize()];
        crops.centre(positions(), out, 0);
        assertEquals(2, crops.centreTop());
        assertEquals(3, crops.centreLeft());
        assertEquals(203f, out[0]);
        assertEquals(912f, out[out.length - 1]);
        // sigver's crop_center rounds an odd margin down.
        ImageCrops odd = new ImageCrops(new Shape(1, 13, 17), new Shape(1, 8, 10));
        assertEquals(2, odd.centreTop());
        assertEquals(3, odd.centreLeft());
    }

    @Test
    void randomCropsCoverEveryPlaceAndRepeatForASeed() {
        Set<Float> corners = new HashSet<>();
        float[] first = new float[200 * crops.cropSize()];
        float[] again = new float[200 * crops.cropSize()];
        Random random = new Random(7);
        Random same = new Random(7);
        for (int i = 0; i < 200; i++) {
            crops.random(positions(), random, first, i * crops.cropSize());
            crops.random(positions(), same, again, i * crops.cropSize());
            float corner = first[i * crops.cropSize()];
            corners.add(corner);
            int top = (int) corner / 100;
            int left = (int) corner % 100;
            assertTrue(top >= 0 && top <= 4 && left >= 0 && left <= 6, "crop at " + top + ", " + left);
        }
        assertArrayEquals(first, again);
        assertEquals(5 * 7, corners.size(), "every one of the 5 x 7 places is drawn in 200 crops");
    }

    @Test
    void equalShapesGiveOnePlaceAndDrawNothing() {
        ImageCrops whole = new ImageCrops(new Shape(1, 12, 16), new Shape(1, 12, 16));
        assertFalse(whole.varies());
        assertTrue(crops.varies());
        Random random = new Random(3);
        float[] out = new float[whole.cropSize()];
        whole.random(positions(), random, out, 0);
        assertArrayEquals(positions(), out);
        assertEquals(new Random(3).nextLong(), random.nextLong(), "no number was drawn");
    }

    @Test
    void aCropLargerThanTheImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageCrops(new Shape(1, 12, 16), new Shape(1, 13, 10)));
        assertEquals("cannot crop (1, 13, 10) from (1, 12, 16)", e.getMessage());
    }
}
