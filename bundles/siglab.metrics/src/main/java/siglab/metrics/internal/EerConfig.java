package siglab.metrics.internal;

import siglab.api.Doc;

/** Configuration of {@link EerThresholdPolicy}: it has no settings. */
@Doc("The threshold where FAR equals FRR on validation pairs; no settings.")
public record EerConfig() {}
