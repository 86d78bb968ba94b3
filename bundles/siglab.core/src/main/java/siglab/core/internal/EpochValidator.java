package siglab.core.internal;

import ai.djl.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;
import siglab.api.model.ValidationKeys;

/**
 * Scores a fixed, seeded set of validation triplets after every epoch, as the seed notebook did:
 * anchor and positive are genuine signatures of one validation writer, the negative a forgery of
 * that writer (or, for a writer without forgeries, another writer's genuine signature).
 */
final class EpochValidator {

    private final ImageBank bank;
    private final Scorer scorer;
    private final List<int[]> triplets = new ArrayList<>();

    EpochValidator(ImageBank bank, Scorer scorer, int count, long seed) {
        this.bank = bank;
        this.scorer = scorer;
        Random random = new Random(seed ^ 0x5EEDL);
        List<String> writers = new ArrayList<>();
        for (String writer : bank.writers()) {
            if (bank.genuine(writer).length >= 2) {
                writers.add(writer);
            }
        }
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("no validation writer has two genuine signatures");
        }
        for (int i = 0; i < count; i++) {
            String writer = writers.get(random.nextInt(writers.size()));
            int[] genuine = bank.genuine(writer);
            int a = random.nextInt(genuine.length);
            int p = random.nextInt(genuine.length - 1);
            if (p >= a) {
                p++;
            }
            int[] forged = bank.forged(writer);
            int negative;
            if (forged.length > 0) {
                negative = forged[random.nextInt(forged.length)];
            } else {
                String other = writers.get(random.nextInt(writers.size()));
                int[] otherGenuine = bank.genuine(other.equals(writer)
                        ? writers.get((writers.indexOf(writer) + 1) % writers.size()) : other);
                negative = otherGenuine[random.nextInt(otherGenuine.length)];
            }
            triplets.add(new int[] {genuine[a], genuine[p], negative});
        }
    }

    /**
     * The validation metrics of the model as it is now.
     *
     * @param epoch the epoch that just ended, or 0 for the untrained encoder (for error messages)
     * @throws IllegalStateException when an embedding is not finite, naming the first image: no
     *     metric means anything then. After training this is divergence that every loss and
     *     gradient hid: in inference mode, with BatchNorm's running statistics, the encoder overflows.
     */
    Map<String, Double> validate(Model model, int epoch) {
        float[][] embeddings = Embedder.embed(model, bank);
        requireFinite(embeddings, epoch);
        double[] ap = new double[triplets.size()];
        double[] an = new double[triplets.size()];
        int correct = 0;
        for (int i = 0; i < triplets.size(); i++) {
            int[] t = triplets.get(i);
            ap[i] = scorer.score(embeddings[t[0]], embeddings[t[1]]);
            an[i] = scorer.score(embeddings[t[0]], embeddings[t[2]]);
            if (ap[i] < an[i]) {
                correct++;
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(ValidationKeys.TRIPLET_ACCURACY, correct / (double) triplets.size());
        result.put(ValidationKeys.AP_MEAN, mean(ap));
        result.put(ValidationKeys.AP_SD, sd(ap));
        result.put(ValidationKeys.AN_MEAN, mean(an));
        result.put(ValidationKeys.AN_SD, sd(an));
        result.put(ValidationKeys.AUC, auc(ap, an));
        result.put(ValidationKeys.TRIPLETS, (double) triplets.size());
        result.put(ValidationKeys.EMBEDDING_SPREAD, spread(embeddings));
        return result;
    }

    /**
     * How far embeddings spread around their mean, relative to their length:
     * sqrt(mean ||e - mean(e)||² / mean ||e||²), in [0, 1]. It is 0 when every image has the same
     * embedding and 1 when their mean is the origin; for unit-length embeddings it is the RMS
     * distance to their centroid, and two random images lie about spread x sqrt(2) apart. Being a
     * ratio, it does not depend on the embeddings' scale. All-zero embeddings have spread 0.
     */
    static double spread(float[][] embeddings) {
        if (embeddings.length == 0) {
            return Double.NaN;
        }
        int dimension = embeddings[0].length;
        double[] centre = new double[dimension];
        for (float[] e : embeddings) {
            for (int j = 0; j < dimension; j++) {
                centre[j] += e[j];
            }
        }
        for (int j = 0; j < dimension; j++) {
            centre[j] /= embeddings.length;
        }
        double deviation = 0;
        double length = 0;
        for (float[] e : embeddings) {
            for (int j = 0; j < dimension; j++) {
                double d = e[j] - centre[j];
                deviation += d * d;
                length += (double) e[j] * e[j];
            }
        }
        return length == 0 ? 0 : Math.sqrt(deviation / length);
    }

    private void requireFinite(float[][] embeddings, int epoch) {
        int broken = 0;
        int first = -1;
        float value = 0;
        for (int i = 0; i < embeddings.length; i++) {
            for (float v : embeddings[i]) {
                if (!Float.isFinite(v)) {
                    if (first < 0) {
                        first = i;
                        value = v;
                    }
                    broken++;
                    break;
                }
            }
        }
        if (broken > 0) {
            String which = String.format(java.util.Locale.ROOT, "(%d of %d images; the first, %s, has %s in its"
                    + " embedding)", broken, embeddings.length, bank.sample(first).file(), value);
            throw new IllegalStateException(epoch == 0
                    ? "the untrained encoder's validation embeddings are not finite " + which
                            + ": check the encoder's settings"
                    : "training diverged: the validation embeddings after epoch " + epoch + " are not finite "
                            + which + ", although no training loss or gradient was: in inference mode, with"
                            + " BatchNorm's running statistics, the encoder overflows; lower the learning rate"
                            + " (training.optimizer.lr) or set training.optimizer.clip-gradient");
        }
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    static double sd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : Math.sqrt(sum / (values.length - 1));
    }

    /**
     * Probability that a positive distance is below a negative one (ties count half): the
     * Mann-Whitney form of the ROC AUC, in O(n log n).
     */
    static double auc(double[] positives, double[] negatives) {
        double[] sortedNegatives = negatives.clone();
        java.util.Arrays.sort(sortedNegatives);
        double total = 0;
        for (double p : positives) {
            int above = sortedNegatives.length - upperBound(sortedNegatives, p);
            int ties = upperBound(sortedNegatives, p) - lowerBound(sortedNegatives, p);
            total += above + ties / 2.0;
        }
        return total / ((double) positives.length * negatives.length);
    }

    private static int lowerBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
