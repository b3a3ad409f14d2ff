package org.vtrial.engine.stats;

/**
 * The Kaplan–Meier estimate of the event-free probability {@code S(t)}, all causes of a
 * {@link LifeTable} pooled as events. It steps at every event time:
 * {@code S(t) = prod_{t_i <= t} (1 - d_i / n_i)}; a time with censorings only leaves it unchanged.
 *
 * <p>Standard error by Greenwood's formula, {@code se(S) = S·sqrt(sum d_i / (n_i (n_i - d_i)))}.
 * Pointwise band on the log-log scale (Kalbfleisch &amp; Prentice 2002, §1.4; R survival's
 * {@code conf.type = "log-log"}): with {@code w = z·sqrt(sum d/(n(n-d))) / |ln S|},
 * {@code lo = S^exp(w)}, {@code hi = S^exp(-w)}; it stays inside (0, 1). Where {@code S = 1} (no event
 * yet) the band is {@code [1, 1]}; where {@code S = 0} the standard error and band are undefined (NaN).
 *
 * <p>The median and its interval follow Brookmeyer &amp; Crowley (Biometrics 1982;38:29-41) on the same
 * log-log band: the median is the first time {@code S <= 1/2}; the interval holds the times whose band
 * contains 1/2, from the first time the lower band is {@code <= 1/2} to the first time the upper band
 * is {@code <= 1/2}. If a curve
 * sits exactly at 1/2 (within {@code 1.5e-8}, R's tolerance) over an interval, the midpoint of that
 * flat and the next time the curve drops is taken, or of the flat and the last time of the table if
 * it never drops (the convention of R survival's {@code quantile.survfit}). A limit that is never
 * reached is NaN (not reached within follow-up).
 */
public final class KaplanMeier {

    /** R's sqrt(.Machine$double.eps): curve values this close to 1/2 count as exactly 1/2. */
    private static final double TOLERANCE = 1.4901161193847656e-8;

    private final LifeTable table;
    private final double[] survival;
    private final double[] stdErr;
    private final double[] lower;
    private final double[] upper;

    private KaplanMeier(LifeTable table, double level) {
        this.table = table;
        final int m = table.size();
        survival = new double[m];
        stdErr = new double[m];
        lower = new double[m];
        upper = new double[m];
        final double z = Confidence.z(level);
        double s = 1;
        double greenwood = 0;
        for (int i = 0; i < m; i++) {
            final long n = table.atRisk(i);
            final long d = table.events(i);
            if (d > 0) {
                s *= 1 - (double) d / n;
                greenwood = d == n ? Double.POSITIVE_INFINITY : greenwood + (double) d / ((double) n * (n - d));
            }
            survival[i] = s;
            if (s == 1) {
                stdErr[i] = 0;
                lower[i] = 1;
                upper[i] = 1;
            } else if (s == 0) {
                stdErr[i] = Double.NaN;
                lower[i] = Double.NaN;
                upper[i] = Double.NaN;
            } else {
                final double root = Math.sqrt(greenwood);
                stdErr[i] = s * root;
                final double logS = Math.log(s);
                final double w = z * root / -logS;
                lower[i] = Math.exp(logS * Math.exp(w));
                upper[i] = Math.exp(logS * Math.exp(-w));
            }
        }
    }

    /**
     * @param table the data
     * @param level confidence level of the band and the median interval (e.g. 0.95)
     */
    public static KaplanMeier of(LifeTable table, double level) {
        return new KaplanMeier(table, level);
    }

    public LifeTable table() {
        return table;
    }

    /** @return number of distinct times (rows of the curve) */
    public int size() {
        return survival.length;
    }

    public double time(int i) {
        return table.time(i);
    }

    /** @return {@code S(time(i))}, after the events at {@code time(i)} */
    public double survival(int i) {
        return survival[i];
    }

    /** @return Greenwood standard error of {@code survival(i)} */
    public double stdErr(int i) {
        return stdErr[i];
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    /**
     * @return {@code S(t)} with its band: the right-continuous step function, 1 before the first
     *         time; NaN after the last time of the table unless the curve reached 0
     */
    public Estimate at(double t) {
        final int i = table.indexAtOrBefore(t);
        if (i < 0) {
            return new Estimate(1, 1, 1);
        }
        if (t > table.lastTime() && survival[i] > 0) {
            return Estimate.UNDEFINED;
        }
        return new Estimate(survival[i], lower[i], upper[i]);
    }

    /** @return the median event-free time with its Brookmeyer–Crowley interval (NaN where not reached) */
    public Estimate median() {
        return new Estimate(firstAtOrBelowHalf(survival), firstAtOrBelowHalf(lower), firstAtOrBelowHalf(upper));
    }

    private double firstAtOrBelowHalf(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i]) || y[i] > 0.5 + TOLERANCE) {
                continue;
            }
            if (y[i] < 0.5 - TOLERANCE) {
                return table.time(i);
            }
            for (int j = i + 1; j < y.length; j++) {
                if (!Double.isNaN(y[j]) && y[j] < 0.5 - TOLERANCE) {
                    return (table.time(i) + table.time(j)) / 2;
                }
            }
            return (table.time(i) + table.lastTime()) / 2;
        }
        return Double.NaN;
    }
}
