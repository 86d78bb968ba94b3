package siglab.plots.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import siglab.api.eval.ScoredPair;

/**
 * The ROC of scored pairs, swept at every distinct distance (a pair is accepted when its distance
 * is at most the threshold; tied pairs are accepted together).
 *
 * <p>The metrics bundle computes the same curve; bundles share only {@code siglab.api}, so this is
 * a deliberate small copy with the same semantics: NaN distances count in the denominators but are
 * never accepted, and the EER is interpolated linearly between the two points that bracket
 * FAR = FRR.
 */
final class Roc {

    /** One operating point: the threshold and the FAR and FRR it gives. */
    record Point(double threshold, double falseAcceptRate, double falseRejectRate) {
        double trueAcceptRate() {
            return 1 - falseRejectRate;
        }
    }

    private final List<Point> points;
    private final int genuine;
    private final int negative;

    private Roc(List<Point> points, int genuine, int negative) {
        this.points = points;
        this.genuine = genuine;
        this.negative = negative;
    }

    static Roc of(List<ScoredPair> pairs) {
        int genuine = 0;
        for (ScoredPair pair : pairs) {
            genuine += pair.similar() ? 1 : 0;
        }
        int negative = pairs.size() - genuine;
        ScoredPair[] sorted = pairs.stream().filter(p -> !Double.isNaN(p.distance()))
                .toArray(ScoredPair[]::new);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.distance(), b.distance()));
        List<Point> points = new ArrayList<>();
        double first = sorted.length == 0 ? 0 : sorted[0].distance();
        points.add(new Point(Math.nextDown(first), 0.0 / negative, 1.0 * genuine / genuine));
        int acceptedGenuine = 0;
        int acceptedNegative = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i].similar()) {
                acceptedGenuine++;
            } else {
                acceptedNegative++;
            }
            if (i == sorted.length - 1 || sorted[i + 1].distance() != sorted[i].distance()) {
                points.add(new Point(sorted[i].distance(), (double) acceptedNegative / negative,
                        (double) (genuine - acceptedGenuine) / genuine));
            }
        }
        return new Roc(List.copyOf(points), genuine, negative);
    }

    /** True when both classes are present, so that both rates are defined. */
    boolean defined() {
        return genuine > 0 && negative > 0;
    }

    List<Point> points() {
        return points;
    }

    int genuine() {
        return genuine;
    }

    int negative() {
        return negative;
    }

    /** Trapezoid area under TAR against FAR; equals the Mann-Whitney AUC with ties as half. */
    double areaUnderCurve() {
        if (!defined()) {
            return Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            area += (b.falseAcceptRate() - a.falseAcceptRate()) * (a.trueAcceptRate() + b.trueAcceptRate()) / 2;
        }
        return area;
    }

    /** The equal error rate as a point (threshold, FAR = FRR); NaN when undefined. */
    Point equalErrorRate() {
        if (!defined()) {
            return new Point(Double.NaN, Double.NaN, Double.NaN);
        }
        Point previous = points.get(0);
        for (Point current : points) {
            double gap = current.falseAcceptRate() - current.falseRejectRate();
            if (gap >= 0) {
                if (current == previous) {
                    return current;
                }
                double previousGap = previous.falseAcceptRate() - previous.falseRejectRate();
                double t = previousGap / (previousGap - gap);
                double rate = previous.falseAcceptRate() + t * (current.falseAcceptRate() - previous.falseAcceptRate());
                double threshold = previous.threshold() + t * (current.threshold() - previous.threshold());
                return new Point(threshold, rate, rate);
            }
            previous = current;
        }
        return new Point(Double.NaN, Double.NaN, Double.NaN);
    }

    /** FAR and FRR of {@code pairs} decided at {@code threshold}. */
    static Point at(List<ScoredPair> pairs, double threshold) {
        int genuine = 0;
        int negative = 0;
        int acceptedGenuine = 0;
        int acceptedNegative = 0;
        for (ScoredPair pair : pairs) {
            boolean accepted = pair.distance() <= threshold;
            if (pair.similar()) {
                genuine++;
                acceptedGenuine += accepted ? 1 : 0;
            } else {
                negative++;
                acceptedNegative += accepted ? 1 : 0;
            }
        }
        return new Point(threshold, (double) acceptedNegative / negative,
                (double) (genuine - acceptedGenuine) / genuine);
    }
}
