package siglab.api.data;

import java.io.IOException;
import siglab.api.Configurable;

/**
 * Opens a dataset: lists its writers with references to their genuine and forged samples.
 *
 * <p>An implementation must not decode images (the core does that once per run); must return
 * writers and samples in a stable order, so that a seed gives the same split every time; and must
 * throw {@link IOException} naming the root and the layout it expected when the root does not
 * match. Registered as a service with {@link siglab.api.SigLab#TYPE}.
 *
 * @param <C> its config record
 */
public interface DatasetLoader<C extends Record> extends Configurable<C> {

    /** Opens the dataset that {@code config} describes. */
    Dataset open(C config, DatasetContext context) throws IOException;

    /**
     * The terms under which the data this loader opens may be used, in a sentence or two: a model
     * trained on the data carries them (an exported model states them). Null when the loader
     * cannot know them, as for data a user brings in a generic layout.
     *
     * @since 1.2
     */
    default String dataLicence() {
        return null;
    }
}
