package siglab.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import siglab.api.data.ImageBank;
import siglab.api.eval.PairKind;
import siglab.api.eval.ScoredPair;

/**
 * Builds and scores the pairs of the evaluation protocol (DESIGN.md section 6) for some writers:
 * genuine-genuine pairs of a writer, genuine-forgery pairs of that writer (skilled), and genuine
 * pairs of two different writers (random).
 */
final class EvaluationPairs {

    private EvaluationPairs() {}

    static List<ScoredPair> score(ImageBank bank, float[][] embeddings, PairsConfig config, Scorer scorer,
            Path root, Random random) {
        List<ScoredPair> positives = new ArrayList<>();
        List<ScoredPair> negatives = new ArrayList<>();
        List<String> writers = bank.writers();
        // Each image's name once, shared by every pair it is in: a test set of 200 writers of 54
        // images has 200,000 pairs, and two fresh strings per pair were most of their memory.
        String[] names = new String[bank.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = relative(root, bank.sample(i).file());
        }
        for (String writer : writers) {
            int[] genuine = bank.genuine(writer);
            List<int[]> genuinePairs = new ArrayList<>();
            for (int i = 0; i < genuine.length; i++) {
                for (int j = i + 1; j < genuine.length; j++) {
                    genuinePairs.add(new int[] {genuine[i], genuine[j]});
                }
            }
            if (!config.positives().equals("all")) {
                Collections.shuffle(genuinePairs, random);
                genuinePairs = genuinePairs.subList(0, Math.min(genuinePairs.size(), Integer.parseInt(config.positives())));
            }
            for (int[] pair : genuinePairs) {
                positives.add(pair(names, embeddings, pair[0], pair[1], writer, PairKind.GENUINE, scorer));
            }
            if (config.negatives().contains("skilled")) {
                for (int g : genuine) {
                    for (int f : bank.forged(writer)) {
                        negatives.add(pair(names, embeddings, g, f, writer, PairKind.SKILLED, scorer));
                    }
                }
            }
            if (config.negatives().contains("random") && writers.size() > 1) {
                for (int k = 0; k < config.randomPerWriter(); k++) {
                    String other = writers.get(random.nextInt(writers.size()));
                    if (other.equals(writer)) {
                        other = writers.get((writers.indexOf(writer) + 1) % writers.size());
                    }
                    int[] otherGenuine = bank.genuine(other);
                    int a = genuine[random.nextInt(genuine.length)];
                    int b = otherGenuine[random.nextInt(otherGenuine.length)];
                    negatives.add(pair(names, embeddings, a, b, writer, PairKind.RANDOM, scorer));
                }
            }
        }
        if (config.balance()) {
            int n = Math.min(positives.size(), negatives.size());
            Collections.shuffle(positives, random);
            Collections.shuffle(negatives, random);
            positives = new ArrayList<>(positives.subList(0, n));
            negatives = new ArrayList<>(negatives.subList(0, n));
        }
        List<ScoredPair> all = new ArrayList<>(positives);
        all.addAll(negatives);
        return all;
    }

    private static ScoredPair pair(String[] names, float[][] embeddings, int a, int b, String writer, PairKind kind,
            Scorer scorer) {
        return new ScoredPair(names[a], names[b], writer, kind, scorer.score(embeddings[a], embeddings[b]));
    }

    static String relative(Path root, Path file) {
        try {
            return root == null ? file.toString() : root.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
