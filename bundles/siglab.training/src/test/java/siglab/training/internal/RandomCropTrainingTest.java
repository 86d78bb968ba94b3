package siglab.training.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siglab.api.data.ImageBank;
import siglab.api.data.Sample;
import siglab.api.model.EpochRecord;

/** Training loops feed a bank's random crops (image.preprocess: sigver), from a stream of their own. */
class RandomCropTrainingTest {

    /**
     * 36 x 36 pattern images seen through 32 x 32 crops: centre crops for evaluation, random crops
     * for training, each training crop's place recorded.
     */
    static final class CroppingBank implements ImageBank {
        final PatternBank stored = new PatternBank(36, 36, 0.25f, 6, 4, 4, 1);
        final List<int[]> trainingCrops = new ArrayList<>();
        int evaluationBatches;

        @Override
        public Shape imageShape() {
            return new Shape(1, 32, 32);
        }

        @Override
        public int size() {
            return stored.size();
        }

        @Override
        public List<String> writers() {
            return stored.writers();
        }

        @Override
        public int[] genuine(String writer) {
            return stored.genuine(writer);
        }

        @Override
        public int[] forged(String writer) {
            return stored.forged(writer);
        }

        @Override
        public Sample sample(int index) {
            return stored.sample(index);
        }

        private float[] crop(int index, int top, int left) {
            float[] image = stored.pixels(index);
            float[] out = new float[32 * 32];
            for (int y = 0; y < 32; y++) {
                System.arraycopy(image, (top + y) * 36 + left, out, y * 32, 32);
            }
            return out;
        }

        @Override
        public float[] pixels(int index) {
            return crop(index, 2, 2);
        }

        @Override
        public NDArray batch(NDManager manager, int[] indices) {
            evaluationBatches++;
            return stack(manager, indices, null);
        }

        @Override
        public boolean randomCrops() {
            return true;
        }

        @Override
        public float[] trainingPixels(int index, Random random) {
            int top = random.nextInt(5);
            int left = random.nextInt(5);
            trainingCrops.add(new int[] {top, left});
            return crop(index, top, left);
        }

        @Override
        public NDArray trainingBatch(NDManager manager, int[] indices, Random random) {
            return stack(manager, indices, random);
        }

        private NDArray stack(NDManager manager, int[] indices, Random random) {
            float[] all = new float[indices.length * 32 * 32];
            for (int i = 0; i < indices.length; i++) {
                float[] image = random == null ? pixels(indices[i]) : trainingPixels(indices[i], random);
                System.arraycopy(image, 0, all, i * 32 * 32, 32 * 32);
            }
            return manager.create(all, new Shape(indices.length, 1, 32, 32));
        }
    }

    private static TripletsConfig triplets(AugmentConfig augment) {
        return new TripletsConfig(3, 8, 4, new OptimizerConfig("adam", 1e-2, null, null, null, null), null, null,
                augment);
    }

    private record Run(List<int[]> crops, List<Double> losses, int evaluationBatches) {}

    private static Run train(AugmentConfig augment) throws Exception {
        CroppingBank bank = new CroppingBank();
        try (FakeContext context = new FakeContext(bank, FakeContext.tripletLoss(0.5f))) {
            new TripletTrainingLoop().train(triplets(augment), context);
            return new Run(bank.trainingCrops, context.epochs.stream().map(EpochRecord::loss).toList(),
                    bank.evaluationBatches);
        }
    }

    @Test
    void trainingSeesRandomCropsThatRepeatForTheSeed() throws Exception {
        Run first = train(null);
        // 3 epochs of 4 batches of 8 triplets: 288 images, every one a training crop.
        assertEquals(288, first.crops().size());
        assertEquals(0, first.evaluationBatches(), "no centre crops in training");
        HashSet<List<Integer>> places = new HashSet<>();
        first.crops().forEach(c -> places.add(List.of(c[0], c[1])));
        assertTrue(places.size() > 20, "crops at " + places.size() + " of 25 places");

        Run again = train(null);
        assertEquals(first.losses(), again.losses());
        for (int i = 0; i < first.crops().size(); i++) {
            assertEquals(List.of(first.crops().get(i)[0], first.crops().get(i)[1]),
                    List.of(again.crops().get(i)[0], again.crops().get(i)[1]), "crop " + i);
        }
    }

    @Test
    void augmentationDoesNotMoveTheCrops() throws Exception {
        Run plain = train(null);
        Run augmented = train(new AugmentConfig(1.0, 5.0, null, null, null, null));
        assertEquals(plain.crops().size(), augmented.crops().size());
        for (int i = 0; i < plain.crops().size(); i++) {
            assertEquals(List.of(plain.crops().get(i)[0], plain.crops().get(i)[1]),
                    List.of(augmented.crops().get(i)[0], augmented.crops().get(i)[1]), "crop " + i);
        }
        assertTrue(!plain.losses().equals(augmented.losses()), "augmentation changed the images");
    }
}
