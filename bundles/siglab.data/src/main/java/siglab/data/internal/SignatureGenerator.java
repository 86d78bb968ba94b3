package siglab.data.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws handwritten-looking signatures of made-up writers, and skilled forgeries of them.
 *
 * <p>A writer is a cursive "name": capitals and lower-case letter shapes (humps, cups, loops,
 * ascender and descender loops, dots and bars) given as control points in x-height units, joined
 * into pen strokes and drawn as centripetal Catmull-Rom splines (Catmull and Rom 1974; Yuksel et
 * al. 2011), with the writer's own letter deformations, proportions, slant, baseline arch and
 * rotation, size, pen width, nib angle and an optional flourish. A genuine sample is the writer's
 * template with natural variation: jittered control points, letter widths and heights, small
 * rotation, scale, shear and shift, pressure along the stroke and tapered ends from fast
 * writing. A forgery is drawn by one of a few forger hands per writer who copy the same template
 * but with their own systematic errors, scaled by {@code 1 - skill}: wrong letter proportions and
 * shapes, slant and size, a different pen, tremor, blunt stroke ends and blobs from slow
 * writing, hesitation gaps, curves either over-smoothed or angular, and sometimes no flourish.
 *
 * <p>Every image is a pure function of (seed, writer, kind, index): each draws from its own
 * {@link Random}, whose algorithm Java specifies, so output does not depend on thread scheduling.
 */
final class SignatureGenerator {

    /** Changes whenever the drawings change, so that cached datasets are not reused across it. */
    static final String VERSION = "synthetic-1";

    /** Forger hands per writer: forgery {@code i} is drawn by hand {@code i % FORGERS}. */
    static final int FORGERS = 3;

    private static final long TEMPLATE = 1;
    private static final long GENUINE = 2;
    private static final long FORGED = 3;
    private static final long FORGER = 4;

    private final long seed;
    private final int height;
    private final int width;
    private final double skill;

    SignatureGenerator(long seed, int height, int width, double forgerySkill) {
        this.seed = seed;
        this.height = height;
        this.width = width;
        this.skill = forgerySkill;
    }

    // ---------------------------------------------------------------- the writer's template

    /** One letter, dot or gap: control points relative to its origin on the baseline. */
    private record Glyph(double[] x, double[] y, double advance, boolean startsStroke,
            boolean detached) {}

    /** A writer's characteristic signature and pen. */
    record WriterModel(int id, List<Glyph> glyphs, double slant, double rotation, double arch,
            double penWidth, double ink, double taper, double nib, int flourish,
            double flourishDepth, double unitPixels, double offsetX, double offsetY) {}

    /**
     * How a hand reproduces a template: the writer's own hand (no systematic error) or a forger's.
     * Scales and offsets are per glyph (and per control point) so that a forger repeats the same
     * mistakes in every forgery.
     */
    private record Hand(double[] widthScale, double[] heightScale, double[][] dx, double[][] dy,
            double pointJitter, double letterJitter, double slantOffset, double slantJitter,
            double rotationOffset, double rotationJitter, double size, double sizeJitter,
            double shiftJitter, double penFactor, double ink, double taper, double tremor,
            double tremorWavelength, double hesitations, boolean smooth, boolean angular,
            boolean flourish) {}

