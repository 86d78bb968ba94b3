package siglab.export.runtime;

import ai.djl.Model;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The translators of an exported SigLab model, for DJL's {@code Criteria}:
 * <ul>
 *   <li>{@link Image} to {@code float[]}: one signature's embedding;</li>
 *   <li>{@link Path} to {@code float[]}: the same from an image file, decoded as SigLab decodes it;</li>
 *   <li>{@link SignaturePair} to {@link Verdict}: the distance of two signatures and the decision at the
 *       run's threshold.</li>
 * </ul>
 * Each applies the run's own preprocessing, read from the model's {@code model.json}.
 */
public final class SignatureTranslatorFactory implements TranslatorFactory {

    private static final Set<Pair<Type, Type>> SUPPORTED = Set.of(
            new Pair<>(Image.class, float[].class),
            new Pair<>(Path.class, float[].class),
            new Pair<>(SignaturePair.class, Verdict.class));

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model,
            Map<String, ?> arguments) throws TranslateException {
        ExportedModel description;
        try {
            description = ExportedModel.read(model.getModelPath());
        } catch (IOException e) {
            throw new TranslateException(e.getMessage(), e);
        }
        if (input == Image.class && output == float[].class) {
            return (Translator<I, O>) new EmbeddingTranslator<>(description, EmbeddingTranslator.IMAGE);
        }
        if (input == Path.class && output == float[].class) {
            return (Translator<I, O>) new EmbeddingTranslator<>(description, EmbeddingTranslator.FILE);
        }
        if (input == SignaturePair.class && output == Verdict.class) {
            return (Translator<I, O>) new PairTranslator(description);
        }
        throw new TranslateException("an exported SigLab model translates Image or Path to float[], and "
                + "SignaturePair to Verdict; not " + input.getName() + " to " + output.getName());
    }
}
