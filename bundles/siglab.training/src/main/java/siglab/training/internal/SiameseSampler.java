package siglab.training.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import siglab.api.data.ImageBank;

/**
 * Draws pairs and triplets of image indices from an {@link ImageBank}, using only the bank's
 * indices and the run's random source.
 *
 * <p>Anchors walk through every genuine image of the writers with at least two of them, in a
 * fresh random order on each pass, so an epoch of the default length uses each of them about once;
 * the positive is another genuine image of the anchor's writer, never the anchor itself.
 */
final class SiameseSampler {

    /** A triplet batch: parallel arrays of indices. */
    record Triplets(int[] anchors, int[] positives, int[] negatives) {}

    /** A pair batch: parallel arrays of indices and labels (1 for a genuine pair of one writer). */
    record Pairs(int[] first, int[] second, float[] labels) {}

    private final ImageBank bank;
    private final Random random;
    private final Negatives negatives;
    /** Anchor candidates: every genuine image of a writer with at least two. */
    private final int[] anchorPool;
    /** Writer position (in {@link #writers}) of each image index, -1 if not genuine. */
    private final int[] writerOf;
    private final List<String> writers;
    /** Class id of each image index: see {@link #classOf}. */
    private final int[] classes;
    /** Positions of writers with at least one genuine image: the other-writer candidates. */
    private final int[] writersWithGenuine;
    private int cursor;

    SiameseSampler(ImageBank bank, Random random, Negatives negatives) {
        this.bank = bank;
        this.random = random;
        this.negatives = negatives;
        this.writers = List.copyOf(bank.writers());
        this.writerOf = new int[bank.size()];
        java.util.Arrays.fill(writerOf, -1);
        this.classes = new int[bank.size()];
        java.util.Arrays.fill(classes, -1);
        List<Integer> pool = new ArrayList<>();
        List<Integer> withGenuine = new ArrayList<>();
        boolean someAnchorLacksForgeries = false;
        for (int w = 0; w < writers.size(); w++) {
            int[] genuine = bank.genuine(writers.get(w));
            for (int index : genuine) {
                writerOf[index] = w;
                classes[index] = w;
            }
            for (int index : bank.forged(writers.get(w))) {
                classes[index] = writers.size() + w;
            }
            if (genuine.length > 0) {
                withGenuine.add(w);
            }
            if (genuine.length >= 2) {
                for (int index : genuine) {
                    pool.add(index);
                }
                someAnchorLacksForgeries |= bank.forged(writers.get(w)).length == 0;
            }
        }
        if (pool.isEmpty()) {
            throw new IllegalArgumentException(
                    "no training writer has two genuine images: cannot build a positive example");
        }
        boolean needsOtherWriters = negatives != Negatives.FORGERY || someAnchorLacksForgeries;
        if (needsOtherWriters && withGenuine.size() < 2) {
            throw new IllegalArgumentException("negatives=" + negatives.yamlName()
                    + " needs genuine images of at least two training writers");
        }
        this.anchorPool = pool.stream().mapToInt(Integer::intValue).toArray();
        this.writersWithGenuine = withGenuine.stream().mapToInt(Integer::intValue).toArray();
        this.cursor = anchorPool.length;
    }

    /**
     * The class id of an image, as {@link siglab.api.model.SiameseLoss} defines it: w for the
     * genuine images of the w-th writer of the bank, (number of writers + w) for the forgeries of
     * that writer.
     */
    int classOf(int index) {
        return classes[index];
    }

    /** Number of anchor candidates: the default epoch uses each of them about once. */
    int anchorCount() {
        return anchorPool.length;
    }

    Triplets triplets(int size) {
        int[] anchors = new int[size];
        int[] positives = new int[size];
        int[] negativeIndices = new int[size];
        for (int i = 0; i < size; i++) {
            anchors[i] = nextAnchor();
            positives[i] = positiveFor(anchors[i]);
            negativeIndices[i] = negativeFor(anchors[i]);
        }
        return new Triplets(anchors, positives, negativeIndices);
    }

    /** {@code size} pairs of which {@code round(size * positiveFraction)} are genuine, the first ones. */
    Pairs pairs(int size, double positiveFraction) {
        int genuinePairs = (int) Math.round(size * positiveFraction);
        int[] first = new int[size];
        int[] second = new int[size];
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            first[i] = nextAnchor();
            if (i < genuinePairs) {
                second[i] = positiveFor(first[i]);
                labels[i] = 1f;
            } else {
                second[i] = negativeFor(first[i]);
            }
        }
        return new Pairs(first, second, labels);
    }

    private int nextAnchor() {
        if (cursor == anchorPool.length) {
            shuffle(anchorPool);
            cursor = 0;
        }
        return anchorPool[cursor++];
    }

    private int positiveFor(int anchor) {
        int[] genuine = bank.genuine(writers.get(writerOf[anchor]));
        // Drawing from the other n - 1 images keeps the draw uniform without retries.
        int pick = genuine[random.nextInt(genuine.length - 1)];
        return pick == anchor ? genuine[genuine.length - 1] : pick;
    }

    private int negativeFor(int anchor) {
        int writer = writerOf[anchor];
        boolean forgery = switch (negatives) {
            case FORGERY -> true;
            case OTHER_WRITER -> false;
            case MIXED -> random.nextBoolean();
        };
        if (forgery) {
            int[] forged = bank.forged(writers.get(writer));
            if (forged.length > 0) {
                return forged[random.nextInt(forged.length)];
            }
        }
        return genuineOfAnotherWriter(writer);
    }

    private int genuineOfAnotherWriter(int writer) {
        int other;
        do {
            other = writersWithGenuine[random.nextInt(writersWithGenuine.length)];
        } while (other == writer);
        int[] genuine = bank.genuine(writers.get(other));
        return genuine[random.nextInt(genuine.length)];
    }

    private void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
