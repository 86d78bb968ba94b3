package siglab.losses.internal;

import siglab.api.Doc;

/**
 * Config of the {@code triplet} loss.
 *
 * @param margin how much farther the negative must be than the positive, in distance units
 */
@Doc("Triplet loss with a margin, as in the seed notebook.")
public record TripletConfig(
        @Doc("How much farther the negative must be than the positive, in distance units.")
        Double margin) {

    public TripletConfig {
        margin = margin == null ? 0.5 : margin;
        if (!(margin >= 0) || margin.isInfinite()) {
            throw new IllegalArgumentException("margin must be a finite number >= 0, got " + margin);
        }
    }
}
