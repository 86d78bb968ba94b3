package siglab.losses.internal;

import siglab.api.Doc;

/**
 * Config of the {@code contrastive} loss.
 *
 * @param margin distance beyond which a pair of different writers costs nothing
 */
@Doc("Contrastive loss of Hadsell, Chopra and LeCun (2006) on labelled pairs.")
public record ContrastiveConfig(
        @Doc("Distance beyond which a pair of different writers (or a forgery) costs nothing.")
        Double margin) {

    public ContrastiveConfig {
        margin = margin == null ? 1.0 : margin;
        if (!(margin > 0) || margin.isInfinite()) {
            throw new IllegalArgumentException("margin must be a finite number > 0, got " + margin);
        }
    }
}