    WriterModel writer(int id) {
        Random r = new Random(mix(seed, TEMPLATE, id, 0));
        double ascender = 1.6 + 0.9 * r.nextDouble();
        double descender = 0.9 + 0.6 * r.nextDouble();
        double exit = 0.2 + 0.3 * r.nextDouble();
        double letterWidth = 0.5 + 0.35 * r.nextDouble();
        double capHeight = 2.0 + 1.0 * r.nextDouble();
        double capWidth = 1.0 + 0.8 * r.nextDouble();
        double decay = r.nextDouble() < 0.5 ? 0 : 0.04 + 0.08 * r.nextDouble();
        double deform = 0.09;
        double gap = 0.5 + 0.7 * r.nextDouble();

        List<Glyph> glyphs = new ArrayList<>();
        int words = r.nextDouble() < 0.65 ? 2 : 1;
        boolean initialOnly = words == 2 && r.nextDouble() < 0.35;
        for (int word = 0; word < words; word++) {
            if (word > 0) {
                glyphs.add(new Glyph(new double[0], new double[0], gap, true, false));
            }
            double[][] cap = capital(r.nextInt(4), capWidth, capHeight, exit);
            glyphs.add(deformed(cap, capWidth * (0.9 + 0.2 * r.nextDouble()), true, false, deform * 1.5, r));
            if (word == 0 && initialOnly) {
                double[][] period = {{0.15, 0.22}, {0.05, 0.1}};
                glyphs.add(new Glyph(period[0], period[1], 0.45, true, false));
                continue;
            }
            int letters = 3 + r.nextInt(5);
            for (int k = 0; k < letters; k++) {
                int type = LETTER_FREQUENCY[r.nextInt(LETTER_FREQUENCY.length)];
                double shrink = Math.max(0.4, 1 - decay * k);
                double w = letterWidth * LETTER_WIDTH[type] * (0.85 + 0.3 * r.nextDouble());
                double[][] shape = lowercase(type, ascender * shrink, descender * shrink, exit);
                scaleY(shape, shrink);
                glyphs.add(deformed(shape, w, false, false, deform, r));
                double[][] extra = detached(type, ascender * shrink);
                if (extra != null) {
                    glyphs.add(deformed(extra, w, true, true, deform * 0.5, r));
                }
            }
        }
        double slant = -0.15 + 0.65 * r.nextDouble();
        double rotation = Math.toRadians(3 * r.nextGaussian());
        double arch = 0.25 * r.nextGaussian();
        double penScale = Math.min(width / 220.0, height / 155.0);
        double penWidth = (1.1 + 1.5 * r.nextDouble()) * penScale;
        double ink = 10 + 60 * r.nextDouble();
        double taper = 0.3 + 0.4 * r.nextDouble();
        double nib = 0.35 * r.nextDouble();
        double u = r.nextDouble();
        int flourish = u < 0.35 ? 0 : (u < 0.7 ? 1 : 2);
        double flourishDepth = descender * (0.8 + 0.5 * r.nextDouble());
        double fill = 0.7 + 0.22 * r.nextDouble();
        double offsetX = 0.04 * width * r.nextGaussian();
        double offsetY = 0.04 * height * r.nextGaussian();

        WriterModel draft = new WriterModel(id, glyphs, slant, rotation, arch, penWidth, ink,
                taper, nib, flourish, flourishDepth, 1, offsetX, offsetY);
        List<double[][]> strokes = assemble(draft, ownHand(draft, 0), new Random(0));
        double[] box = bounds(strokes);
        double unitPixels = Math.min(fill * width / (box[2] - box[0]),
                0.8 * height / (box[3] - box[1]));
        return new WriterModel(id, glyphs, slant, rotation, arch, penWidth, ink, taper, nib,
                flourish, flourishDepth, unitPixels, offsetX, offsetY);
    }

    /** Letter types by how often they are drawn: vowels and n-like letters dominate. */
    private static final int[] LETTER_FREQUENCY =
            {0, 0, 1, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 9, 10, 10, 11, 12, 13};
    /** Width of each letter type relative to the writer's letter width. */
    private static final double[] LETTER_WIDTH =
            {1.0, 1.45, 1.0, 0.8, 0.85, 1.05, 1.0, 1.05, 1.0, 0.55, 0.7, 0.85, 0.8, 1.15};

