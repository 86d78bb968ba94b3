package siglab.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingInput;

/**
 * The verification head of Koch et al. (2015): a learned layer on the absolute difference of two
 * embeddings gives the logit z that they are one writer's genuine signatures, trained with binary
 * cross-entropy on labelled pairs:
 *
 * <pre>L = mean(max(z, 0) - z y + log(1 + exp(-|z|)))</pre>
 *
 * (the numerically stable form of -y log σ(z) - (1 - y) log(1 - σ(z))). The core scores a pair
 * 1 - σ(z), so that small still means similar.
 */
final class LogisticLoss implements SiameseLoss {

    private final Block head;

    LogisticLoss(int hidden) {
        SequentialBlock block = new SequentialBlock();
        if (hidden > 0) {
            block.add(Linear.builder().setUnits(hidden).build()).add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(1).build());
        this.head = block;
    }

    @Override
    public TrainingInput input() {
        return TrainingInput.PAIRS;
    }

    @Override
    public Block head() {
        return head;
    }

    @Override
    public NDArray compute(NDList embeddings, NDArray labels) {
        NDArray difference = embeddings.get(0).sub(embeddings.get(1)).abs();
        NDArray logits = head.forward(new ParameterStore(difference.getManager(), false), new NDList(difference), true)
                .singletonOrThrow().reshape(-1);
        NDArray y = labels.toType(logits.getDataType(), false).reshape(-1);
        NDArray positive = logits.maximum(0f);
        NDArray softplus = logits.abs().neg().exp().add(1f).log();
        return positive.sub(logits.mul(y)).add(softplus).mean();
    }
}
