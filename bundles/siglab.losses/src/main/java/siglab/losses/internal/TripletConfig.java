package siglab.losses.internal;

import java.util.Locale;
import java.util.Set;
import siglab.api.Doc;

/**
 * Config of the {@code triplet} loss.
 *
 * @param margin how much farther the negative must be than the positive, in distance units
 * @param mining which triplets of the batch the loss is computed on
 */
@Doc("Triplet loss with a margin, as in the seed notebook, optionally mining harder triplets inside the batch.")
public record TripletConfig(
        @Doc("How much farther the negative must be than the positive, in distance units.")
        Double margin,
        @Doc("Triplets the loss uses: none (the sampled ones), batch-all (every valid triplet of the batch), batch-hard (hardest positive and negative per anchor) or semi-hard (per anchor-positive pair, the nearest negative farther than the positive).")
        String mining) {

    /** The sampled triplets as they are. */
    public static final String NONE = "none";
    /** Every valid triplet among the batch's embeddings (Hermans et al. 2017). */
    public static final String BATCH_ALL = "batch-all";
    /** The hardest positive and hardest negative of each anchor (Hermans et al. 2017). */
    public static final String BATCH_HARD = "batch-hard";
    /** Semi-hard negatives (Schroff et al. 2015). */
    public static final String SEMI_HARD = "semi-hard";

    private static final Set<String> MINING = Set.of(NONE, BATCH_ALL, BATCH_HARD, SEMI_HARD);

    public TripletConfig {
        margin = margin == null ? 0.5 : margin;
        mining = mining == null ? NONE : mining.trim().toLowerCase(Locale.ROOT);
        if (!(margin >= 0) || margin.isInfinite()) {
            throw new IllegalArgumentException("margin must be a finite number >= 0, got " + margin);
        }
        if (!MINING.contains(mining)) {
            throw new IllegalArgumentException(
                    "mining must be one of none, batch-all, batch-hard, semi-hard; got " + mining);
        }
    }
}
