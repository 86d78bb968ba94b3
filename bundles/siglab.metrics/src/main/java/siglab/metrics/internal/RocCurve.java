package siglab.metrics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import siglab.api.eval.ScoredPair;

/**
 * The receiver operating characteristic of scored pairs, swept over every distinct distance.
 *
 * <p>A pair is accepted when its distance is at most the threshold, so the curve has one point
 * per distinct distance plus a first point that accepts nothing. Pairs that share a distance are
 * accepted together, which is why ties move both rates in one step (a diagonal segment) instead
 * of an order-dependent staircase. Pairs whose distance is NaN count in the denominators but are
 * never accepted: a diverged model must not look better than it is.
 */
final class RocCurve {

    /**
     * One operating point.
     *
     * @param threshold pairs with a distance at most this are accepted as similar
     * @param acceptedGenuine genuine pairs accepted (true accepts)
     * @param acceptedNegative skilled and random pairs accepted (false accepts)
     * @param falseAcceptRate acceptedNegative over all negative pairs
     * @param falseRejectRate genuine pairs rejected over all genuine pairs
     */
    record Point(double threshold, int acceptedGenuine, int acceptedNegative,
            double falseAcceptRate, double falseRejectRate) {

        /** Share of genuine pairs accepted: 1 - FRR. */
        double trueAcceptRate() {
            return 1 - falseRejectRate;
        }
    }

    /**
     * The equal error rate, where FAR = FRR.
     *
     * @param rate the common value of FAR and FRR
     * @param threshold the (interpolated) threshold at which they meet
     */
    record EqualErrorRate(double rate, double threshold) {}

    /**
     * The operating point with the most correct decisions.
     *
     * @param threshold pairs with a distance at most this are accepted; any threshold below the next
     *     distinct distance decides the same
     * @param accuracy correct decisions over all pairs
     * @param correct genuine pairs accepted plus negative pairs rejected
     * @param pairs all pairs, NaN distances included (they are rejected)
     */
    record BestAccuracy(double threshold, double accuracy, int correct, int pairs) {}

    private final List<Point> points;
    private final int genuine;
    private final int negative;

    private RocCurve(List<Point> points, int genuine, int negative) {
        this.points = points;
        this.genuine = genuine;
        this.negative = negative;
    }

    /** The curve of {@code pairs}; any order. */
    static RocCurve of(List<ScoredPair> pairs) {
        int genuine = 0;
        int finite = 0;
        for (ScoredPair pair : pairs) {
            if (pair.similar()) {
                genuine++;
            }
            if (!Double.isNaN(pair.distance())) {
                finite++;
            }
        }
        int negative = pairs.size() - genuine;
        double[] distances = new double[finite];
        boolean[] similar = new boolean[finite];
        Integer[] order = new Integer[finite];
        int next = 0;
        for (ScoredPair pair : pairs) {
            if (!Double.isNaN(pair.distance())) {
                distances[next] = pair.distance();
                similar[next] = pair.similar();
                order[next] = next;
                next++;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(distances[a], distances[b]));

        List<Point> points = new ArrayList<>(finite + 1);
        double first = finite == 0 ? 0 : distances[order[0]];
        points.add(point(Math.nextDown(first), 0, 0, genuine, negative));
        int acceptedGenuine = 0;
        int acceptedNegative = 0;
        for (int i = 0; i < finite; i++) {
            int index = order[i];
            if (similar[index]) {
                acceptedGenuine++;
            } else {
                acceptedNegative++;
            }
            boolean lastOfTie = i == finite - 1 || distances[order[i + 1]] != distances[index];
            if (lastOfTie) {
                points.add(point(distances[index], acceptedGenuine, acceptedNegative, genuine, negative));
            }
        }
        return new RocCurve(Collections.unmodifiableList(points), genuine, negative);
    }

    private static Point point(double threshold, int acceptedGenuine, int acceptedNegative,
            int genuine, int negative) {
        return new Point(threshold, acceptedGenuine, acceptedNegative,
                (double) acceptedNegative / negative, (double) (genuine - acceptedGenuine) / genuine);
    }

    /** The operating points by increasing threshold; the first accepts nothing. */
    List<Point> points() {
        return points;
    }

    /** Number of genuine (positive) pairs. */
    int genuine() {
        return genuine;
    }

    /** Number of skilled and random (negative) pairs. */
    int negative() {
        return negative;
    }

    /**
     * The threshold with the highest accuracy, in one pass over the points. A threshold can only
     * fall between distinct distances, so pairs that share a distance are decided together; among
     * equally accurate points the smallest threshold wins, because in signature verification a false
     * accept costs more than a false reject. NaN when there are no pairs.
     *
     * <p>Chosen on the pairs it is then measured on, this is the optimistic figure that much of the
     * literature reports (SigNet, Dey et al. 2017); chosen on validation pairs, it is a fair policy.
     */
    BestAccuracy bestAccuracy() {
        int pairs = genuine + negative;
        if (pairs == 0) {
            return new BestAccuracy(Double.NaN, Double.NaN, 0, 0);
        }
        Point best = null;
        int bestCorrect = -1;
        for (Point point : points) {
            int correct = point.acceptedGenuine() + (negative - point.acceptedNegative());
            if (correct > bestCorrect) {
                bestCorrect = correct;
                best = point;
            }
        }
        return new BestAccuracy(best.threshold(), (double) bestCorrect / pairs, bestCorrect, pairs);
    }

    /**
     * The equal error rate: FAR and FRR are linearly interpolated between the two consecutive
     * points where FAR - FRR changes sign, and the threshold with them. NaN when either class is
     * empty.
     */
    EqualErrorRate equalErrorRate() {
        if (genuine == 0 || negative == 0) {
            return new EqualErrorRate(Double.NaN, Double.NaN);
        }
        Point previous = points.get(0);
        for (Point current : points) {
            double gap = current.falseAcceptRate() - current.falseRejectRate();
            if (gap >= 0) {
                if (current == previous) {
                    return new EqualErrorRate(current.falseAcceptRate(), current.threshold());
                }
                double previousGap = previous.falseAcceptRate() - previous.falseRejectRate();
                double t = previousGap / (previousGap - gap);
                double rate = previous.falseAcceptRate()
                        + t * (current.falseAcceptRate() - previous.falseAcceptRate());
                double threshold = previous.threshold()
                        + t * (current.threshold() - previous.threshold());
                return new EqualErrorRate(rate, threshold);
            }
            previous = current;
        }
        // Only reachable when NaN distances keep the last point from accepting everything.
        return new EqualErrorRate(Double.NaN, Double.NaN);
    }
}
