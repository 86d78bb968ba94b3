package siglab.plots.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import siglab.api.eval.RunResults;
import siglab.api.model.EpochRecord;

/**
 * Per-epoch line figures built from a run's history. Epochs where a value is missing or NaN are
 * left out of its line rather than drawn as zero.
 */
final class EpochLines {

    /** One line: its legend label, colour and the value it reads from each epoch. */
    record Line(String label, Color color, ToDoubleFunction<EpochRecord> value) {}

    private EpochLines() {}

    /** A validation value by key, NaN when the epoch has none. */
    static ToDoubleFunction<EpochRecord> validation(String key) {
        return epoch -> epoch.validation().getOrDefault(key, Double.NaN);
    }

    /**
     * Draws {@code lines} against the epoch into {@code file}, or a placeholder when no epoch has a
     * value for any of them.
     */
    static void plot(RunResults run, Path file, String title, String yAxis, List<Line> lines)
            throws IOException {
        String fullTitle = Figures.named(title, run.name());
        XYChart chart = Figures.lineChart(fullTitle, "Epoch", yAxis);
        Figures.wholeNumbersOnX(chart);
        Figures.legendBelow(chart);
        boolean any = false;
        for (Line line : lines) {
            List<Double> epochs = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (EpochRecord epoch : run.history()) {
                double value = line.value().applyAsDouble(epoch);
                if (Double.isFinite(value)) {
                    epochs.add((double) epoch.epoch());
                    values.add(value);
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            any = true;
            XYSeries series = chart.addSeries(line.label(), epochs, values);
            series.setLineColor(line.color());
            series.setMarkerColor(line.color());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineWidth(2f);
        }
        if (!any) {
            String why = run.history().isEmpty()
                    ? "No epochs recorded: this run has no training history."
                    : "No epoch recorded " + describe(lines) + ".";
            Figures.placeholder(fullTitle, why, file);
            return;
        }
        if (run.history().size() == 1) {
            // One epoch gives XChart a zero-width axis; widen it so the point sits in the middle.
            double epoch = run.history().get(0).epoch();
            chart.getStyler().setXAxisMin(epoch - 1).setXAxisMax(epoch + 1);
        }
        Figures.write(chart, file);
    }

    private static String describe(List<Line> lines) {
        List<String> labels = new ArrayList<>();
        for (Line line : lines) {
            labels.add(line.label());
        }
        return String.join(" or ", labels);
    }
}