    /** A lower-case letter as control points {x[], y[]}: x in letter widths, y in x-heights. */
    private static double[][] lowercase(int type, double a, double d, double e) {
        switch (type) {
            case 0: // n
                return pts(0.10, 0.95, 0.18, 0.0, 0.45, 0.95, 0.70, 0.05, 1.0, e);
            case 1: // m
                return pts(0.07, 0.95, 0.12, 0.0, 0.32, 0.95, 0.42, 0.0, 0.62, 0.95, 0.75, 0.05, 1.0, e);
            case 2: // u
                return pts(0.08, 0.95, 0.28, 0.02, 0.55, 0.95, 0.62, 0.02, 1.0, e);
            case 3: // e
                return pts(0.55, 0.55, 0.45, 0.9, 0.22, 0.6, 0.35, 0.02, 1.0, e);
            case 4: // l
                return pts(0.55, 0.72 * a, 0.55, a, 0.33, 0.92 * a, 0.3, 0.0, 1.0, e);
            case 5: // a
                return pts(0.65, 0.85, 0.35, 1.0, 0.08, 0.5, 0.35, 0.0, 0.68, 0.55, 0.7, 1.0,
                        0.72, 0.02, 1.0, e);
            case 6: // o
                return pts(0.55, 0.95, 0.2, 0.9, 0.05, 0.4, 0.35, 0.0, 0.65, 0.5, 0.55, 0.95,
                        1.0, 0.85);
            case 7: // g
                return pts(0.65, 0.85, 0.35, 1.0, 0.08, 0.5, 0.35, 0.0, 0.68, 0.55, 0.7, 1.0,
                        0.62, -0.6 * d, 0.4, -d, 0.2, -0.7 * d, 0.5, -0.1, 1.0, e);
            case 8: // y
                return pts(0.1, 0.95, 0.25, 0.05, 0.6, 0.95, 0.6, -0.6 * d, 0.35, -d, 0.2, -0.7 * d,
                        0.5, -0.1, 1.0, e);
            case 9: // i
                return pts(0.3, 0.95, 0.38, 0.02, 1.0, e);
            case 10: // t
                return pts(0.4, 0.85 * a, 0.42, 0.02, 1.0, e);
            case 11: // r
                return pts(0.25, 0.95, 0.45, 0.8, 0.6, 0.98, 0.62, 0.02, 1.0, e);
            case 12: // s
                return pts(0.5, 1.05, 0.75, 0.35, 0.45, 0.02, 0.2, 0.15, 1.0, e);
            default: // h
                return pts(0.45, 0.75 * a, 0.45, a, 0.25, 0.92 * a, 0.22, 0.0, 0.5, 0.95,
                        0.75, 0.05, 1.0, e);
        }
    }

    /** The dot of an i or the bar of a t, drawn after the word as its own stroke. */
    private static double[][] detached(int type, double a) {
        if (type == 9) {
            return pts(0.40, 1.55, 0.47, 1.62);
        }
        if (type == 10) {
            return pts(0.05, 0.55 * a, 0.85, 0.62 * a);
        }
        return null;
    }

    /** A capital: a large shape that opens a word; x in capital widths, y in x-heights. */
    private static double[][] capital(int type, double w, double c, double e) {
        switch (type) {
            case 0: // a stem with a loop at the top, like a script J, L or S
                return pts(0.3, 0.85 * c, 0.7, c, 0.55, 0.75 * c, 0.35, 0.3 * c, 0.15, 0.0,
                        -0.1, 0.15, 0.3, 0.2, 1.0, e);
            case 1: // a large open oval, like C, G or O
                return pts(0.85, 0.8 * c, 0.5, c, 0.08, 0.6 * c, 0.2, 0.05, 0.7, 0.1, 0.9, 0.45,
                        1.0, e);
            case 2: // peaks, like M or N
                return pts(0.0, 0.2, 0.1, 0.9 * c, 0.25, 0.0, 0.45, 0.85 * c, 0.6, 0.05,
                        0.78, 0.75 * c, 0.85, 0.05, 1.0, e);
            default: // a stem and a bowl, like B, D, P or R
                return pts(0.15, 0.1, 0.25, c, 0.2, 0.0, 0.3, 0.9 * c, 0.85, 0.8 * c,
                        0.75, 0.5 * c, 0.3, 0.45 * c, 0.8, 0.1, 1.0, e);
        }
    }

