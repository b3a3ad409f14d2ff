package org.vtrial.engine.stats;

/**
 * Exact sample quantiles by linear interpolation between order statistics: Hyndman &amp; Fan
 * (Am Stat 1996;50:361-365) type 7, the default of R's {@code quantile()} and of NumPy. For sorted
 * values {@code x[0] <= ... <= x[n-1]} and {@code h = (n - 1)·p}:
 * {@code Q(p) = x[floor(h)] + (h - floor(h))·(x[floor(h) + 1] - x[floor(h)])}.
 */
public final class Quantiles {

    /** The probabilities of the summary tables: p5, p10, p25, p50, p75, p90, p95. */
    public static final double[] SUMMARY = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

    private Quantiles() {
    }

    /**
     * @param sorted values in ascending order (not checked)
     * @param n      number of values used, {@code sorted[0..n-1]}
     * @param p      probability in [0, 1]
     * @return the type-7 quantile, NaN when {@code n = 0}
     */
    public static double type7(double[] sorted, int n, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1], got " + p);
        }
        if (n == 0) {
            return Double.NaN;
        }
        final double h = (n - 1) * p;
        final int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        final double frac = h - lo;
        // Written as a convex combination so that equal neighbours give exactly their value.
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /** @return the type-7 quantiles of the whole sorted array at each probability */
    public static double[] type7(double[] sorted, double... p) {
        final double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = type7(sorted, sorted.length, p[i]);
        }
        return q;
    }
}
