package org.example.siglab.mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.model.EncoderFactory;

/**
 * An encoder plug-in: flattens the image, one hidden layer with ReLU, a linear embedding, and L2
 * normalisation. The {@code siglab.type} property is the YAML {@code encoder.type}.
 */
@Component(service = EncoderFactory.class, property = {
    SigLab.TYPE + "=example-mlp",
    SigLab.DESCRIPTION + "=A multilayer perceptron on the flattened image (the plug-in template)."})
public final class MlpEncoderFactory implements EncoderFactory<MlpConfig> {

    @Override
    public Class<MlpConfig> configType() {
        return MlpConfig.class;
    }

    @Override
    public Block create(MlpConfig config, Shape imageShape) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(config.hidden()).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(config.embedding()).build())
                .add(new LambdaBlock(MlpEncoderFactory::normalize));
    }

    /** x / ||x||, row by row (the MXNet engine has no NDArray.normalize). */
    private static NDList normalize(NDList input) {
        NDArray x = input.singletonOrThrow();
        return new NDList(x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt()));
    }
}
