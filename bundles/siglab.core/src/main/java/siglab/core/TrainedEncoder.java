package siglab.core;

import ai.djl.Model;
import siglab.api.data.DatasetLoader;
import siglab.api.model.Distance;
import siglab.api.model.EncoderFactory;
import siglab.data.image.ImageSettings;

/**
 * A finished run's encoder, built by its plug-in and holding the run's trained parameters, with
 * what gives its embeddings their meaning outside the run: how an image file becomes the encoder's
 * input, and how two embeddings are compared. Close it to free the model's native memory.
 *
 * @param experiment the experiment's name
 * @param yaml the run's resolved config
 * @param type the encoder's YAML {@code type}
 * @param factory the encoder plug-in that built the block; its classes make the block again
 * @param config the encoder's bound config record
 * @param image the run's image settings
 * @param distance how the run compares two embeddings
 * @param learnedHead whether the run scores pairs with its loss's learned head instead of the distance
 * @param datasetType the YAML {@code type} of the dataset the encoder was trained on
 * @param dataset that dataset's loader
 * @param model the encoder (the model's block) with the run's trained parameters
 * @since 1.2
 */
public record TrainedEncoder(String experiment, String yaml, String type, EncoderFactory<?> factory,
        Record config, ImageSettings image, Distance distance, boolean learnedHead, String datasetType,
        DatasetLoader<?> dataset, Model model) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
