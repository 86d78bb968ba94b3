package siglab.plots.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;

/**
 * The confusion matrix of the test pairs at the run's threshold, as a heat map whose cells show
 * the count and its share of all pairs. Drawn with Java2D because XChart's heat map cannot write
 * text into its cells.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=confusion",
    SigLab.DESCRIPTION + "=Confusion matrix heat map of test pairs at the run's threshold."})
public class ConfusionMatrixPlotter implements Plotter {

    private static final String[] CLASSES = {"Similar", "Different"};
    private static final String[][] CELL_NAMES = {
        {"true accept", "false reject"},
        {"false accept", "true reject"},
    };
    private static final Color LOW = new Color(0xf0f5fb);
    private static final Color HIGH = new Color(0x08306b);

    private static final int CELL_WIDTH = 220;
    private static final int CELL_HEIGHT = 160;
    private static final int LEFT = 250;
    private static final int TOP = 150;

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        String title = Figures.named("Confusion matrix of test pairs", run.name());
        if (run.test().isEmpty()) {
            Figures.placeholder(title, TestPairs.whyUndefined(0, 0, "confusion matrix"), file);
            return;
        }
        // counts[actual][predicted], 0 = similar, 1 = different.
        int[][] counts = new int[2][2];
        for (ScoredPair pair : run.test()) {
            int actual = pair.similar() ? 0 : 1;
            int predicted = pair.distance() <= run.threshold() ? 0 : 1;
            counts[actual][predicted]++;
        }
        int total = run.test().size();
        int largest = Math.max(Math.max(counts[0][0], counts[0][1]), Math.max(counts[1][0], counts[1][1]));

        BufferedImage image = new BufferedImage(Figures.WIDTH, Figures.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Figures.canvas(image);
        g.setColor(Color.BLACK);
        g.setFont(Figures.titleFont());
        Figures.centred(g, title, Figures.WIDTH / 2, 40);
        g.setFont(Figures.bodyFont());
        g.setColor(new Color(0x444444));
        Figures.centred(g, "at " + TestPairs.thresholdLabel(run) + ": similar when distance <= threshold",
                Figures.WIDTH / 2, 68);

        Font axisFont = Figures.bodyFont().deriveFont(Font.BOLD, 15f);
        Font labelFont = Figures.bodyFont().deriveFont(15f);
        int gridWidth = 2 * CELL_WIDTH;
        int gridHeight = 2 * CELL_HEIGHT;
        g.setColor(Color.BLACK);
        g.setFont(axisFont);
        Figures.centred(g, "Predicted", LEFT + gridWidth / 2, TOP - 42);
        g.setFont(labelFont);
        for (int column = 0; column < 2; column++) {
            Figures.centred(g, CLASSES[column], LEFT + column * CELL_WIDTH + CELL_WIDTH / 2, TOP - 14);
        }
        for (int row = 0; row < 2; row++) {
            String label = CLASSES[row];
            int width = g.getFontMetrics().stringWidth(label);
            g.drawString(label, LEFT - 14 - width, TOP + row * CELL_HEIGHT + CELL_HEIGHT / 2 + 5);
        }
        AffineTransform straight = g.getTransform();
        g.setFont(axisFont);
        g.rotate(-Math.PI / 2, LEFT - 110, TOP + gridHeight / 2);
        Figures.centred(g, "Actual", LEFT - 110, TOP + gridHeight / 2);
        g.setTransform(straight);

        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 2; column++) {
                drawCell(g, row, column, counts[row][column], total, largest);
            }
        }
        g.setColor(new Color(0x333333));
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect(LEFT, TOP, gridWidth, gridHeight);

        int genuine = counts[0][0] + counts[0][1];
        int negative = counts[1][0] + counts[1][1];
        String summary = String.format(Locale.ROOT, "accuracy %s    FAR %s    FRR %s    %d pairs (%d genuine, %d negative)",
                Figures.percent((double) (counts[0][0] + counts[1][1]) / total),
                Figures.percent(negative == 0 ? Double.NaN : (double) counts[1][0] / negative),
                Figures.percent(genuine == 0 ? Double.NaN : (double) counts[0][1] / genuine),
                total, genuine, negative);
        g.setFont(Figures.bodyFont());
        g.setColor(Color.BLACK);
        Figures.centred(g, summary, Figures.WIDTH / 2, TOP + gridHeight + 55);
        g.dispose();
        Figures.write(image, file);
    }

    private static void drawCell(Graphics2D g, int row, int column, int count, int total, int largest) {
        int x = LEFT + column * CELL_WIDTH;
        int y = TOP + row * CELL_HEIGHT;
        double intensity = largest == 0 ? 0 : (double) count / largest;
        Color fill = blend(LOW, HIGH, intensity);
        g.setColor(fill);
        g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
        g.setColor(Color.WHITE);
        g.drawRect(x, y, CELL_WIDTH, CELL_HEIGHT);

        // Light text on dark cells, by perceived luminance.
        double luminance = (0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue()) / 255;
        g.setColor(luminance < 0.55 ? Color.WHITE : new Color(0x111111));
        int centre = x + CELL_WIDTH / 2;
        g.setFont(Figures.bodyFont().deriveFont(Font.BOLD, 30f));
        Figures.centred(g, String.valueOf(count), centre, y + CELL_HEIGHT / 2 + 2);
        g.setFont(Figures.bodyFont().deriveFont(17f));
        Figures.centred(g, Figures.percent((double) count / total) + " of all pairs", centre, y + CELL_HEIGHT / 2 + 30);
        g.setFont(Figures.bodyFont().deriveFont(Font.ITALIC, 13f));
        Figures.centred(g, CELL_NAMES[row][column], centre, y + 24);
    }

    private static Color blend(Color low, Color high, double t) {
        return new Color(
                (int) Math.round(low.getRed() + t * (high.getRed() - low.getRed())),
                (int) Math.round(low.getGreen() + t * (high.getGreen() - low.getGreen())),
                (int) Math.round(low.getBlue() + t * (high.getBlue() - low.getBlue())));
    }
}
