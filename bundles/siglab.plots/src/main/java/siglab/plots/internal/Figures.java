package siglab.plots.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The size, look and file handling that every figure shares. */
final class Figures {

    static final int WIDTH = 800;
    static final int HEIGHT = 600;

    static final Color GENUINE = new Color(0x1f77b4);
    static final Color SKILLED = new Color(0xd62728);
    static final Color RANDOM = new Color(0xff7f0e);
    static final Color NEUTRAL = new Color(0x7f7f7f);
    static final Color ACCENT = new Color(0x2ca02c);

    static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font BODY = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private Figures() {}

    /** A line chart with the common size and look. */
    static XYChart lineChart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setChartTitleFont(TITLE);
        styler.setAxisTitleFont(BODY);
        styler.setLegendFont(BODY.deriveFont(13f));
        styler.setAxisTickLabelsFont(BODY.deriveFont(12f));
        styler.setLegendBorderColor(new Color(0xc0c0c0));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setMarkerSize(7);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotBorderVisible(true);
        return chart;
    }

    /** Puts the legend under the plot, where it cannot hide data. */
    static void legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    /** Epoch axes show whole numbers only: XChart may place ticks at half epochs. */
    static void wholeNumbersOnX(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(
                x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");
    }

    static void write(Chart<?, ?> chart, Path file) throws IOException {
        write(BitmapEncoder.getBufferedImage(chart), file);
    }

    static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** A blank figure with the title and a message saying why there is nothing to draw. */
    static void placeholder(String title, String message, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setColor(new Color(0xc0c0c0));
        g.setStroke(DASHED);
        g.drawRect(40, 60, WIDTH - 80, HEIGHT - 100);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centred(g, title, WIDTH / 2, 40);
        g.setColor(new Color(0x555555));
        g.setFont(BODY.deriveFont(16f));
        centred(g, message, WIDTH / 2, HEIGHT / 2);
        g.dispose();
        write(image, file);
    }

    /** A white, antialiased canvas. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** Draws {@code text} centred on x with its baseline at y. */
    static void centred(Graphics2D g, String text, int x, int y) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, x - metrics.stringWidth(text) / 2, y);
    }

    static Font titleFont() {
        return TITLE;
    }

    static Font bodyFont() {
        return BODY;
    }

    /** A run's name for titles; runs written before names existed may have none. */
    static String named(String title, String runName) {
        return runName == null || runName.isBlank() ? title : title + " - " + runName;
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3g", value);
    }
}
