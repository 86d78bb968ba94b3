package siglab.core.internal;

import java.util.List;
import java.util.Locale;
import siglab.api.Doc;

/** Which pairs are scored on validation and test writers. */
@Doc("The pairs scored on validation and test writers.")
public record PairsConfig(
        @Doc("Genuine-genuine pairs per writer: 'all', or a number to sample.") String positives,
        @Doc("Negative kinds: skilled (genuine vs forgery of the writer), random (genuine of two writers).")
                List<String> negatives,
        @Doc("Random-forgery pairs per writer.") Integer randomPerWriter,
        @Doc("Subsample so that positives and negatives are equally many.") Boolean balance) {

    public PairsConfig {
        positives = positives == null ? "all" : positives.trim().toLowerCase(Locale.ROOT);
        negatives = negatives == null ? List.of("skilled") : List.copyOf(negatives);
        randomPerWriter = randomPerWriter == null ? 24 : randomPerWriter;
        balance = balance == null ? Boolean.FALSE : balance;
        if (!positives.equals("all")) {
            try {
                if (Integer.parseInt(positives) < 1) {
                    throw new IllegalArgumentException("positives must be 'all' or a positive number, was " + positives);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("positives must be 'all' or a positive number, was '" + positives + "'");
            }
        }
        for (String kind : negatives) {
            if (!kind.equals("skilled") && !kind.equals("random")) {
                throw new IllegalArgumentException("negatives may hold skilled and random, not '" + kind + "'");
            }
        }
        if (negatives.isEmpty()) {
            throw new IllegalArgumentException("negatives needs at least one of skilled, random");
        }
        if (randomPerWriter < 1) {
            throw new IllegalArgumentException("random-per-writer must be at least 1, was " + randomPerWriter);
        }
    }
}
