package siglab.plots.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;

/**
 * The ROC curve of the test pairs: true accept rate against false accept rate, with the chance
 * diagonal, the equal-error point and the operating point at the run's threshold.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=roc",
    SigLab.DESCRIPTION + "=ROC curve of test pairs with AUC, EER and the operating point."})
public class XChartRocPlotter implements Plotter {

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        String title = Figures.named("ROC of test pairs", run.name());
        Roc roc = Roc.of(run.test());
        if (!roc.defined()) {
            Figures.placeholder(title, TestPairs.whyUndefined(roc.genuine(), roc.negative(), "ROC curve"), file);
            return;
        }
        XYChart chart = Figures.lineChart(title, "False accept rate, FAR (%)", "True accept rate, TAR = 1 - FRR (%)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0).setYAxisMin(0.0).setYAxisMax(100.0);

        double[] far = new double[roc.points().size()];
        double[] tar = new double[far.length];
        for (int i = 0; i < far.length; i++) {
            far[i] = 100 * roc.points().get(i).falseAcceptRate();
            tar[i] = 100 * roc.points().get(i).trueAcceptRate();
        }
        XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "ROC (AUC %.3f, %d genuine / %d negative pairs)",
                roc.areaUnderCurve(), roc.genuine(), roc.negative()), far, tar);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(Figures.GENUINE);
        curve.setLineWidth(2.5f);

        // XChart 3.8.8 puts a tick at every data value when the values it sees are equally spaced,
        // which ROC rates (multiples of 1/pairs) often are; an off-grid point on the straight
        // diagonal breaks that spacing without changing the line.
        double offGrid = 100 * (Math.sqrt(5) - 1) / 2;
        XYSeries chance = chart.addSeries("chance", new double[] {0, offGrid, 100}, new double[] {0, offGrid, 100});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Figures.NEUTRAL);
        chance.setLineStyle(Figures.DASHED);

        Roc.Point equalError = roc.equalErrorRate();
        XYSeries eer = chart.addSeries("EER " + Figures.percent(equalError.falseAcceptRate())
                        + " at distance " + Figures.number(equalError.threshold()),
                new double[] {100 * equalError.falseAcceptRate()}, new double[] {100 * equalError.trueAcceptRate()});
        eer.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        eer.setMarker(SeriesMarkers.CIRCLE);
        eer.setMarkerColor(Figures.SKILLED);

        Roc.Point operating = Roc.at(run.test(), run.threshold());
        XYSeries point = chart.addSeries(TestPairs.thresholdLabel(run) + ": FAR "
                        + Figures.percent(operating.falseAcceptRate()) + ", TAR "
                        + Figures.percent(operating.trueAcceptRate()),
                new double[] {100 * operating.falseAcceptRate()}, new double[] {100 * operating.trueAcceptRate()});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
        point.setMarkerColor(Figures.ACCENT);
        chart.getStyler().setMarkerSize(11);

        Figures.write(chart, file);
    }
}
