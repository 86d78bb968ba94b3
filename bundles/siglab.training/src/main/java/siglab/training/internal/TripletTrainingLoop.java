package siglab.training.internal;

import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.TrainingContext;
import siglab.api.model.TrainingInput;
import siglab.api.model.TrainingLoop;

/**
 * Trains on triplets as the seed notebook does: anchor and positive are two different genuine
 * signatures of one writer, the negative a forgery of that writer or another writer's signature.
 * The loss also gets each triplet's class ids (see {@link SiameseSampler#classOf}), so that it
 * may mine harder triplets inside the batch.
 */
@Component(
        service = TrainingLoop.class,
        property = {
            SigLab.TYPE + "=triplets",
            SigLab.DESCRIPTION
                    + "=Trains on (anchor, positive, negative) triplets of the training writers."
        })
public class TripletTrainingLoop implements TrainingLoop<TripletsConfig> {

    @Override
    public Class<TripletsConfig> configType() {
        return TripletsConfig.class;
    }

    @Override
    public int epochs(TripletsConfig config) {
        return config.epochs();
    }

    @Override
    public void train(TripletsConfig config, TrainingContext context) throws Exception {
        LoopSettings settings = new LoopSettings(config.epochs(), config.batch(),
                config.stepsPerEpoch(), config.optimizer(), config.earlyStopping(),
                config.augment(), EpochLength.parse(config.epoch()));
        new Loop().run(settings, Negatives.parse(config.negatives()), context);
    }

    private static final class Loop extends SiameseLoop {
        @Override
        TrainingInput input() {
            return TrainingInput.TRIPLETS;
        }

        @Override
        String otherLoopType() {
            return "pairs";
        }

        @Override
        String unit() {
            return "triplets";
        }

        @Override
        int walkedPerBatch(LoopSettings settings) {
            return settings.batch();
        }

        @Override
        Batch nextBatch(SiameseSampler sampler, LoopSettings settings, int size) {
            SiameseSampler.Triplets triplets = settings.epoch() == EpochLength.PAIRS
                    ? sampler.tripletsOfGenuinePairs(size)
                    : sampler.triplets(size);
            // Class ids for losses that mine inside the batch, one (anchor, positive, negative) row per triplet.
            int[] ids = new int[3 * size];
            for (int i = 0; i < size; i++) {
                ids[3 * i] = sampler.classOf(triplets.anchors()[i]);
                ids[3 * i + 1] = sampler.classOf(triplets.positives()[i]);
                ids[3 * i + 2] = sampler.classOf(triplets.negatives()[i]);
            }
            return new Batch(
                    concat(triplets.anchors(), triplets.positives(), triplets.negatives()),
                    3, null, ids);
        }
    }
}
