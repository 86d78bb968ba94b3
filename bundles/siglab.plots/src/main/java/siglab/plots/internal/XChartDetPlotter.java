package siglab.plots.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;

/**
 * The detection error trade-off curve of the test pairs (Martin et al. 1997): FRR against FAR,
 * both on normal-deviate (probit) axes, where scores with Gaussian class distributions give
 * straight lines and the low-error corner is spread out.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=det",
    SigLab.DESCRIPTION + "=DET curve of test pairs on normal-deviate axes."})
public class XChartDetPlotter implements Plotter {

    private static final double[] TICKS = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99};
    private static final double LOWEST = 0.0005;
    private static final double HIGHEST = 0.995;

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        String title = Figures.named("DET of test pairs", run.name());
        Roc roc = Roc.of(run.test());
        if (!roc.defined()) {
            Figures.placeholder(title, TestPairs.whyUndefined(roc.genuine(), roc.negative(), "DET curve"), file);
            return;
        }
        XYChart chart = Figures.lineChart(title, "False accept rate (FAR)", "False reject rate (FRR)");
        Styler styler = chart.getStyler();
        double low = Probit.of(LOWEST);
        double high = Probit.of(HIGHEST);
        chart.getStyler().setXAxisMin(low).setXAxisMax(high).setYAxisMin(low).setYAxisMax(high);
        // XChart cannot place ticks at chosen values, so its own are blanked and percentages are
        // drawn as annotations at the probits of round rates.
        chart.setCustomXAxisTickLabelsFormatter(v -> " ");
        chart.setCustomYAxisTickLabelsFormatter(v -> "      ");
        chart.getStyler().setPlotGridLinesVisible(false);
        styler.setAnnotationLineColor(new Color(0xe0e0e0));
        styler.setAnnotationLineStroke(new java.awt.BasicStroke(1f));
        styler.setAnnotationTextFont(Figures.bodyFont().deriveFont(11f));
        styler.setAnnotationTextFontColor(new Color(0x333333));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        for (double tick : TICKS) {
            double at = Probit.of(tick);
            chart.addAnnotation(new AnnotationLine(at, true, false));
            chart.addAnnotation(new AnnotationLine(at, false, false));
            String label = tickLabel(tick);
            chart.addAnnotation(new AnnotationText(label, at, low - 0.17, false));
            chart.addAnnotation(new AnnotationText(label, low - 0.3, at, false));
        }

        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Roc.Point point : roc.points()) {
            x.add(Probit.of(clamp(point.falseAcceptRate())));
            y.add(Probit.of(clamp(point.falseRejectRate())));
        }
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "DET (%d genuine / %d negative pairs)",
                roc.genuine(), roc.negative()), x, y);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(Figures.GENUINE);
        curve.setLineWidth(2.5f);

        XYSeries diagonal = chart.addSeries("FAR = FRR", new double[] {low, high}, new double[] {low, high});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Figures.NEUTRAL);
        diagonal.setLineStyle(Figures.DASHED);

        Roc.Point equalError = roc.equalErrorRate();
        double eerAt = Probit.of(clamp(equalError.falseAcceptRate()));
        XYSeries eer = chart.addSeries("EER " + Figures.percent(equalError.falseAcceptRate()),
                new double[] {eerAt}, new double[] {eerAt});
        eer.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        eer.setMarker(SeriesMarkers.CIRCLE);
        eer.setMarkerColor(Figures.SKILLED);

        Roc.Point operating = Roc.at(run.test(), run.threshold());
        XYSeries point = chart.addSeries(TestPairs.thresholdLabel(run) + ": FAR "
                        + Figures.percent(operating.falseAcceptRate()) + ", FRR "
                        + Figures.percent(operating.falseRejectRate()),
                new double[] {Probit.of(clamp(operating.falseAcceptRate()))},
                new double[] {Probit.of(clamp(operating.falseRejectRate()))});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
        point.setMarkerColor(Figures.ACCENT);
        styler.setMarkerSize(11);
        Figures.write(chart, file);
    }

    /** Rates of 0 and 1 have infinite probits: they are drawn at the edge of the axes. */
    private static double clamp(double rate) {
        return Math.max(LOWEST, Math.min(HIGHEST, rate));
    }

    private static String tickLabel(double rate) {
        double percent = 100 * rate;
        return percent < 1 ? String.format(Locale.ROOT, "%.1f%%", percent)
                : String.format(Locale.ROOT, "%.0f%%", percent);
    }
}
