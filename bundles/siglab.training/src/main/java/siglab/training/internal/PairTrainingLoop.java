package siglab.training.internal;

import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;
import siglab.api.model.TrainingLoop;

/**
 * Trains on labelled pairs, for pair losses such as the contrastive loss: genuine pairs of one
 * writer (label 1) and pairs of a genuine signature with a forgery of it or with another
 * writer's signature (label 0).
 */
@Component(
        service = TrainingLoop.class,
        property = {
            SigLab.TYPE + "=pairs",
            SigLab.DESCRIPTION
                    + "=Trains on labelled pairs (genuine-genuine vs genuine-negative) of the"
                    + " training writers."
        })
public class PairTrainingLoop implements TrainingLoop<PairsConfig> {

    @Override
    public Class<PairsConfig> configType() {
        return PairsConfig.class;
    }

    @Override
    public int epochs(PairsConfig config) {
        return config.epochs();
    }

    @Override
    public void train(PairsConfig config, TrainingContext context) throws Exception {
        LoopSettings settings = new LoopSettings(config.epochs(), config.batch(),
                config.stepsPerEpoch(), config.optimizer(), config.earlyStopping(),
                config.augment());
        new Loop(config.positiveFraction()).run(settings, Negatives.parse(config.negatives()),
                context);
    }

    private static final class Loop extends SiameseLoop {
        private final double positiveFraction;

        Loop(double positiveFraction) {
            this.positiveFraction = positiveFraction;
        }

        @Override
        TrainingInput input() {
            return TrainingInput.PAIRS;
        }

        @Override
        String otherLoopType() {
            return "triplets";
        }

        @Override
        String unit() {
            return "pairs";
        }

        @Override
        Batch nextBatch(SiameseSampler sampler, int size) {
            SiameseSampler.Pairs pairs = sampler.pairs(size, positiveFraction);
            return new Batch(concat(pairs.first(), pairs.second()), 2, pairs.labels(), null);
        }
    }
}
