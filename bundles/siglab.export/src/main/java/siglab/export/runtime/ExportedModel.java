package siglab.export.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import siglab.api.model.Distance;
import siglab.api.model.EncoderFactory;
import siglab.data.image.ImageCrops;
import siglab.data.image.EightBitPixels;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;

/**
 * An exported SigLab model as its {@code model.json} describes it: how an image becomes the
 * encoder's input (SigLab's own preprocessing with the run's image settings), which plug-in builds
 * the encoder, how two embeddings are compared, and the run's decision threshold.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExportedModel {

    /** The description's file name in the model directory. */
    public static final String FILE = "model.json";
    /** The value of the description's {@code format} key that this class reads. */
    public static final String FORMAT = "siglab-model/1";

    private final Path file;
    private final JsonObject document;
    private final ImageSettings image;
    private final ImagePreprocessor preprocessor;
    private final ImageCrops crops;
    private final Distance distance;
    private final double threshold;

    private ExportedModel(Path file, JsonObject document) {
        this.file = file;
        this.document = document;
        String format = text(document, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(file + ": format is '" + format + "', this jar reads " + FORMAT);
        }
        this.image = JsonUtils.GSON.fromJson(object(document, "image"), ImageSettings.class);
        this.preprocessor = new ImagePreprocessor(image);
        this.crops = ImageCrops.of(image);
        String distanceName = text(object(document, "scoring"), "distance");
        try {
            this.distance = Distance.valueOf(distanceName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": unknown scoring.distance '" + distanceName + "'", e);
        }
        this.threshold = number(object(document, "scoring"), "threshold");
    }

    /**
     * Reads the description of the model in {@code directory}.
     *
     * @throws IOException when {@code model.json} is missing or unreadable, naming it
     * @throws IllegalArgumentException when it is not a SigLab model description this jar reads
     */
    public static ExportedModel read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not an exported SigLab model (no " + FILE + ")");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException(file + " is not a JSON object");
            }
            return new ExportedModel(file, root.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The run's image settings: how an image file becomes the encoder's input. */
    public ImageSettings image() {
        return image;
    }

    /** The run's decision threshold: a pair is similar when its distance is at most this. */
    public double threshold() {
        return threshold;
    }

    /** How two embeddings are compared. */
    public Distance distance() {
        return distance;
    }

    /** The whole description, as read. */
    public JsonObject document() {
        return document.deepCopy();
    }

    /**
     * The encoder's input for one image, exactly as SigLab computes it for evaluation: the run's
     * preprocessing ({@link ImagePreprocessor}), kept at 8 bits a pixel as SigLab keeps its images
     * ({@link EightBitPixels}), then the centre crop when the settings crop ({@link ImageCrops});
     * (channels x height x width) floats, row-major.
     */
    public float[] input(BufferedImage picture) {
        float[] stored = EightBitPixels.asKept(preprocessor.preprocess(picture));
        float[] input = new float[crops.cropSize()];
        crops.centre(stored, input, 0);
        return input;
    }

    /** The encoder's input for an image file, decoded as SigLab decodes it. */
    public float[] input(Path picture) throws IOException {
        return input(ImagePreprocessor.decode(picture));
    }

    /** The shape of one input image: (channels, height, width). */
    public Shape inputShape() {
        return image.inputShape();
    }

    /** The verdict on two embeddings: their distance, and whether it is at most the threshold. */
    public Verdict verdict(float[] reference, float[] questioned) {
        if (reference.length != questioned.length) {
            throw new IllegalArgumentException("embeddings of different sizes: " + reference.length + " and "
                    + questioned.length);
        }
        double d = distance.between(reference, questioned);
        return new Verdict(d, threshold, d <= threshold);
    }

    /**
     * A fresh, uninitialised encoder block, built by the encoder plug-in's factory class found
     * with {@code classes}, from the config recorded for it.
     */
    @SuppressWarnings("unchecked")
    Block newEncoder(ClassLoader classes) {
        JsonObject encoder = object(document, "encoder");
        String factoryName = text(encoder, "factory");
        EncoderFactory<Record> factory;
        try {
            Class<?> type = Class.forName(factoryName, true, classes);
            factory = (EncoderFactory<Record>) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException(file + " names the encoder factory " + factoryName
                    + ", which is not on the class path: put the model's jar on it", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the encoder factory " + factoryName + " failed to start: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot make the encoder factory " + factoryName + ": " + e, e);
        }
        Record config = JsonUtils.GSON.fromJson(object(encoder, "config"), factory.configType());
        return factory.create(config, image.inputShape());
    }

    private JsonObject object(JsonObject parent, String key) {
        JsonElement value = parent.get(key);
        if (value == null || !value.isJsonObject()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing or not an object");
        }
        return value.getAsJsonObject();
    }

    private String text(JsonObject parent, String key) {
        JsonElement value = parent.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing or not a value");
        }
        return value.getAsString();
    }

    private double number(JsonObject parent, String key) {
        JsonElement value = parent.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing or not a number");
        }
        return value.getAsDouble();
    }
}
