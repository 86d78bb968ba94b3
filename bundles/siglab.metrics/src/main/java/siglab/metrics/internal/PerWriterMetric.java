package siglab.metrics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Metric;
import siglab.api.eval.ScoredPair;

/**
 * The equal error rate of each writer's pairs, and their mean and standard deviation over writers.
 * The {@code threshold} argument is ignored: each writer's EER is read off that writer's own ROC
 * curve (interpolated as for the pooled EER), which is how per-writer results are reported in the
 * writer-dependent literature and shows how unevenly a model serves its writers.
 *
 * <p>A pair belongs to the writer of its reference image ({@link ScoredPair#writer()}), so random
 * forgeries count against the writer they were compared with. Keys, for writers in natural order
 * of their ids: {@code eer_writer_<id>} with {@code pairs_writer_<id>}; then {@code eer_writer_mean},
 * {@code eer_writer_sd} (the sample standard deviation, n - 1), {@code writers} (how many writers
 * have an EER: both genuine and negative pairs) and {@code writers_without_eer}. Characters of an
 * id other than letters, digits, {@code _} and {@code -} become {@code _} in keys.
 */
@Component(service = Metric.class, property = {SigLab.TYPE + "=per-writer",
    SigLab.DESCRIPTION + "=Each test writer's EER, with the mean and SD over writers."})
public class PerWriterMetric implements Metric {

    static final String PREFIX = "eer_writer_";

    @Override
    public Map<String, Double> compute(List<ScoredPair> pairs, double threshold) {
        Map<String, List<ScoredPair>> byWriter = new TreeMap<>(PerWriterMetric::compareNatural);
        for (ScoredPair pair : pairs) {
            byWriter.computeIfAbsent(pair.writer(), w -> new ArrayList<>()).add(pair);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<Double> rates = new ArrayList<>();
        for (Map.Entry<String, List<ScoredPair>> entry : byWriter.entrySet()) {
            double rate = RocCurve.of(entry.getValue()).equalErrorRate().rate();
            String key = key(entry.getKey());
            metrics.put(PREFIX + key, rate);
            metrics.put("pairs_writer_" + key, (double) entry.getValue().size());
            if (!Double.isNaN(rate)) {
                rates.add(rate);
            }
        }
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = rates.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum();
        metrics.put(PREFIX + "mean", mean);
        metrics.put(PREFIX + "sd", rates.size() < 2 ? Double.NaN : Math.sqrt(squares / (rates.size() - 1)));
        metrics.put("writers", (double) rates.size());
        metrics.put("writers_without_eer", (double) (byWriter.size() - rates.size()));
        return metrics;
    }

    /** The id as it appears in a key; ids that would collide with the summary keys are prefixed. */
    static String key(String writer) {
        String key = writer.replaceAll("[^A-Za-z0-9_-]", "_");
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.equals("mean") || lower.equals("sd") ? "id_" + key : key;
    }

    /** Ids like {@code 2} before {@code 10}, so that CEDAR's writers read in order. */
    static int compareNatural(String a, String b) {
        Comparator<String> text = Comparator.naturalOrder();
        String[] partsA = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] partsB = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(partsA.length, partsB.length); i++) {
            String x = partsA[i];
            String y = partsB[i];
            int order;
            if (!x.isEmpty() && !y.isEmpty() && Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))) {
                String strippedX = x.replaceFirst("^0+(?=.)", "");
                String strippedY = y.replaceFirst("^0+(?=.)", "");
                order = strippedX.length() != strippedY.length()
                        ? Integer.compare(strippedX.length(), strippedY.length()) : strippedX.compareTo(strippedY);
            } else {
                order = text.compare(x, y);
            }
            if (order != 0) {
                return order;
            }
        }
        int byLength = Integer.compare(partsA.length, partsB.length);
        return byLength != 0 ? byLength : a.compareTo(b);
    }
}
