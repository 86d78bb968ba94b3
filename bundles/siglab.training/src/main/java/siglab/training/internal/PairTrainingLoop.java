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
                config.augment(), EpochLength.parse(config.epoch()));
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

        /** Genuine pairs in a full batch of an epoch of pairs; anchors otherwise. */
        @Override
        int walkedPerBatch(LoopSettings settings) {
            return settings.epoch() == EpochLength.PAIRS
                    ? (int) Math.round(settings.batch() * positiveFraction)
                    : settings.batch();
        }

        @Override
        Batch nextBatch(SiameseSampler sampler, LoopSettings settings, int walked) {
            SiameseSampler.Pairs pairs;
            if (settings.epoch() == EpochLength.PAIRS) {
                // A full batch keeps its size; a shorter last batch keeps the full batch's balance.
                int full = walkedPerBatch(settings);
                int negatives = walked == full ? settings.batch() - full
                        : (int) Math.max(1, Math.round(walked * (settings.batch() - full) / (double) full));
                pairs = sampler.genuinePairsWithNegatives(walked, negatives);
            } else {
                pairs = sampler.pairs(walked, positiveFraction);
            }
            return new Batch(concat(pairs.first(), pairs.second()), 2, pairs.labels(), null);
        }
    }
}
