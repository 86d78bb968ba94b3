package org.example.siglab.mlp;

import siglab.api.Doc;

/**
 * The settings of the {@code example-mlp} encoder, bound from the experiment's {@code encoder:}
 * section (kebab-case keys). Every component is boxed so that an absent key arrives as null and
 * gets its default here; a bad value throws, naming its key.
 */
@Doc("A multilayer perceptron on the flattened image.")
public record MlpConfig(
        @Doc("Units of the hidden layer.") Integer hidden,
        @Doc("Size of the embedding.") Integer embedding) {

    public MlpConfig {
        hidden = hidden == null ? 128 : hidden;
        embedding = embedding == null ? 64 : embedding;
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be at least 1, got " + hidden);
        }
        if (embedding < 1) {
            throw new IllegalArgumentException("embedding must be at least 1, got " + embedding);
        }
    }
}
