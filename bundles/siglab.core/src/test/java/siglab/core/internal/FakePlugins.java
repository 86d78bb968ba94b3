package siglab.core.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import siglab.api.Doc;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;
import siglab.api.eval.Metric;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;
import siglab.api.model.Distance;
import siglab.api.model.EncoderFactory;
import siglab.api.model.LossFactory;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;
import siglab.api.model.TrainingLoop;
import siglab.core.Kind;

/** Plug-ins with config records of every shape, for binding tests that need no framework. */
final class FakePlugins {

    record FolderConfig(@Doc("Root.") String root) {
        FolderConfig {
            if (root == null) {
                throw new IllegalArgumentException("root is required: the folder of the dataset");
            }
        }
    }

    record CnnConfig(@Doc("Size.") Integer embedding, @Doc("Rate.") Double dropout) {
        CnnConfig {
            embedding = embedding == null ? 128 : embedding;
            dropout = dropout == null ? 0.0 : dropout;
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    record OptimizerConfig(@Doc("Kind.") String type, @Doc("Rate.") Double lr) {
        OptimizerConfig {
            type = type == null ? "adam" : type;
            lr = lr == null ? 1e-3 : lr;
        }
    }

    record LoopConfig(@Doc("Epochs.") Integer epochs, @Doc("Optimizer.") OptimizerConfig optimizer) {
        LoopConfig {
            epochs = epochs == null ? 10 : epochs;
            optimizer = optimizer == null ? new OptimizerConfig(null, null) : optimizer;
        }
    }

    record MarginConfig(@Doc("Margin.") Double margin) {
        MarginConfig {
            margin = margin == null ? 0.5 : margin;
        }
    }

    record FixedConfig(@Doc("Value.") Double value) {
        FixedConfig {
            value = value == null ? 1.3 : value;
        }
    }

    record NoConfig() {}

    static PluginRegistry registry() {
        PluginRegistry registry = new PluginRegistry();
        registry.register(Kind.DATASET, "fake-folders", new DatasetLoader<FolderConfig>() {
            @Override
            public Class<FolderConfig> configType() {
                return FolderConfig.class;
            }

            @Override
            public Dataset open(FolderConfig config, DatasetContext context) {
                return new Dataset(Path.of(config.root()), List.of(), Map.of(), List.of());
            }
        });
        registry.register(Kind.ENCODER, "fake-cnn", new EncoderFactory<CnnConfig>() {
            @Override
            public Class<CnnConfig> configType() {
                return CnnConfig.class;
            }

            @Override
            public Block create(CnnConfig config, Shape imageShape) {
                throw new UnsupportedOperationException();
            }
        });
        registry.register(Kind.ENCODER, "fake-mlp", new EncoderFactory<MarginConfig>() {
            @Override
            public Class<MarginConfig> configType() {
                return MarginConfig.class;
            }

            @Override
            public Block create(MarginConfig config, Shape imageShape) {
                throw new UnsupportedOperationException();
            }
        });
        registry.register(Kind.LOSS, "fake-triplet", new LossFactory<MarginConfig>() {
            @Override
            public Class<MarginConfig> configType() {
                return MarginConfig.class;
            }

            @Override
            public SiameseLoss create(MarginConfig config, Distance distance) {
                return new SiameseLoss() {
                    @Override
                    public TrainingInput input() {
                        return TrainingInput.TRIPLETS;
                    }

                    @Override
                    public NDArray compute(NDList embeddings, NDArray labels) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        });
        registry.register(Kind.TRAINING, "fake-loop", new TrainingLoop<LoopConfig>() {
            @Override
            public Class<LoopConfig> configType() {
                return LoopConfig.class;
            }

            @Override
            public int epochs(LoopConfig config) {
                return config.epochs();
            }

            @Override
            public void train(LoopConfig config, TrainingContext context) {}
        });
        registry.register(Kind.TRAINING, "fake-classify", new TrainingLoop<LoopConfig>() {
            @Override
            public Class<LoopConfig> configType() {
                return LoopConfig.class;
            }

            @Override
            public int epochs(LoopConfig config) {
                return config.epochs();
            }

            @Override
            public void train(LoopConfig config, TrainingContext context) {}

            @Override
            public boolean usesLoss(LoopConfig config) {
                return false;
            }
        });
        registry.register(Kind.THRESHOLD, "fake-fixed", new ThresholdPolicy<FixedConfig>() {
            @Override
            public Class<FixedConfig> configType() {
                return FixedConfig.class;
            }

            @Override
            public double choose(FixedConfig config, List<ScoredPair> validation) {
                return config.value();
            }
        });
        registry.register(Kind.THRESHOLD, "fake-eer", new ThresholdPolicy<NoConfig>() {
            @Override
            public Class<NoConfig> configType() {
                return NoConfig.class;
            }

            @Override
            public double choose(NoConfig config, List<ScoredPair> validation) {
                return 0;
            }
        });
        Metric metric = (pairs, threshold) -> Map.of();
        registry.register(Kind.METRIC, "fake-metric", metric);
        return registry;
    }

    private FakePlugins() {}
}