    private static double[][] pts(double... xy) {
        double[][] out = new double[2][xy.length / 2];
        for (int i = 0; i < xy.length / 2; i++) {
            out[0][i] = xy[2 * i];
            out[1][i] = xy[2 * i + 1];
        }
        return out;
    }

    private static void scaleY(double[][] shape, double factor) {
        for (int i = 0; i < shape[1].length; i++) {
            shape[1][i] *= factor;
        }
    }

    /** The writer's own version of a shape: x scaled to units, every point moved a little. */
    private static Glyph deformed(double[][] shape, double widthUnits, boolean startsStroke,
            boolean detached, double deform, Random r) {
        int n = shape[0].length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // The exit point stays on the connection height so that letters join smoothly.
            double amount = i == n - 1 && !detached ? deform * 0.3 : deform;
            x[i] = shape[0][i] * widthUnits + amount * r.nextGaussian();
            y[i] = shape[1][i] + amount * r.nextGaussian();
        }
        return new Glyph(x, y, detached ? 0 : widthUnits, startsStroke, detached);
    }

    // ---------------------------------------------------------------- hands

    private Hand ownHand(WriterModel m, double variation) {
        int n = m.glyphs().size();
        double[] ones = filled(n, 1);
        return new Hand(ones, ones, null, null, 0.07 * variation, 0.07 * variation, 0,
                0.04 * variation, 0, Math.toRadians(2) * variation, 1, 0.04 * variation,
                2.5 * variation, 1, m.ink(), m.taper(), 0, 1, 0.15 * variation, false, false, true);
    }

    private Hand forgerHand(WriterModel m, int forger) {
        Random r = new Random(mix(seed, FORGER, m.id(), forger));
        double error = 1 - skill;
        int n = m.glyphs().size();
        double[] widthScale = new double[n];
        double[] heightScale = new double[n];
        double[][] dx = new double[n][];
        double[][] dy = new double[n][];
        for (int g = 0; g < n; g++) {
            widthScale[g] = Math.exp(0.25 * error * r.nextGaussian());
            heightScale[g] = Math.exp(0.25 * error * r.nextGaussian());
            int points = m.glyphs().get(g).x().length;
            dx[g] = new double[points];
            dy[g] = new double[points];
            for (int p = 0; p < points; p++) {
                dx[g][p] = 0.25 * error * r.nextGaussian();
                dy[g][p] = 0.25 * error * r.nextGaussian();
            }
        }
        double penScale = Math.min(width / 220.0, height / 155.0);
        return new Hand(widthScale, heightScale, dx, dy, 0.08, 0.08,
                0.3 * error * r.nextGaussian(), 0.05, Math.toRadians(3 * error * r.nextGaussian()),
                Math.toRadians(2.5), Math.exp(0.15 * error * r.nextGaussian()), 0.05, 3,
                Math.exp(0.2 * r.nextGaussian()), clamp(m.ink() + 8 * r.nextGaussian(), 0, 80),
                0.05 + 0.1 * r.nextDouble(), (0.2 + 0.5 * r.nextDouble()) * (0.2 + 1.2 * error) * penScale,
                (4 + 6 * r.nextDouble()) * penScale, 1 + 3 * error, r.nextDouble() < 0.4,
                r.nextDouble() < 0.3, r.nextDouble() >= 0.5 * error);
    }

    // ---------------------------------------------------------------- one sample

    /** The {@code index}-th genuine signature of a writer. */
    BufferedImage genuine(WriterModel m, int index) {
        Random r = new Random(mix(seed, GENUINE, m.id(), index));
        return render(m, ownHand(m, 1), r);
    }

    /** The {@code index}-th skilled forgery of a writer. */
    BufferedImage forgery(WriterModel m, int index) {
        Random r = new Random(mix(seed, FORGED, m.id(), index));
        return render(m, forgerHand(m, index % FORGERS), r);
    }

    /** Lays out the glyphs with a hand's errors: strokes of {x[], y[]} in units, y up. */
    private List<double[][]> assemble(WriterModel m, Hand h, Random r) {
        List<List<double[]>> strokes = new ArrayList<>();
        List<double[]> current = null;
        double cursor = 0;
        double letterOrigin = 0;
        double letterWidth = 1;
        double letterHeight = 1;
        List<Glyph> glyphs = m.glyphs();
        for (int g = 0; g < glyphs.size(); g++) {
            Glyph glyph = glyphs.get(g);
            if (glyph.x().length == 0) {
                cursor += glyph.advance() * (1 + h.letterJitter() * r.nextGaussian());
                current = null;
                continue;
            }
            double ws = h.widthScale()[g] * (1 + h.letterJitter() * r.nextGaussian());
            double hs = h.heightScale()[g] * (1 + h.letterJitter() * r.nextGaussian());
            if (glyph.detached()) {
                ws = letterWidth;
                hs = letterHeight;
            }
            double origin = glyph.detached() ? letterOrigin : cursor;
            List<double[]> target;
            if (glyph.detached()) {
                // Dots and bars are strokes of their own; the pen then returns to the word.
                target = new ArrayList<>();
                strokes.add(target);
            } else {
                if (current == null || glyph.startsStroke()) {
                    current = new ArrayList<>();
                    strokes.add(current);
                }
                target = current;
            }
            for (int p = 0; p < glyph.x().length; p++) {
                double x = glyph.x()[p] + (h.dx() == null ? 0 : h.dx()[g][p])
                        + h.pointJitter() * r.nextGaussian();
                double y = glyph.y()[p] + (h.dy() == null ? 0 : h.dy()[g][p])
                        + h.pointJitter() * r.nextGaussian();
                target.add(new double[] {origin + x * ws, y * hs});
            }
            if (!glyph.detached()) {
                letterOrigin = cursor;
                letterWidth = ws;
                letterHeight = hs;
                cursor += glyph.advance() * ws;
            }
        }
        double span = Math.max(cursor, 1);
        if (h.flourish() && m.flourish() != 0) {
            double depth = m.flourishDepth() * (1 + h.letterJitter() * r.nextGaussian());
            double[][] shape = m.flourish() == 1
                    ? pts(-0.02 * span, -0.55 * depth, 0.35 * span, -0.8 * depth,
                            0.75 * span, -0.75 * depth, 1.03 * span, -0.45 * depth)
                    : pts(span + 0.3, -0.2, span - 0.1, -0.9 * depth, 0.55 * span, -1.05 * depth,
                            0.15 * span, -0.8 * depth, 0.02 * span, -0.5 * depth);
            List<double[]> stroke = m.flourish() == 1 || current == null ? new ArrayList<>() : current;
            if (stroke != current) {
                strokes.add(stroke);
            }
            for (int p = 0; p < shape[0].length; p++) {
                stroke.add(new double[] {shape[0][p] + 2 * h.pointJitter() * r.nextGaussian(),
                        shape[1][p] + 2 * h.pointJitter() * r.nextGaussian()});
            }
        }

        double slant = m.slant() + h.slantOffset() + h.slantJitter() * r.nextGaussian();
        double rotation = m.rotation() + h.rotationOffset() + h.rotationJitter() * r.nextGaussian();
        double cos = Math.cos(rotation);
        double sin = Math.sin(rotation);
        List<double[][]> out = new ArrayList<>();
        for (List<double[]> stroke : strokes) {
            double[][] xy = new double[2][stroke.size()];
            for (int p = 0; p < stroke.size(); p++) {
                double x = stroke.get(p)[0];
                double u = 2 * x / span - 1;
                double y = stroke.get(p)[1] + m.arch() * (1 - u * u);
                x += slant * y;
                xy[0][p] = cos * x - sin * y;
                xy[1][p] = sin * x + cos * y;
            }
            out.add(xy);
        }
        return out;
    }

    private BufferedImage render(WriterModel m, Hand h, Random r) {
        List<double[][]> strokes = assemble(m, h, r);
        double[] box = bounds(strokes);
        double margin = 3 + 2 * m.penWidth();
        double scale = m.unitPixels() * h.size() * (1 + h.sizeJitter() * r.nextGaussian());
        scale = Math.min(scale, Math.min((width - 2 * margin) / (box[2] - box[0]),
                (height - 2 * margin) / (box[3] - box[1])));
        double halfWidth = (box[2] - box[0]) * scale / 2;
        double halfHeight = (box[3] - box[1]) * scale / 2;
        double centreX = clamp(width / 2.0 + m.offsetX() + h.shiftJitter() * r.nextGaussian(),
                margin + halfWidth, width - margin - halfWidth);
        double centreY = clamp(height / 2.0 + m.offsetY() + h.shiftJitter() * r.nextGaussian(),
                margin + halfHeight, height - margin - halfHeight);
        double midX = (box[0] + box[2]) / 2;
        double midY = (box[1] + box[3]) / 2;

        double pen = m.penWidth() * h.penFactor() * (1 + 0.06 * r.nextGaussian());
        double ink = clamp(h.ink() + 5 * r.nextGaussian(), 0, 90);
        double pressurePhase = 2 * Math.PI * r.nextDouble();
        double pressureWavelength = 40 + 40 * r.nextDouble();

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        int level = (int) Math.round(ink);
        g.setColor(new Color(level, level, level));

        List<double[][]> dense = new ArrayList<>();
        for (double[][] stroke : strokes) {
            double[][] control = new double[2][stroke[0].length];
            for (int p = 0; p < stroke[0].length; p++) {
                control[0][p] = centreX + (stroke[0][p] - midX) * scale;
                control[1][p] = centreY - (stroke[1][p] - midY) * scale;
            }
            if (h.smooth()) {
                control = chaikin(control);
            }
            dense.add(spline(control, h.angular() ? 6 : 1));
        }
        int hesitations = poisson(h.hesitations(), r);
        List<double[][]> pieces = new ArrayList<>();
        for (double[][] line : dense) {
            double[][] withWidths = widths(line, pen, h, m.nib(), pressurePhase, pressureWavelength, r);
            pieces.add(withWidths);
        }
        for (int k = 0; k < hesitations && !pieces.isEmpty(); k++) {
            int which = r.nextInt(pieces.size());
            double[][] piece = pieces.get(which);
            int n = piece[0].length;
            if (n < 12) {
                continue;
            }
            int at = 4 + r.nextInt(n - 8);
            if (r.nextBoolean()) {
                // The pen rests: ink pools into a blob.
                double blob = 1.5 + 0.6 * r.nextDouble();
                for (int i = Math.max(0, at - 2); i <= Math.min(n - 1, at + 2); i++) {
                    piece[2][i] *= blob;
                }
            } else {
                // The pen lifts for a moment: a small gap.
                int gap = 2 + r.nextInt(3);
                pieces.set(which, slice(piece, 0, at));
                pieces.add(slice(piece, Math.min(n, at + gap), n));
            }
        }
        for (double[][] piece : pieces) {
            draw(g, piece);
        }
        g.dispose();
        return image;
    }

    /** Widths along a dense stroke: pen, pressure wave, nib angle, tapered or blunt ends, tremor. */
    private static double[][] widths(double[][] line, double pen, Hand h, double nib, double phase,
            double wavelength, Random r) {
        int n = line[0].length;
        double[] arc = new double[n];
        for (int i = 1; i < n; i++) {
            arc[i] = arc[i - 1] + Math.hypot(line[0][i] - line[0][i - 1], line[1][i] - line[1][i - 1]);
        }
        double length = arc[n - 1];
        double[] xs = line[0].clone();
        double[] ys = line[1].clone();
        double[] w = new double[n];
        double tremorPhase = 2 * Math.PI * r.nextDouble();
        double tremorPhase2 = 2 * Math.PI * r.nextDouble();
        double taperLength = Math.max(1, h.taper() * 14);
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(n - 1, i + 1);
            double tx = line[0][b] - line[0][a];
            double ty = line[1][b] - line[1][a];
            double norm = Math.hypot(tx, ty) + 1e-9;
            // Image y grows downwards: a positive ty is a down-stroke, drawn heavier with a nib.
            double direction = 1 + nib * (ty / norm);
            double pressure = 1 + 0.15 * Math.sin(2 * Math.PI * arc[i] / wavelength + phase);
            double fromEnd = Math.min(arc[i], length - arc[i]);
            double taper = Math.min(1, 0.35 + 0.65 * fromEnd / taperLength);
            w[i] = Math.max(0.6, pen * direction * pressure * taper);
            if (h.tremor() > 0) {
                double s = 2 * Math.PI * arc[i] / h.tremorWavelength();
                double wobble = h.tremor() * (0.7 * Math.sin(s + tremorPhase)
                        + 0.3 * Math.sin(2.3 * s + tremorPhase2));
                xs[i] += -ty / norm * wobble;
                ys[i] += tx / norm * wobble;
            }
        }
        return new double[][] {xs, ys, w};
    }

    private static void draw(Graphics2D g, double[][] piece) {
        int n = piece[0].length;
        if (n == 0) {
            return;
        }
        if (n == 1) {
            double w = piece[2][0];
            g.fill(new java.awt.geom.Ellipse2D.Double(piece[0][0] - w / 2, piece[1][0] - w / 2, w, w));
            return;
        }
        // Short runs of segments share one width: pressure changes smoothly, and fewer, longer
        // paths keep Java2D's antialiased stroking fast.
        int run = 3;
        for (int start = 0; start < n - 1; start += run) {
            int end = Math.min(n - 1, start + run);
            Path2D.Double path = new Path2D.Double();
            path.moveTo(piece[0][start], piece[1][start]);
            double sum = 0;
            for (int i = start + 1; i <= end; i++) {
                path.lineTo(piece[0][i], piece[1][i]);
                sum += piece[2][i];
            }
            float w = (float) (sum / (end - start));
            g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }
    }

    private static double[][] slice(double[][] piece, int from, int to) {
        double[][] out = new double[3][];
        for (int k = 0; k < 3; k++) {
            out[k] = java.util.Arrays.copyOfRange(piece[k], from, to);
        }
        return out;
    }

    /** One round of Chaikin corner cutting (Chaikin 1974): a slow, careful copy rounds every turn. */
    private static double[][] chaikin(double[][] control) {
        int n = control[0].length;
        if (n < 3) {
            return control;
        }
        double[][] out = new double[2][2 * (n - 1)];
        out[0][0] = control[0][0];
        out[1][0] = control[1][0];
        int k = 1;
        for (int i = 0; i < n - 1; i++) {
            if (i > 0) {
                out[0][k] = 0.75 * control[0][i] + 0.25 * control[0][i + 1];
                out[1][k] = 0.75 * control[1][i] + 0.25 * control[1][i + 1];
                k++;
            }
            if (i < n - 2) {
                out[0][k] = 0.25 * control[0][i] + 0.75 * control[0][i + 1];
                out[1][k] = 0.25 * control[1][i] + 0.75 * control[1][i + 1];
                k++;
            }
        }
        out[0][k] = control[0][n - 1];
        out[1][k] = control[1][n - 1];
        k++;
        return new double[][] {java.util.Arrays.copyOf(out[0], k), java.util.Arrays.copyOf(out[1], k)};
    }

    /**
     * A centripetal Catmull-Rom spline through the control points, sampled about every
     * {@code stepPixels}: centripetal knots never overshoot into cusps or stray loops.
     */
    static double[][] spline(double[][] control, double stepPixels) {
        int n = control[0].length;
        if (n == 1) {
            return control;
        }
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i + 1] = control[0][i];
            ys[i + 1] = control[1][i];
        }
        xs[0] = 2 * xs[1] - xs[2];
        ys[0] = 2 * ys[1] - ys[2];
        xs[n + 1] = 2 * xs[n] - xs[n - 1];
        ys[n + 1] = 2 * ys[n] - ys[n - 1];
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {xs[1], ys[1]});
        for (int i = 1; i < n; i++) {
            double t0 = 0;
            double t1 = t0 + knot(xs, ys, i - 1, i);
            double t2 = t1 + knot(xs, ys, i, i + 1);
            double t3 = t2 + knot(xs, ys, i + 1, i + 2);
            double chord = Math.hypot(xs[i + 1] - xs[i], ys[i + 1] - ys[i]);
            int steps = Math.max(1, (int) Math.ceil(chord * 1.3 / stepPixels));
            for (int s = 1; s <= steps; s++) {
                double t = t1 + (t2 - t1) * s / steps;
                double[] p = new double[2];
                for (int c = 0; c < 2; c++) {
                    double[] v = c == 0 ? xs : ys;
                    double a1 = ((t1 - t) * v[i - 1] + (t - t0) * v[i]) / (t1 - t0);
                    double a2 = ((t2 - t) * v[i] + (t - t1) * v[i + 1]) / (t2 - t1);
                    double a3 = ((t3 - t) * v[i + 1] + (t - t2) * v[i + 2]) / (t3 - t2);
                    double b1 = ((t2 - t) * a1 + (t - t0) * a2) / (t2 - t0);
                    double b2 = ((t3 - t) * a2 + (t - t1) * a3) / (t3 - t1);
                    p[c] = ((t2 - t) * b1 + (t - t1) * b2) / (t2 - t1);
                }
                out.add(p);
            }
        }
        double[][] result = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            result[0][i] = out.get(i)[0];
            result[1][i] = out.get(i)[1];
        }
        return result;
    }

    private static double knot(double[] xs, double[] ys, int a, int b) {
        return Math.max(1e-3, Math.sqrt(Math.hypot(xs[b] - xs[a], ys[b] - ys[a])));
    }

    private static double[] bounds(List<double[][]> strokes) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[][] stroke : strokes) {
            for (int p = 0; p < stroke[0].length; p++) {
                box[0] = Math.min(box[0], stroke[0][p]);
                box[1] = Math.min(box[1], stroke[1][p]);
                box[2] = Math.max(box[2], stroke[0][p]);
                box[3] = Math.max(box[3], stroke[1][p]);
            }
        }
        box[2] = Math.max(box[2], box[0] + 1e-3);
        box[3] = Math.max(box[3], box[1] + 1e-3);
        return box;
    }

    private static int poisson(double mean, Random r) {
        double limit = Math.exp(-mean);
        int k = 0;
        double product = r.nextDouble();
        while (product > limit) {
            k++;
            product *= r.nextDouble();
        }
        return k;
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return lo > hi ? (lo + hi) / 2 : Math.max(lo, Math.min(hi, v));
    }

    /** SplitMix64 (Steele et al. 2014) over the parts: well-spread seeds from small integers. */
    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            long z = h ^ part;
            z += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            h = z ^ (z >>> 31);
        }
        return h;
    }
}
