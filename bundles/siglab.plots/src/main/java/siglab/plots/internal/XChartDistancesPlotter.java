package siglab.plots.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.PairKind;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

/**
 * Histograms of test distances, one per pair kind, with the decision threshold as a vertical
 * line. Each kind is normalised to its own pair count, so that kinds with fewer pairs (often the
 * skilled forgeries) stay visible beside the others.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=distances",
    SigLab.DESCRIPTION + "=Histograms of test distances per pair kind with the threshold marked."})
public class XChartDistancesPlotter implements Plotter {

    private static final Map<PairKind, Color> COLORS = Map.of(
            PairKind.GENUINE, Figures.GENUINE, PairKind.SKILLED, Figures.SKILLED, PairKind.RANDOM, Figures.RANDOM);

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        String title = Figures.named("Distances of test pairs", run.name());
        Map<PairKind, List<Double>> byKind = new EnumMap<>(PairKind.class);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (ScoredPair pair : run.test()) {
            if (Double.isFinite(pair.distance())) {
                byKind.computeIfAbsent(pair.kind(), kind -> new ArrayList<>()).add(pair.distance());
                min = Math.min(min, pair.distance());
                max = Math.max(max, pair.distance());
                finite++;
            }
        }
        if (finite == 0) {
            Figures.placeholder(title, "No test pair has a finite distance: there is no histogram to draw.", file);
            return;
        }
        if (max - min < 1e-12) {
            // Every distance equal: give the bins a width so they can be drawn.
            double pad = Math.max(Math.abs(min) * 0.1, 0.5);
            min -= pad;
            max += pad;
        }
        int bins = Math.max(10, Math.min(40, (int) Math.ceil(2 * Math.sqrt(finite))));
        double width = (max - min) / bins;
        double[] edges = edges(min, max, bins);

        XYChart chart = Figures.lineChart(title, "Distance", "Share of the kind's pairs (%)");
        Figures.legendBelow(chart);
        double highest = 0;
        for (Map.Entry<PairKind, List<Double>> entry : byKind.entrySet()) {
            List<Double> distances = entry.getValue();
            double[] share = new double[bins];
            for (double distance : distances) {
                int bin = Math.min(bins - 1, (int) ((distance - min) / width));
                share[bin] += 100.0 / distances.size();
            }
            // A closed outline: down to zero at both ends, one flat top per bin.
            double[] x = new double[2 * bins + 2];
            double[] y = new double[2 * bins + 2];
            x[0] = edges[0];
            y[0] = 0;
            for (int bin = 0; bin < bins; bin++) {
                x[2 * bin + 1] = edges[bin];
                x[2 * bin + 2] = edges[bin + 1];
                y[2 * bin + 1] = share[bin];
                y[2 * bin + 2] = share[bin];
                highest = Math.max(highest, share[bin]);
            }
            x[2 * bins + 1] = edges[bins];
            y[2 * bins + 1] = 0;
            Color color = COLORS.get(entry.getKey());
            XYSeries series = chart.addSeries(String.format(Locale.ROOT, "%s (%d pairs)",
                    entry.getKey().csvName(), distances.size()), x, y);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color);
            series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
            series.setLineWidth(1.8f);
        }
        XYSeries threshold = chart.addSeries(TestPairs.thresholdLabel(run),
                new double[] {run.threshold(), run.threshold()}, new double[] {0, highest * 1.08});
        threshold.setMarker(SeriesMarkers.NONE);
        threshold.setLineColor(Color.BLACK);
        threshold.setLineStyle(Figures.DASHED);
        threshold.setLineWidth(2f);
        chart.getStyler().setYAxisMin(0.0);
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.0f", v));
        Figures.write(chart, file);
    }

    /**
     * The bin edges from {@code min} to exactly {@code max}, never decreasing. Computing the last
     * edge as {@code min + bins * width} can overshoot {@code max} by one ulp, and XChart refuses an
     * area series whose x values go back, even by that much.
     */
    static double[] edges(double min, double max, int bins) {
        double[] edges = new double[bins + 1];
        double width = (max - min) / bins;
        for (int bin = 0; bin <= bins; bin++) {
            edges[bin] = bin == bins ? max : Math.min(max, min + bin * width);
        }
        return edges;
    }
}
