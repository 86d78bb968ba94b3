package siglab.export.runtime;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds an exported model's encoder block for DJL, which then loads the parameters into it: the
 * encoder plug-in's factory, named in {@code model.json}, makes the block from its recorded config,
 * and the block is initialised for one image of the run's input shape, as SigLab does before it
 * loads a run's parameters. Named in the model's {@code serving.properties} ({@code blockFactory}).
 */
public final class SigLabBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    private final transient ClassLoader encoderClasses;

    /** Finds the encoder's classes where this class was found: the model's jar. */
    public SigLabBlockFactory() {
        this(null);
    }

    /**
     * Finds the encoder's classes with {@code encoderClasses}.
     *
     * @param encoderClasses the loader of the encoder plug-in's classes; null for this class's own
     */
    public SigLabBlockFactory(ClassLoader encoderClasses) {
        this.encoderClasses = encoderClasses;
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        ExportedModel description = ExportedModel.read(modelPath);
        ClassLoader classes = encoderClasses != null ? encoderClasses : SigLabBlockFactory.class.getClassLoader();
        Block block = description.newEncoder(classes);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(description.inputShape()));
        return block;
    }
}
