package siglab.export.runtime;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Embeds one signature: SigLab's preprocessing of the run, the encoder, and the embedding as a
 * {@code float[]}. Batches with DJL's default stacking batchifier, so {@code batchPredict} embeds
 * many images in one forward pass.
 *
 * @param <I> the input: a DJL {@link Image} or a {@link Path} to an image file
 */
final class EmbeddingTranslator<I> implements Translator<I, float[]> {

    /** How an input becomes the encoder's input floats. */
    @FunctionalInterface
    interface Pixels<I> {
        float[] of(ExportedModel model, I input) throws Exception;
    }

    static final Pixels<Image> IMAGE = (model, image) -> model.input(awtImage(image));
    static final Pixels<Path> FILE = ExportedModel::input;

    private final ExportedModel model;
    private final Pixels<I> pixels;

    EmbeddingTranslator(ExportedModel model, Pixels<I> pixels) {
        this.model = model;
        this.pixels = pixels;
    }

    @Override
    public NDList processInput(TranslatorContext context, I input) throws Exception {
        return new NDList(context.getNDManager().create(pixels.of(model, input), model.inputShape()));
    }

    @Override
    public float[] processOutput(TranslatorContext context, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }

    /**
     * The AWT image behind a DJL image: SigLab's preprocessing reads AWT rasters (gray images from
     * their raster, not through sRGB), so that its floats are SigLab's to the last bit.
     */
    static BufferedImage awtImage(Image image) {
        Object wrapped = image.getWrappedImage();
        if (wrapped instanceof BufferedImage picture) {
            return picture;
        }
        throw new IllegalArgumentException("SigLab's preprocessing reads java.awt images, but this "
                + image.getClass().getName() + " wraps a " + wrapped.getClass().getName()
                + ": make images with ai.djl.modality.cv.BufferedImageFactory, or pass a java.nio.file.Path");
    }
}
