package siglab.core;

import java.util.List;
import java.util.Locale;
import siglab.api.data.DatasetLoader;
import siglab.api.eval.Metric;
import siglab.api.eval.Plotter;
import siglab.api.eval.Reporter;
import siglab.api.eval.ThresholdPolicy;
import siglab.api.model.EncoderFactory;
import siglab.api.model.LossFactory;
import siglab.api.model.TrainingLoop;

/** The kinds of plug-in, each an extension point of siglab.api, with the YAML key that selects one. */
public enum Kind {
    DATASET(DatasetLoader.class, "dataset.type"),
    ENCODER(EncoderFactory.class, "encoder.type"),
    LOSS(LossFactory.class, "loss.type"),
    TRAINING(TrainingLoop.class, "training.type"),
    THRESHOLD(ThresholdPolicy.class, "threshold.policy"),
    METRIC(Metric.class, "metrics"),
    PLOT(Plotter.class, "plots"),
    REPORT(Reporter.class, "reports");

    private final Class<?> service;
    private final String yamlKey;

    Kind(Class<?> service, String yamlKey) {
        this.service = service;
        this.yamlKey = yamlKey;
    }

    /** The extension-point interface. */
    public Class<?> service() {
        return service;
    }

    /** The config key whose value names a plug-in of this kind. */
    public String yamlKey() {
        return yamlKey;
    }

    /** The key of the encoder section that starts the encoder from another run's parameters. */
    public static final ConfigOption ENCODER_INIT = new ConfigOption("init", "string", "none",
            "A finished run folder (relative to the working folder, or absolute) whose trained encoder"
                    + " parameters this encoder starts from; its type and parameter shapes must match.");

    /**
     * Keys of this kind's section that the core reads for every type, beside the plug-in's own:
     * for encoders, {@code init}.
     */
    public List<ConfigOption> coreOptions() {
        return this == ENCODER ? List.of(ENCODER_INIT) : List.of();
    }

    /** The lower-case name used on the command line ({@code --kind encoder}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
