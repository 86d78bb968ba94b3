package siglab.export.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;

/** The README.md of an exported model: its model.json for people, and the Java that uses it. */
final class ModelReadme {

    private ModelReadme() {}

    static String of(JsonObject model, String jar, String folder) {
        JsonObject run = model.getAsJsonObject("run");
        JsonObject encoder = model.getAsJsonObject("encoder");
        JsonObject image = model.getAsJsonObject("image");
        JsonObject scoring = model.getAsJsonObject("scoring");
        JsonObject test = model.getAsJsonObject("test");
        JsonObject metrics = test.has("metrics") ? test.getAsJsonObject("metrics") : new JsonObject();
        JsonObject data = model.getAsJsonObject("training_data");
        StringBuilder text = new StringBuilder();
        text.append("# ").append(run.get("experiment").getAsString()).append(": a SigLab signature verifier\n\n");
        text.append("Run `").append(run.get("id").getAsString()).append("` of the experiment `")
                .append(run.get("experiment").getAsString()).append("`, exported by SigLab ")
                .append(model.getAsJsonObject("siglab").get("version").getAsString()).append(" on ")
                .append(model.get("exported").getAsString()).append(".\n\n");
        text.append("- Encoder: `").append(encoder.get("type").getAsString()).append("` (")
                .append(encoder.get("factory").getAsString()).append("), config `")
                .append(encoder.get("config")).append("`; embeddings of ")
                .append(encoder.get("embedding").getAsLong()).append(" floats.\n");
        text.append("- Input: ").append(image.get("height").getAsInt()).append(" x ")
                .append(image.get("width").getAsInt()).append(" pixels, preprocessing `")
                .append(image.get("preprocess").getAsString()).append("` with the run's image settings `")
                .append(image).append("`, applied by the jar's translators exactly as SigLab does.\n");
        text.append("- Decision: ").append(scoring.get("distance_yaml").getAsString())
                .append(" distance of the embeddings; similar when at most ")
                .append(scoring.get("threshold").getAsDouble()).append(" (policy `")
                .append(scoring.get("policy").getAsString()).append("`")
                .append(scoring.has("chosen_on") ? ", chosen on " + scoring.get("chosen_on").getAsString() : "")
                .append(").\n");
        text.append("- Test: ").append(figures(metrics)).append(".\n");
        text.append("- Trained on: `").append(data.get("type").getAsString()).append("`. ")
                .append(data.get("licence").getAsString()).append("\n\n");
        text.append("`model.json` holds all of this, the run's provenance, its test metrics and its resolved config.\n\n");
        text.append("## Use it from Java\n\n");
        text.append("Class path: DJL's API and MXNet engine (`ai.djl:api`, `ai.djl.mxnet:mxnet-engine` and "
                + "`mxnet-native-mkl`, with what they depend on) and `").append(jar).append("`.\n\n");
        text.append("```java\n")
                .append("Criteria<SignaturePair, Verdict> criteria = Criteria.builder()\n")
                .append("        .setTypes(SignaturePair.class, Verdict.class)\n")
                .append("        .optModelPath(Path.of(\"").append(folder).append("\"))\n")
                .append("        .optTranslatorFactory(new SignatureTranslatorFactory())\n")
                .append("        .build();\n")
                .append("try (ZooModel<SignaturePair, Verdict> model = criteria.loadModel();\n")
                .append("        Predictor<SignaturePair, Verdict> predictor = model.newPredictor()) {\n")
                .append("    Verdict verdict = predictor.predict(SignaturePair.of(Path.of(\"reference.png\"), Path.of(\"questioned.png\")));\n")
                .append("    System.out.println(verdict.distance() + (verdict.similar() ? \" similar\" : \" different\"));\n")
                .append("}\n```\n\n");
        text.append("`SignaturePair`, `Verdict` and `SignatureTranslatorFactory` are in `siglab.export.runtime`. "
                + "For embeddings, `setTypes(Path.class, float[].class)` or `setTypes(Image.class, float[].class)` "
                + "(images from `BufferedImageFactory`).\n");
        return text.toString();
    }

    private static String figures(JsonObject metrics) {
        StringBuilder text = new StringBuilder();
        for (String[] figure : new String[][] {{"accuracy", "accuracy"}, {"far", "FAR"}, {"frr", "FRR"},
                {"eer", "EER"}, {"auc", "AUC"}}) {
            JsonElement value = metrics.get(figure[0]);
            if (value != null && value.isJsonPrimitive()) {
                if (text.length() > 0) {
                    text.append(", ");
                }
                double number = value.getAsDouble();
                text.append(figure[1]).append(' ').append(figure[0].equals("auc")
                        ? String.format(Locale.ROOT, "%.3f", number) : String.format(Locale.ROOT, "%.1f %%", 100 * number));
            }
        }
        JsonElement pairs = metrics.get("pairs");
        if (pairs != null) {
            text.append(" on ").append(pairs.getAsLong()).append(" test pairs");
            JsonElement genuine = metrics.get("pairs_genuine");
            JsonElement skilled = metrics.get("pairs_skilled");
            JsonElement random = metrics.get("pairs_random");
            if (genuine != null && skilled != null && random != null) {
                text.append(" (").append(genuine.getAsLong()).append(" genuine, ").append(skilled.getAsLong())
                        .append(" skilled forgeries, ").append(random.getAsLong()).append(" random)");
            }
        }
        return text.length() == 0 ? "no test metrics recorded" : text.toString();
    }
}
