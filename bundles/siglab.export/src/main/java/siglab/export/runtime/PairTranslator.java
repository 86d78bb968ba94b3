package siglab.export.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Verifies a pair of signatures: both images through the run's preprocessing and the encoder in one
 * batch of two, then the distance of the embeddings and the decision at the run's threshold.
 */
final class PairTranslator implements NoBatchifyTranslator<SignaturePair, Verdict> {

    private final ExportedModel model;

    PairTranslator(ExportedModel model) {
        this.model = model;
    }

    @Override
    public NDList processInput(TranslatorContext context, SignaturePair pair) {
        float[] reference = model.input(EmbeddingTranslator.awtImage(pair.reference()));
        float[] questioned = model.input(EmbeddingTranslator.awtImage(pair.questioned()));
        float[] both = new float[reference.length * 2];
        System.arraycopy(reference, 0, both, 0, reference.length);
        System.arraycopy(questioned, 0, both, reference.length, questioned.length);
        return new NDList(context.getNDManager().create(both, new Shape(2).addAll(model.inputShape())));
    }

    @Override
    public Verdict processOutput(TranslatorContext context, NDList list) {
        NDArray embeddings = list.singletonOrThrow();
        return model.verdict(embeddings.get(0).toFloatArray(), embeddings.get(1).toFloatArray());
    }
}
