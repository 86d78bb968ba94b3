package siglab.losses.internal;

import siglab.api.Doc;

/** Settings of the logistic loss: the size of its learned head. */
@Doc("A learned head on |e1 - e2| trained with binary cross-entropy; its score replaces the distance.")
public record LogisticConfig(
        @Doc("Units of the head's hidden layer (with ReLU); 0 for a single linear layer.") Integer hidden) {

    public LogisticConfig {
        hidden = hidden == null ? 0 : hidden;
        if (hidden < 0) {
            throw new IllegalArgumentException("hidden must be 0 (no hidden layer) or more, got " + hidden);
        }
    }
}
