package org.vtrial.engine.stats;

/**
 * Comparisons of two independent proportions {@code p1 = x1/n1} (the arm) and {@code p2 = x2/n2}
 * (the reference).
 */
public final class RiskComparison {

    private RiskComparison() {
    }

    /**
     * Risk difference {@code p1 - p2} with Newcombe's hybrid score interval (method 10 of Newcombe,
     * Stat Med 1998;17:873-890): with Wilson limits {@code (l1, u1)} and {@code (l2, u2)},
     * {@code lo = d - sqrt((p1-l1)² + (u2-p2)²)}, {@code hi = d + sqrt((u1-p1)² + (p2-l2)²)}.
     *
     * @return {@link Estimate#UNDEFINED} when either group is empty
     */
    public static Estimate difference(long x1, long n1, long x2, long n2, double level) {
        Proportion.check(x1, n1);
        Proportion.check(x2, n2);
        if (n1 == 0 || n2 == 0) {
            return Estimate.UNDEFINED;
        }
        final Estimate a = Proportion.wilson(x1, n1, level);
        final Estimate b = Proportion.wilson(x2, n2, level);
        final double d = a.value() - b.value();
        final double lo = d - Math.hypot(a.value() - a.lo(), b.hi() - b.value());
        final double hi = d + Math.hypot(a.hi() - a.value(), b.value() - b.lo());
        return new Estimate(d, Math.max(-1, lo), Math.min(1, hi));
    }

    /**
     * Risk ratio {@code p1 / p2} with the Katz log interval (Katz et al., Biometrics
     * 1978;34:469-474): {@code exp(log RR ± z·sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))}.
     *
     * @return the ratio (NaN when {@code x2 = 0} or a group is empty); the interval is NaN when
     *         either count is 0, where the log interval does not exist
     */
    public static Estimate ratio(long x1, long n1, long x2, long n2, double level) {
        Proportion.check(x1, n1);
        Proportion.check(x2, n2);
        if (n1 == 0 || n2 == 0 || x2 == 0) {
            return Estimate.UNDEFINED;
        }
        final double rr = ((double) x1 / n1) / ((double) x2 / n2);
        if (x1 == 0) {
            return new Estimate(rr, Double.NaN, Double.NaN);
        }
        final double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        final double w = Confidence.z(level) * se;
        return new Estimate(rr, rr * Math.exp(-w), rr * Math.exp(w));
    }
}
