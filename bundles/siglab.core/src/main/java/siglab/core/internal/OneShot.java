package siglab.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import siglab.api.data.ImageBank;

/**
 * N-way one-shot accuracy (Koch et al. 2015): one genuine reference signature for each of N
 * writers, a questioned genuine signature of one of them (never its reference), and the writer
 * whose reference is nearest is the answer. Seeded trials on the test writers.
 */
final class OneShot {

    static final int TRIALS = 1000;

    private OneShot() {}

    /** one_shot_accuracy, one_shot_ways and one_shot_trials; empty when fewer than two writers qualify. */
    static Map<String, Double> accuracy(ImageBank bank, float[][] embeddings, Scorer scorer, long seed) {
        List<String> writers = new ArrayList<>();
        for (String writer : bank.writers()) {
            if (bank.genuine(writer).length >= 2) {
                writers.add(writer);
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        if (writers.size() < 2) {
            return result;
        }
        Random random = new Random(seed);
        int ways = writers.size();
        int correct = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            List<String> order = new ArrayList<>(writers);
            Collections.shuffle(order, random);
            String truth = order.get(0);
            int[] truthGenuine = bank.genuine(truth);
            int query = truthGenuine[random.nextInt(truthGenuine.length)];
            String best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (String writer : order) {
                int[] genuine = bank.genuine(writer);
                int reference;
                do {
                    reference = genuine[random.nextInt(genuine.length)];
                } while (reference == query);
                double d = scorer.score(embeddings[query], embeddings[reference]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = writer;
                }
            }
            if (truth.equals(best)) {
                correct++;
            }
        }
        result.put("one_shot_accuracy", correct / (double) TRIALS);
        result.put("one_shot_ways", (double) ways);
        result.put("one_shot_trials", (double) TRIALS);
        return result;
    }
}
