package siglab.core.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import siglab.api.model.SiameseLoss;
import siglab.data.image.ImageSettings;

/**
 * The parameter files of a run: the encoder's and, beside each, those of the blocks kept with it:
 * a loss's learned head ({@code head}) and blocks of the training loop's own (such as
 * {@code classifier}).
 */
final class ModelFiles {

    private ModelFiles() {}

    static long parameterCount(Block block) {
        long count = 0;
        for (var pair : block.getParameters()) {
            if (pair.getValue().getArray() != null) {
                count += pair.getValue().getArray().size();
            }
        }
        return count;
    }

    static void saveParameters(Model model, Path file) throws IOException {
        saveBlock(model.getBlock(), file);
    }

    static void saveBlock(Block block, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            block.saveParameters(out);
        }
        move(temporary, file);
    }

    static void loadParameters(Model model, Path file) throws IOException {
        loadBlock(model.getBlock(), model.getNDManager(), file);
    }

    /**
     * Loads a block's parameters from a file and frees the arrays they replace: DJL decodes new
     * arrays into {@code manager} and leaves the old ones attached to it until the model closes.
     */
    static void loadBlock(Block block, NDManager manager, Path file) throws IOException {
        List<NDArray> before = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().isInitialized()) {
                before.add(pair.getValue().getArray());
            }
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException failure) {
            throw new IOException("cannot load parameters from " + file + ": " + failure.getMessage(), failure);
        }
        Set<NDArray> now = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().isInitialized()) {
                now.add(pair.getValue().getArray());
            }
        }
        for (NDArray old : before) {
            if (!now.contains(old)) {
                old.close();
            }
        }
    }

    /** The name under which a loss's learned head is kept with the encoder. */
    static final String HEAD = "head";

    /** The head file beside an encoder parameter file: best.params -> best-head.params. */
    static Path headFile(Path encoderFile) {
        return companionFile(encoderFile, HEAD);
    }

    /**
     * The file of the block kept as {@code name} beside an encoder parameter file:
     * (best.params, classifier) -> best-classifier.params; (encoder.params, head) -> head.params.
     */
    static Path companionFile(Path encoderFile, String name) {
        String file = encoderFile.getFileName().toString();
        String stem = file.equals("encoder.params") ? name : file.replace(".params", "-" + name);
        return encoderFile.resolveSibling(stem + ".params");
    }

    /**
     * Initialises the learned head of a loss that has one (its input is the encoder's embedding
     * size); returns it, or null for a loss that scores by distance or no loss at all.
     */
    static Block initialiseHead(Model model, SiameseLoss loss, ImageSettings image) {
        Block head = loss == null ? null : loss.head();
        if (head != null) {
            Shape[] out = model.getBlock().getOutputShapes(new Shape[] {ExperimentRunner.batchOfOne(image)});
            head.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, out[0].get(1)));
        }
        return head;
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
