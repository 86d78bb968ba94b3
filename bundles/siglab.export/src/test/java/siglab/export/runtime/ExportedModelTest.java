package siglab.export.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslateException;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.model.Distance;
import siglab.data.image.ImageCrops;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;
import siglab.encoders.internal.SeedCnnConfig;
import siglab.encoders.internal.SeedCnnEncoderFactory;

/**
 * The runtime of an exported model, in this JVM: a model folder as the exporter lays it out (DJL
 * parameters, serving.properties, model.json), opened with DJL's Criteria, must give the encoder's
 * own embeddings of SigLab's own preprocessing.
 */
class ExportedModelTest {

    @TempDir
    Path folder;

    private static final ImageSettings FIT = new ImageSettings(48, 64, true, "unit", "otsu");
    private static final ImageSettings SIGVER = new ImageSettings(40, 56, true, "standardize", null, "sigver",
            List.of(120, 170), List.of(46, 62));

    /** A scanned-looking signature: strokes on slightly grey paper, gray or RGB. */
    private static BufferedImage signature(long seed, int type) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(150 + random.nextInt(60), 90 + random.nextInt(30), type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(235, 233, 230));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(20, 20, 60));
        g.setStroke(new BasicStroke(2.5f));
        int x = 15;
        int y = 50;
        for (int i = 0; i < 12; i++) {
            int nx = Math.min(image.getWidth() - 10, x + 5 + random.nextInt(14));
            int ny = 20 + random.nextInt(image.getHeight() - 40);
            g.drawLine(x, y, nx, ny);
            x = nx;
            y = ny;
        }
        g.dispose();
        return image;
    }

    private Path file(String name, BufferedImage image) throws IOException {
        Path file = folder.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A model folder laid out as the exporter lays it out, with a seed-cnn encoder of random parameters. */
    private Path modelFolder(ImageSettings image, Distance distance, double threshold) throws Exception {
        Path model = Files.createDirectories(folder.resolve("model"));
        SeedCnnConfig config = new SeedCnnConfig(4, 2, null, 32, 16, true, null);
        try (Model trained = Model.newInstance("encoder")) {
            Block block = new SeedCnnEncoderFactory().create(config, image.inputShape());
            trained.setBlock(block);
            block.initialize(trained.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(image.inputShape()));
            trained.save(model, "encoder");
        }
        JsonObject document = new JsonObject();
        document.addProperty("format", ExportedModel.FORMAT);
        JsonObject encoder = new JsonObject();
        encoder.addProperty("factory", SeedCnnEncoderFactory.class.getName());
        encoder.add("config", JsonUtils.GSON.toJsonTree(config));
        document.add("encoder", encoder);
        document.add("image", JsonUtils.GSON.toJsonTree(image));
        JsonObject scoring = new JsonObject();
        scoring.addProperty("distance", distance.name());
        scoring.addProperty("threshold", threshold);
        document.add("scoring", scoring);
        Files.writeString(model.resolve(ExportedModel.FILE), JsonUtils.GSON.toJson(document));
        Files.writeString(model.resolve("serving.properties"), "engine=MXNet\noption.modelName=encoder\nblockFactory="
                + SigLabBlockFactory.class.getName() + "\n");
        return model;
    }

    private static <I, O> Criteria<I, O> criteria(Class<I> input, Class<O> output, Path model) {
        return Criteria.builder().setTypes(input, output).optModelPath(model)
                .optTranslatorFactory(new SignatureTranslatorFactory()).build();
    }

    @Test
    void theInputIsSigLabsPreprocessingToTheLastBitWithFitAndWithSigverCrops() throws Exception {
        for (ImageSettings image : List.of(FIT, SIGVER)) {
            Path model = Files.createDirectories(folder.resolve(image.preprocess()));
            JsonObject document = new JsonObject();
            document.addProperty("format", ExportedModel.FORMAT);
            document.add("image", JsonUtils.GSON.toJsonTree(image));
            JsonObject scoring = new JsonObject();
            scoring.addProperty("distance", "EUCLIDEAN");
            scoring.addProperty("threshold", 0.5);
            document.add("scoring", scoring);
            Files.writeString(model.resolve(ExportedModel.FILE), JsonUtils.GSON.toJson(document));
            ExportedModel exported = ExportedModel.read(model);
            assertEquals(image, exported.image(), "the settings survive model.json");
            for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB}) {
                Path picture = file(image.preprocess() + type + ".png", signature(type, type));
                // As SigLab keeps the image (8 bits a pixel), which is what a run's encoder saw.
                float[] stored = siglab.data.image.EightBitPixels.asKept(new ImagePreprocessor(image).load(picture));
                float[] expected = new float[ImageCrops.of(image).cropSize()];
                ImageCrops.of(image).centre(stored, expected, 0);
                assertArrayEquals(expected, exported.input(picture), image.preprocess() + ", image type " + type);
                assertArrayEquals(expected, exported.input(ImageIO.read(picture.toFile())));
            }
        }
    }

    @Test
    void criteriaLoadsTheEncoderAndItsTranslatorsEmbedAsTheBlockDoes() throws Exception {
        Path model = modelFolder(FIT, Distance.SQUARED_EUCLIDEAN, 0.3);
        Path a = file("a.png", signature(1, BufferedImage.TYPE_BYTE_GRAY));
        Path b = file("b.png", signature(2, BufferedImage.TYPE_INT_RGB));

        float[] fromPath;
        float[] fromImage;
        float[] other;
        try (ZooModel<Path, float[]> encoder = criteria(Path.class, float[].class, model).loadModel();
                Predictor<Path, float[]> predictor = encoder.newPredictor()) {
            fromPath = predictor.predict(a);
            other = predictor.predict(b);
            List<float[]> batch = predictor.batchPredict(List.of(a, b));
            assertArrayEquals(fromPath, batch.get(0), 1e-5f, "a batch embeds as one image at a time");
            assertArrayEquals(other, batch.get(1), 1e-5f);

            // The same block by hand: SigLab's preprocessing, the model's parameters, inference mode.
            try (NDManager manager = encoder.getNDManager().newSubManager()) {
                float[] input = new float[(int) FIT.inputShape().size()];
                ImageCrops.of(FIT).centre(siglab.data.image.EightBitPixels.asKept(new ImagePreprocessor(FIT).load(a)),
                        input, 0);
                NDList out = encoder.getBlock().forward(new ParameterStore(manager, false),
                        new NDList(manager.create(input, new Shape(1).addAll(FIT.inputShape()))), false);
                assertArrayEquals(out.singletonOrThrow().toFloatArray(), fromPath, 1e-6f);
            }
        }
        try (ZooModel<Image, float[]> encoder = criteria(Image.class, float[].class, model).loadModel();
                Predictor<Image, float[]> predictor = encoder.newPredictor()) {
            fromImage = predictor.predict(new BufferedImageFactory().fromFile(a));
        }
        assertArrayEquals(fromPath, fromImage, "a DJL image of the file embeds as the file");
        assertEquals(16, fromPath.length);

        try (ZooModel<SignaturePair, Verdict> verifier = criteria(SignaturePair.class, Verdict.class, model).loadModel();
                Predictor<SignaturePair, Verdict> predictor = verifier.newPredictor()) {
            Verdict verdict = predictor.predict(SignaturePair.of(a, b));
            double expected = Distance.SQUARED_EUCLIDEAN.between(fromPath, other);
            assertEquals(expected, verdict.distance(), 1e-5);
            assertEquals(0.3, verdict.threshold());
            assertEquals(verdict.distance() <= 0.3, verdict.similar());
            Verdict same = predictor.predict(SignaturePair.of(a, a));
            assertEquals(0, same.distance(), 1e-9);
            assertTrue(same.similar());
        }
    }

    @Test
    void theVerdictIsTheRunsDistanceAtMostTheThreshold() throws Exception {
        Path model = modelFolder(FIT, Distance.EUCLIDEAN, 1.0);
        ExportedModel exported = ExportedModel.read(model);
        assertEquals(new Verdict(1.0, 1.0, true), exported.verdict(new float[] {0, 0}, new float[] {0, 1}));
        Verdict far = exported.verdict(new float[] {0, 0}, new float[] {3, 4});
        assertEquals(5.0, far.distance(), 1e-12);
        assertFalse(far.similar());
        assertFalse(exported.verdict(new float[] {Float.NaN}, new float[] {0}).similar(), "NaN is never similar");
        assertThrows(IllegalArgumentException.class, () -> exported.verdict(new float[2], new float[3]));
    }

    @Test
    void badModelsAndBadInputsSayWhatIsWrong() throws Exception {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> ExportedModel.read(folder));
        assertTrue(missing.getMessage().contains(folder.resolve("model.json").toString()), missing.getMessage());

        Files.writeString(folder.resolve("model.json"), "{\"format\": \"siglab-model/9\"}");
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> ExportedModel.read(folder));
        assertTrue(format.getMessage().contains("siglab-model/9") && format.getMessage().contains(ExportedModel.FORMAT),
                format.getMessage());

        Path model = modelFolder(FIT, Distance.COSINE, 0.2);
        String text = Files.readString(model.resolve("model.json")).replace("COSINE", "MANHATTAN");
        Files.writeString(model.resolve("model.json"), text);
        IllegalArgumentException distance = assertThrows(IllegalArgumentException.class, () -> ExportedModel.read(model));
        assertTrue(distance.getMessage().contains("MANHATTAN"), distance.getMessage());
        Files.writeString(model.resolve("model.json"), text.replace("MANHATTAN", "COSINE"));

        SignatureTranslatorFactory factory = new SignatureTranslatorFactory();
        assertFalse(factory.isSupported(Path.class, String.class));
        try (ZooModel<Path, float[]> loaded = criteria(Path.class, float[].class, model).loadModel()) {
            TranslateException types = assertThrows(TranslateException.class,
                    () -> factory.newInstance(Path.class, String.class, loaded, java.util.Map.of()));
            assertTrue(types.getMessage().contains("java.lang.String"), types.getMessage());
        }

        Image notAwt = new BufferedImageFactory().fromImage(signature(3, BufferedImage.TYPE_BYTE_GRAY));
        Image wrapped = (Image) java.lang.reflect.Proxy.newProxyInstance(Image.class.getClassLoader(),
                new Class<?>[] {Image.class}, (proxy, method, args) -> method.getName().equals("getWrappedImage")
                        ? new Object() : method.invoke(notAwt, args));
        IllegalArgumentException awt = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingTranslator.awtImage(wrapped));
        assertTrue(awt.getMessage().contains("BufferedImageFactory"), awt.getMessage());
    }
}
