package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Seeded bootstrap settings: {@code resamples} resamples (0: no intervals) of the usable bases
 * with replacement, percentile intervals at level {@code confidence} (Efron & Tibshirani 1993, "An
 * Introduction to the Bootstrap", ch. 13). Resample {@code b} draws its {@code n} base indices from
 * its own counter-based stream keyed by {@code (seed, b)} (see {@link Streams}), so every replicate
 * is a pure function of {@code (seed, b, n)} and the data: intervals are reproducible bit for bit
 * and do not depend on threads or on how many resamples run in parallel.
 *
 * @param resamples  number of bootstrap resamples; 0 or in {@code [100, 100000]}
 * @param confidence interval level in {@code (0, 1)}, e.g. 0.95
 * @param seed       seed of the resampling streams
 */
public record Bootstrap(int resamples, double confidence, long seed) implements Serializable {

    /** Validates. */
    public Bootstrap {
        final String problem = check(resamples, confidence);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** @return why the settings are not admissible, or null */
    public static String check(long resamples, double confidence) {
        if (resamples != 0 && (resamples < 100 || resamples > 100_000)) {
            return "bootstrap = " + resamples + ": use 0 (no intervals) or 100 to 100000 resamples "
                    + "(percentile intervals need at least 100)";
        }
        if (!(confidence > 0 && confidence < 1)) {
            return "confidence = " + confidence + " must be in (0, 1)";
        }
        return null;
    }

    /**
     * Percentile interval of bootstrap replicates (NaN replicates, from a degenerate resample, are
     * left out; with fewer than half the replicates finite the interval is undefined). Quantiles
     * interpolate linearly between order statistics (Hyndman & Fan 1996, definition 7).
     *
     * @param replicates replicate values (reordered in place)
     * @return {@code {lo, hi}}, NaN when undefined
     */
    public double[] interval(double[] replicates) {
        int m = 0;
        for (double v : replicates) {
            if (!Double.isNaN(v)) {
                replicates[m++] = v;
            }
        }
        if (m == 0 || 2 * m < replicates.length) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Arrays.sort(replicates, 0, m);
        final double tail = (1 - confidence) / 2;
        return new double[] {quantile(replicates, m, tail), quantile(replicates, m, 1 - tail)};
    }

    /** Type-7 quantile of the first {@code m} sorted values. */
    static double quantile(double[] sorted, int m, double q) {
        final double h = (m - 1) * q;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(lo + 1, m - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
