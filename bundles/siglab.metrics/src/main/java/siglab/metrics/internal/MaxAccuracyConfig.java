package siglab.metrics.internal;

import siglab.api.Doc;

/** Configuration of {@link MaxAccuracyThresholdPolicy}: it has no settings. */
@Doc("The threshold with the highest accuracy on validation pairs; no settings.")
public record MaxAccuracyConfig() {}
