package siglab.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one figure per quantity with a line per run: training loss and validation triplet
 * accuracy per epoch (history.csv), ROC and DET (Martin et al. 1997) of the test pairs and their
 * distance distributions (scores/test.csv). Runs that lack the data are left out of that figure.
 */
final class OverlayPlots {

    /** File name and description of each figure, in page order. */
    static final Map<String, String> FIGURES = figures();

    private static final int WIDTH = 820;
    private static final int HEIGHT = 560;
    /** Curves are thinned to this many points: a 100 000-pair run draws as fast as a small one. */
    private static final int MAX_POINTS = 400;
    private static final int BINS = 30;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    private static final double DET_LOW = 0.001;
    private static final double DET_HIGH = 0.99;

    private OverlayPlots() {}

    private static Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("loss.png", "Training loss per epoch, one line per run");
        figures.put("accuracy.png", "Validation triplet accuracy per epoch, one line per run");
        figures.put("roc.png", "ROC curves of the test pairs, one per run");
        figures.put("det.png", "DET curves of the test pairs on normal-deviate axes, one per run");
        figures.put("distances.png", "Distance distributions of genuine (solid) and forgery (dashed) test pairs, one colour per run");
        return figures;
    }

    /** Draws every figure into {@code folder}; returns the files written. */
    static List<Path> draw(List<RunFolder> runs, List<String> labels, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(write(history(runs, labels, "loss", "Training loss", "loss"), folder.resolve("loss.png")));
        written.add(write(history(runs, labels, "triplet_accuracy", "Validation triplet accuracy", "share of triplets"),
                folder.resolve("accuracy.png")));
        written.add(write(roc(runs, labels), folder.resolve("roc.png")));
        written.add(write(det(runs, labels), folder.resolve("det.png")));
        written.add(write(distances(runs, labels), folder.resolve("distances.png")));
        return written;
    }

    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(new Color(0xc0c0c0));
        styler.setChartTitleBoxVisible(false);
        styler.setPlotBorderVisible(true);
        styler.setMarkerSize(5);
        return chart;
    }

    private static XYSeries line(XYChart chart, String label, double[] x, double[] y, int run, boolean dashed) {
        XYSeries series = chart.addSeries(label, x, y);
        series.setLineColor(PALETTE[run % PALETTE.length]);
        series.setMarkerColor(PALETTE[run % PALETTE.length]);
        series.setLineStyle(dashed ? DASHED : SOLID);
        series.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return series;
    }

    private static XYChart history(List<RunFolder> runs, List<String> labels, String column, String title, String yAxis) {
        XYChart chart = chart(title, "epoch", yAxis);
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.3g", v));
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");
        for (int i = 0; i < runs.size(); i++) {
            RunFolder.Csv history = runs.get(i).history();
            double[] epochs = history.numbers("epoch");
            double[] values = history.numbers(column);
            List<double[]> points = finite(epochs, values);
            if (!points.isEmpty()) {
                line(chart, labels.get(i), points.get(0), points.get(1), i, false);
            }
        }
        return placeholderIfEmpty(chart, "no run has " + column.replace('_', ' ') + " in history.csv");
    }

    private static XYChart roc(List<RunFolder> runs, List<String> labels) {
        XYChart chart = chart("ROC of test pairs", "false accept rate (FAR)", "true accept rate (1 - FRR)");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        for (int i = 0; i < runs.size(); i++) {
            Curves.Rates rates = Curves.rates(runs.get(i).testScores(), MAX_POINTS);
            if (rates == null) {
                continue;
            }
            double[] tar = Arrays.stream(rates.frr()).map(f -> 1 - f).toArray();
            line(chart, labels.get(i), rates.far(), tar, i, false).setMarker(SeriesMarkers.NONE);
        }
        if (!chart.getSeriesMap().isEmpty()) {
            XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
            chance.setLineColor(new Color(0xa0a0a0));
            chance.setLineStyle(DASHED);
            chance.setMarker(SeriesMarkers.NONE);
        }
        return placeholderIfEmpty(chart, "no run has scored test pairs of both classes");
    }

    private static XYChart det(List<RunFolder> runs, List<String> labels) {
        XYChart chart = chart("DET of test pairs", "false accept rate (FAR)", "false reject rate (FRR)");
        double low = Curves.probit(DET_LOW);
        double high = Curves.probit(DET_HIGH);
        chart.getStyler().setXAxisMin(low).setXAxisMax(high).setYAxisMin(low).setYAxisMax(high);
        // Axis values are normal deviates; their labels give the rate they stand for.
        chart.setCustomXAxisTickLabelsFormatter(Curves::rateLabel);
        chart.setCustomYAxisTickLabelsFormatter(Curves::rateLabel);
        for (int i = 0; i < runs.size(); i++) {
            Curves.Rates rates = Curves.rates(runs.get(i).testScores(), MAX_POINTS);
            if (rates == null) {
                continue;
            }
            double[] x = Arrays.stream(rates.far()).map(r -> Curves.probit(clamp(r))).toArray();
            double[] y = Arrays.stream(rates.frr()).map(r -> Curves.probit(clamp(r))).toArray();
            line(chart, labels.get(i), x, y, i, false).setMarker(SeriesMarkers.NONE);
        }
        return placeholderIfEmpty(chart, "no run has scored test pairs of both classes");
    }

    private static XYChart distances(List<RunFolder> runs, List<String> labels) {
        XYChart chart = chart("Distances of test pairs", "distance", "density");
        chart.setCustomXAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.3g", v));
        chart.setCustomYAxisTickLabelsFormatter(v -> String.format(Locale.ROOT, "%.3g", v));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RunFolder run : runs) {
            double[] sorted = Arrays.stream(run.testScores().distance()).filter(Double::isFinite).sorted().toArray();
            if (sorted.length > 0) {
                min = Math.min(min, sorted[0]);
                // The 99th percentile: one far outlier would squash every other run into a bin or two.
                max = Math.max(max, sorted[(int) Math.floor(0.99 * (sorted.length - 1))]);
            }
        }
        if (min < max) {
            double width = (max - min) / BINS;
            double[] centres = new double[BINS];
            for (int b = 0; b < BINS; b++) {
                centres[b] = min + (b + 0.5) * width;
            }
            for (int i = 0; i < runs.size(); i++) {
                RunFolder.Scores scores = runs.get(i).testScores();
                if (scores.size() == 0) {
                    continue;
                }
                double[] genuine = density(scores, true, min, width);
                double[] forgery = density(scores, false, min, width);
                if (genuine != null) {
                    line(chart, labels.get(i) + " genuine", centres, genuine, i, false).setMarker(SeriesMarkers.NONE);
                }
                if (forgery != null) {
                    line(chart, labels.get(i) + " forgery", centres, forgery, i, true).setMarker(SeriesMarkers.NONE);
                }
            }
        }
        return placeholderIfEmpty(chart, "no run has scored test pairs");
    }

    private static double[] density(RunFolder.Scores scores, boolean genuine, double min, double width) {
        double[] counts = new double[BINS];
        int total = 0;
        for (int p = 0; p < scores.size(); p++) {
            double d = scores.distance()[p];
            if (scores.genuine()[p] != genuine || !Double.isFinite(d)) {
                continue;
            }
            int bin = (int) Math.floor((d - min) / width);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
            total++;
        }
        if (total == 0) {
            return null;
        }
        for (int b = 0; b < BINS; b++) {
            counts[b] /= total * width;
        }
        return counts;
    }

    private static double clamp(double rate) {
        return Math.max(DET_LOW, Math.min(DET_HIGH, rate));
    }

    private static List<double[]> finite(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return List.of();
        }
        return List.of(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** XChart cannot draw a chart without series; an empty one says why instead. */
    private static XYChart placeholderIfEmpty(XYChart chart, String why) {
        if (!chart.getSeriesMap().isEmpty()) {
            return chart;
        }
        XYChart empty = chart(chart.getTitle() + " (" + why + ")", "", "");
        XYSeries none = empty.addSeries(why, new double[] {0}, new double[] {0});
        none.setMarker(SeriesMarkers.NONE);
        none.setLineColor(Color.WHITE);
        return empty;
    }

    private static Path write(XYChart chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", temporary.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
