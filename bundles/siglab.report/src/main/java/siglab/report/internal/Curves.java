package siglab.report.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * Error rates of scored pairs at every threshold, for ROC and DET curves. A pair is accepted when
 * its distance is at most the threshold, as in the metrics bundle; pairs with equal distances are
 * accepted together, and NaN distances are never accepted.
 */
final class Curves {

    /** False accept and false reject rates, from the strictest threshold to the loosest. */
    record Rates(double[] far, double[] frr) {}

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02,
        -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02,
        -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01,
        -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01,
        2.445134137142996e+00, 3.754408661907416e+00};

    private Curves() {}

    /**
     * The rates at every distinct distance, thinned to about {@code maxPoints} points; null unless
     * both genuine and forgery pairs are present.
     */
    static Rates rates(RunFolder.Scores scores, int maxPoints) {
        int n = scores.size();
        int genuine = scores.genuineCount();
        int negative = n - genuine;
        if (genuine == 0 || negative == 0) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] distance = scores.distance();
        Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
        double[] far = new double[n + 1];
        double[] frr = new double[n + 1];
        far[0] = 0;
        frr[0] = 1;
        int points = 1;
        int acceptedGenuine = 0;
        int acceptedNegative = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (Double.isNaN(distance[i])) {
                break;
            }
            if (scores.genuine()[i]) {
                acceptedGenuine++;
            } else {
                acceptedNegative++;
            }
            boolean lastOfTie = k == n - 1 || distance[order[k + 1]] != distance[i];
            if (lastOfTie) {
                far[points] = (double) acceptedNegative / negative;
                frr[points] = (double) (genuine - acceptedGenuine) / genuine;
                points++;
            }
        }
        int step = Math.max(1, (int) Math.ceil((double) points / maxPoints));
        int kept = (points - 1) / step + 1 + ((points - 1) % step == 0 ? 0 : 1);
        double[] thinFar = new double[kept];
        double[] thinFrr = new double[kept];
        int j = 0;
        for (int i = 0; i < points; i += step) {
            thinFar[j] = far[i];
            thinFrr[j] = frr[i];
            j++;
        }
        if (j < kept) {
            thinFar[j] = far[points - 1];
            thinFrr[j] = frr[points - 1];
        }
        return new Rates(thinFar, thinFrr);
    }

    /** The inverse standard normal distribution function by Acklam's approximation (2003). */
    static double probit(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probit needs p in (0, 1), got " + p);
        }
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -probit(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    /**
     * The standard normal distribution function, by the complementary error function of
     * Abramowitz and Stegun 7.1.26 (1964); its 1.5e-7 error is far below what an axis label shows.
     */
    static double normal(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    /** The rate that a normal-deviate axis value stands for, as a percentage. */
    static String rateLabel(double z) {
        double percent = 100 * normal(z);
        return percent < 1 ? String.format(Locale.ROOT, "%.2f%%", percent)
                : percent < 10 ? String.format(Locale.ROOT, "%.1f%%", percent)
                : String.format(Locale.ROOT, "%.0f%%", percent);
    }
}
