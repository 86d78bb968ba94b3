import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siglab.export.runtime.ExportedModel;
import siglab.export.runtime.SignaturePair;
import siglab.export.runtime.SignatureTranslatorFactory;
import siglab.export.runtime.Verdict;

/**
 * A plain Java program that uses a model exported by SigLab, as an application would: its class
 * path holds DJL's API, the MXNet engine and the model's jar, and nothing of SigLab's workbench.
 *
 * <p>Arguments: MODEL_DIR IMAGE_ROOT PAIRS_CSV [LIMIT]. Embeds every image named in the pairs file
 * (SigLab's scores/test.csv: file_a,file_b,writer,kind,label,distance; paths relative to IMAGE_ROOT)
 * once with the embedding translator, scores every pair from the embeddings, and prints one line per
 * pair: "pair FILE_A FILE_B DISTANCE SIMILAR". Then verifies the first pair again through the pair
 * translator ("verdict FILE_A FILE_B DISTANCE SIMILAR THRESHOLD") and prints the time to load the
 * model and to verify that one pair ("millis load N", "millis verify N").
 */
public class UseExportedModel {

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path root = Path.of(args[1]);
        List<String[]> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        for (String line : lines.subList(1, lines.size())) {
            if (pairs.size() < limit) {
                pairs.add(line.split(","));
            }
        }

        long start = System.nanoTime();
        Criteria<Path, float[]> embedding = Criteria.builder()
                .setTypes(Path.class, float[].class)
                .optModelPath(model)
                .optTranslatorFactory(new SignatureTranslatorFactory())
                .build();
        try (ZooModel<Path, float[]> encoder = embedding.loadModel();
                Predictor<Path, float[]> predictor = encoder.newPredictor()) {
            System.out.printf(Locale.ROOT, "millis load %d%n", (System.nanoTime() - start) / 1_000_000);
            Map<String, float[]> embeddings = new LinkedHashMap<>();
            for (String[] pair : pairs) {
                for (String file : new String[] {pair[0], pair[1]}) {
                    if (!embeddings.containsKey(file)) {
                        embeddings.put(file, predictor.predict(root.resolve(file)));
                    }
                }
            }
            ExportedModel description = ExportedModel.read(model);
            for (String[] pair : pairs) {
                Verdict verdict = description.verdict(embeddings.get(pair[0]), embeddings.get(pair[1]));
                System.out.printf(Locale.ROOT, "pair %s %s %.17g %b%n", pair[0], pair[1], verdict.distance(),
                        verdict.similar());
            }
            System.out.printf(Locale.ROOT, "embedded %d%n", embeddings.size());
        }

        Criteria<SignaturePair, Verdict> verification = Criteria.builder()
                .setTypes(SignaturePair.class, Verdict.class)
                .optModelPath(model)
                .optTranslatorFactory(new SignatureTranslatorFactory())
                .build();
        try (ZooModel<SignaturePair, Verdict> verifier = verification.loadModel();
                Predictor<SignaturePair, Verdict> predictor = verifier.newPredictor()) {
            String[] first = pairs.get(0);
            SignaturePair pair = SignaturePair.of(root.resolve(first[0]), root.resolve(first[1]));
            predictor.predict(pair);
            long verifyStart = System.nanoTime();
            Verdict verdict = predictor.predict(SignaturePair.of(root.resolve(first[0]), root.resolve(first[1])));
            long verifyMillis = (System.nanoTime() - verifyStart) / 1_000_000;
            System.out.printf(Locale.ROOT, "verdict %s %s %.17g %b %.17g%n", first[0], first[1], verdict.distance(),
                    verdict.similar(), verdict.threshold());
            System.out.printf(Locale.ROOT, "millis verify %d%n", verifyMillis);
        }
    }
}
