package org.vtrial.engine.stats;

import org.hipparchus.special.Erf;

/**
 * The two-sample log-rank test (Mantel 1966; Peto &amp; Peto 1972) of the event times of an arm
 * against a reference, all causes pooled as events, with the Peto one-step hazard-ratio estimate.
 *
 * <p>At each distinct event time with {@code d} events among {@code n} at risk ({@code n1} in the
 * arm): expected arm events {@code E = sum d·n1/n}, hypergeometric variance
 * {@code V = sum d·(n1/n)(1 - n1/n)(n - d)/(n - 1)}; {@code chi² = (O - E)² / V} on 1 degree of
 * freedom, {@code p = erfc(sqrt(chi²/2))}. Hazard ratio of the arm relative to the reference:
 * {@code HR = exp((O - E)/V)} with interval {@code exp((O - E)/V ± z/sqrt(V))} (Peto et al., Br J
 * Cancer 1977;35:1-39; accurate for hazard ratios near 1, biased towards 1 for large effects).
 */
public final class LogRank {

    /**
     * @param observed          events in the arm
     * @param expected          expected events in the arm under equal hazards
     * @param observedReference events in the reference
     * @param expectedReference expected events in the reference
     * @param variance          variance of {@code observed - expected}
     * @param chiSquare         log-rank statistic (NaN without events)
     * @param pValue            two-sided p-value (NaN without events)
     * @param hazardRatio       Peto hazard ratio of the arm relative to the reference, with interval
     */
    public record Result(long observed, double expected, long observedReference, double expectedReference,
                         double variance, double chiSquare, double pValue, Estimate hazardRatio) {
    }

    private LogRank() {
    }

    /** @return the test of {@code arm} against {@code reference} */
    public static Result test(LifeTable arm, LifeTable reference, double level) {
        final double z = Confidence.z(level);
        int i = 0;
        int j = 0;
        long observed = 0;
        long observedRef = 0;
        double expected = 0;
        double variance = 0;
        while (i < arm.size() || j < reference.size()) {
            final double ta = i < arm.size() ? arm.time(i) : Double.POSITIVE_INFINITY;
            final double tb = j < reference.size() ? reference.time(j) : Double.POSITIVE_INFINITY;
            final double t = Math.min(ta, tb);
            // at risk at t: everyone whose time is >= t, i.e. the at-risk count of the next row
            final long n1 = i < arm.size() ? arm.atRisk(i) : 0;
            final long n2 = j < reference.size() ? reference.atRisk(j) : 0;
            final long d1 = ta == t ? arm.events(i) : 0;
            final long d2 = tb == t ? reference.events(j) : 0;
            final long d = d1 + d2;
            if (d > 0) {
                final double n = n1 + n2;
                final double share = n1 / n;
                observed += d1;
                observedRef += d2;
                expected += d * share;
                if (n > 1) {
                    variance += d * share * (1 - share) * (n - d) / (n - 1);
                }
            }
            if (ta == t) {
                i++;
            }
            if (tb == t) {
                j++;
            }
        }
        final long total = observed + observedRef;
        final double expectedRef = total - expected;
        if (!(variance > 0)) {
            return new Result(observed, expected, observedRef, expectedRef, variance, Double.NaN, Double.NaN,
                    Estimate.UNDEFINED);
        }
        final double oe = observed - expected;
        final double chi2 = oe * oe / variance;
        final double p = Erf.erfc(Math.sqrt(chi2 / 2));
        final double logHr = oe / variance;
        final double half = z / Math.sqrt(variance);
        return new Result(observed, expected, observedRef, expectedRef, variance, chi2, p,
                new Estimate(Math.exp(logHr), Math.exp(logHr - half), Math.exp(logHr + half)));
    }
}
