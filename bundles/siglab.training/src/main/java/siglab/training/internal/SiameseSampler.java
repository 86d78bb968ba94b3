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
 *
 * <p>For epochs of pairs, a second walk goes through every unordered pair of two genuine images
 * of one writer, in a fresh random order on each pass, each pair in a random orientation; it is
 * built on first use.
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
    /** The walk of genuine pairs: first and second image of each, or null until first used. */
    private int[] pairFirst;
    private int[] pairSecond;
    private int pairCursor;

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

    /** Number of unordered pairs of two genuine images of one writer: an epoch of pairs. */
    long genuinePairCount() {
        long count = 0;
        for (String writer : writers) {
            long n = bank.genuine(writer).length;
            count += n * (n - 1) / 2;
        }
        return count;
    }

    /**
     * The next {@code positives} genuine pairs of the walk (label 1), then {@code negatives}
     * negative pairs whose first images are those of the genuine pairs in turn, so that each
     * writer of the batch has its negatives.
     */
    Pairs genuinePairsWithNegatives(int positives, int negatives) {
        int size = positives + negatives;
        int[] first = new int[size];
        int[] second = new int[size];
        float[] labels = new float[size];
        for (int i = 0; i < positives; i++) {
            int[] pair = nextGenuinePair();
            first[i] = pair[0];
            second[i] = pair[1];
            labels[i] = 1f;
        }
        for (int i = 0; i < negatives; i++) {
            first[positives + i] = first[i % positives];
            second[positives + i] = negativeFor(first[positives + i]);
        }
        return new Pairs(first, second, labels);
    }

    /** The next {@code size} genuine pairs of the walk as anchor and positive, each with a drawn negative. */
    Triplets tripletsOfGenuinePairs(int size) {
        int[] anchors = new int[size];
        int[] positives = new int[size];
        int[] negativeIndices = new int[size];
        for (int i = 0; i < size; i++) {
            int[] pair = nextGenuinePair();
            anchors[i] = pair[0];
            positives[i] = pair[1];
            negativeIndices[i] = negativeFor(anchors[i]);
        }
        return new Triplets(anchors, positives, negativeIndices);
    }

    private int[] nextGenuinePair() {
        if (pairFirst == null) {
            buildPairWalk();
        }
        if (pairCursor == pairFirst.length) {
            shufflePairs();
            pairCursor = 0;
        }
        int a = pairFirst[pairCursor];
        int b = pairSecond[pairCursor];
        pairCursor++;
        return random.nextBoolean() ? new int[] {a, b} : new int[] {b, a};
    }

    private void buildPairWalk() {
        long count = genuinePairCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("epoch: pairs: " + count + " genuine pairs are too many;"
                    + " use epoch: anchors");
        }
        pairFirst = new int[(int) count];
        pairSecond = new int[(int) count];
        int at = 0;
        for (String writer : writers) {
            int[] genuine = bank.genuine(writer);
            for (int i = 0; i < genuine.length; i++) {
                for (int j = i + 1; j < genuine.length; j++) {
                    pairFirst[at] = genuine[i];
                    pairSecond[at] = genuine[j];
                    at++;
                }
            }
        }
        pairCursor = pairFirst.length;
    }

    private void shufflePairs() {
        for (int i = pairFirst.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = pairFirst[i];
            pairFirst[i] = pairFirst[j];
            pairFirst[j] = swap;
            swap = pairSecond[i];
            pairSecond[i] = pairSecond[j];
            pairSecond[j] = swap;
        }
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
