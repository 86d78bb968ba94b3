package siglab.plots.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

/**
 * The equal error rate of each test writer as a bar, writers sorted from best to worst, with the
 * mean over writers as a line: a pooled EER can hide a few writers that the model fails.
 *
 * <p>A pair belongs to the writer of its reference image; each writer's EER is read off that
 * writer's own ROC curve, interpolated as for the pooled EER (the {@code per-writer} metric computes
 * the same numbers). Writers without both genuine and negative pairs have no EER and are counted in
 * the legend, not drawn.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=writer-eer",
    SigLab.DESCRIPTION + "=Bars of each test writer's EER, sorted, with the mean over writers as a line."})
public class XChartWriterEerPlotter implements Plotter {

    /** Above this many writers the ids on the x axis are turned upright so they do not overlap. */
    private static final int UPRIGHT_LABELS_ABOVE = 12;
    /** Light enough that the values written inside the bars stay readable. */
    static final Color BAR = new Color(0x9ecae1);

    /** One writer's EER and the number of pairs behind it. */
    record WriterEer(String writer, double rate, int pairs) {}

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        String title = Figures.named("EER per test writer", run.name());
        Map<String, List<ScoredPair>> byWriter = new LinkedHashMap<>();
        for (ScoredPair pair : run.test()) {
            byWriter.computeIfAbsent(pair.writer(), w -> new ArrayList<>()).add(pair);
        }
        List<WriterEer> rates = rates(byWriter);
        int without = byWriter.size() - rates.size();
        if (rates.isEmpty()) {
            Figures.placeholder(title, byWriter.isEmpty() ? "No test pairs were scored: there is no writer to draw."
                    : "None of the " + byWriter.size() + " test writers has both genuine and negative pairs.", file);
            return;
        }
        double mean = rates.stream().mapToDouble(WriterEer::rate).average().orElse(Double.NaN);
        double squares = rates.stream().mapToDouble(r -> (r.rate() - mean) * (r.rate() - mean)).sum();
        double sd = rates.size() < 2 ? Double.NaN : Math.sqrt(squares / (rates.size() - 1));
        int pairs = rates.stream().mapToInt(WriterEer::pairs).sum();

        CategoryChart chart = new CategoryChartBuilder().width(Figures.WIDTH).height(Figures.HEIGHT)
                .title(title).xAxisTitle("Test writer (sorted by EER)").yAxisTitle("EER (%)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartTitleFont(Figures.titleFont());
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(Figures.bodyFont());
        styler.setAxisTickLabelsFont(Figures.bodyFont().deriveFont(12f));
        styler.setLegendFont(Figures.bodyFont().deriveFont(13f));
        styler.setLegendBorderColor(new Color(0xc0c0c0));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setPlotBorderVisible(true);
        // The mean is drawn over the bars, not beside them.
        styler.setOverlapped(true);
        styler.setAvailableSpaceFill(0.7);
        styler.setYAxisMin(0.0);
        double highest = rates.stream().mapToDouble(WriterEer::rate).max().orElse(0);
        styler.setYAxisMax(Math.max(5.0, Math.min(100.0, Math.ceil(110 * highest / 5) * 5)));
        styler.setYAxisDecimalPattern("0.#");
        if (rates.size() > UPRIGHT_LABELS_ABOVE) {
            styler.setXAxisLabelRotation(90);
        }
        if (rates.size() <= 25) {
            // Few bars leave room for their values.
            styler.setLabelsVisible(true);
            styler.setLabelsFont(Figures.bodyFont().deriveFont(java.awt.Font.BOLD, 11f));
            styler.setLabelsFontColorAutomaticEnabled(false);
            styler.setLabelsFontColor(new Color(0x333333));
            styler.setLabelsPosition(0.95);
            styler.setLabelsRotation(0);
        }

        List<String> writers = rates.stream().map(WriterEer::writer).toList();
        List<Double> percent = rates.stream().map(r -> 100 * r.rate()).toList();
        CategorySeries bars = chart.addSeries(String.format(Locale.ROOT, "EER of %d writers (%d pairs)%s",
                rates.size(), pairs, without == 0 ? "" : "; " + without + " without both classes"), writers, percent);
        bars.setFillColor(BAR);
        bars.setLineColor(Figures.GENUINE);

        List<Double> meanLine = writers.stream().map(w -> 100 * mean).toList();
        CategorySeries line = chart.addSeries("mean " + Figures.percent(mean)
                + (Double.isNaN(sd) ? "" : ", SD " + Figures.percent(sd)), writers, meanLine);
        line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Figures.SKILLED);
        line.setLineStyle(Figures.DASHED);
        line.setLineWidth(2.5f);
        Figures.write(chart, file);
    }

    /** Writers with an EER, from the lowest EER to the highest (ties in the order of their ids). */
    static List<WriterEer> rates(Map<String, List<ScoredPair>> byWriter) {
        List<WriterEer> rates = new ArrayList<>();
        for (Map.Entry<String, List<ScoredPair>> entry : byWriter.entrySet()) {
            Roc roc = Roc.of(entry.getValue());
            double rate = roc.equalErrorRate().falseAcceptRate();
            if (!Double.isNaN(rate)) {
                rates.add(new WriterEer(entry.getKey(), rate, entry.getValue().size()));
            }
        }
        rates.sort(Comparator.comparingDouble(WriterEer::rate)
                .thenComparing(r -> naturalKey(r.writer())).thenComparing(WriterEer::writer));
        return rates;
    }

    /** The id with every run of digits padded to 20, so that writer 2 sorts before writer 10. */
    static String naturalKey(String id) {
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("\\d+").matcher(id);
        StringBuilder key = new StringBuilder();
        while (digits.find()) {
            String run = digits.group().replaceFirst("^0+(?=.)", "");
            digits.appendReplacement(key, "0".repeat(Math.max(0, 20 - run.length())) + run);
        }
        digits.appendTail(key);
        return key.toString();
    }
}
