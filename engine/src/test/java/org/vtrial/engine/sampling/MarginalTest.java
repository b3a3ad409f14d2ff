package org.vtrial.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Each distribution family, drawn through the Philox uniforms and the inverse distribution
 * function, against exact values: mean and standard deviation (closed forms), quantiles (closed
 * forms with Phi^-1 from mpmath), and a chi-square goodness-of-fit test on 50 equiprobable bins of
 * an independent distribution function (Hipparchus' incomplete-gamma based normal CDF, or closed
 * forms).
 *
 * <p>False-alarm budget: each moment and quantile check allows 5 standard errors (two-sided false
 * alarm 5.7e-7), each chi-square check the 1 - 1e-4 quantile of chi-square(49); over the 9
 * distributions (9 chi-square and 45 other checks) the chance that a correct sampler fails is below
 * 1e-3. The seeds are fixed, so a run is reproducible.
 */
class MarginalTest {

    private static final int N = 200_000;
    private static final int BINS = 50;
    private static final double CHI2_CRITICAL = new ChiSquaredDistribution(BINS - 1).inverseCumulativeProbability(1 - 1e-4);
    /** Phi^-1(0.05), Phi^-1(0.95) from mpmath. */
    private static final double Z05 = -1.6448536269514722;
    private static final double[] P = {0.05, 0.5, 0.95};
    private static final double[] Z = {Z05, 0.0, -Z05};
    private static final NormalDistribution N01 = new NormalDistribution(0, 1);

    private static double[] draw(Marginal m, long seed) {
        final PhiloxStream s = new PhiloxStream();
        s.reset(seed, 99, 0, 0, 0, 0);
        final double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = m.inverse(s.nextOpenUniform());
        }
        return x;
    }

    /** Checks mean, standard deviation, three quantiles and the chi-square statistic. */
    private static void check(double[] x, double mean, double sd, double[] quantiles, DoubleUnaryOperator density,
                              DoubleUnaryOperator cdf, String what) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        final double m = sum / N;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            final double d = v - m;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= N - 1;
        m4 /= N;
        assertEquals(mean, m, 5 * sd / Math.sqrt(N), what + ": mean");
        // Standard error of the sample variance: sqrt((mu4 - sigma^4) / N); of the sd by the delta method.
        final double seSd = Math.sqrt(Math.max(m4 - m2 * m2, 0) / N) / (2 * sd);
        assertEquals(sd, Math.sqrt(m2), 5 * seSd, what + ": sd");
        final double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < P.length; k++) {
            final double q = sorted[(int) (P[k] * N)];
            // Standard error of a sample quantile: sqrt(p (1 - p) / N) / f(x_p).
            final double se = Math.sqrt(P[k] * (1 - P[k]) / N) / density.applyAsDouble(quantiles[k]);
            assertEquals(quantiles[k], q, 5 * se, what + ": quantile " + P[k]);
        }
        final long[] counts = new long[BINS];
        for (double v : x) {
            final int b = (int) Math.min(BINS - 1, Math.floor(BINS * cdf.applyAsDouble(v)));
            counts[b]++;
        }
        final double expected = (double) N / BINS;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < CHI2_CRITICAL, what + ": chi-square " + chi2 + " >= " + CHI2_CRITICAL);
    }

    @Test
    void normal() {
        final double mu = 2;
        final double sigma = 0.5;
        final NormalDistribution ref = new NormalDistribution(mu, sigma);
        check(draw(Marginal.normal(mu, sigma), 1), mu, sigma,
                new double[] {mu + sigma * Z[0], mu, mu + sigma * Z[2]}, ref::density, ref::cumulativeProbability, "normal");
    }

    @Test
    void lognormalByMedianAndCv() {
        final double median = 1.2;
        final double cv = 0.3;
        // ln X ~ N(ln median, s^2) with s^2 = ln(1 + cv^2): mean = median * sqrt(1 + cv^2), sd = cv * mean.
        final double s = Math.sqrt(Math.log(1 + cv * cv));
        final double mean = median * Math.sqrt(1 + cv * cv);
        final LogNormalDistribution ref = new LogNormalDistribution(Math.log(median), s);
        final double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = median * Math.exp(s * Z[k]);
        }
        check(draw(Marginal.lognormalMedianCv(median, cv), 2), mean, cv * mean, q, ref::density,
                ref::cumulativeProbability, "lognormal(median, cv)");
    }

    @Test
    void lognormalByLogMeanAndLogSd() {
        final double mu = -1;
        final double s = 0.8;
        final double mean = Math.exp(mu + s * s / 2);
        final double sd = mean * Math.sqrt(Math.expm1(s * s));
        final LogNormalDistribution ref = new LogNormalDistribution(mu, s);
        final double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = Math.exp(mu + s * Z[k]);
        }
        check(draw(Marginal.lognormal(mu, s), 3), mean, sd, q, ref::density, ref::cumulativeProbability,
                "lognormal(log_mean, log_sd)");
    }

    @Test
    void uniform() {
        final double a = 3;
        final double b = 7;
        check(draw(Marginal.uniform(a, b), 4), (a + b) / 2, (b - a) / Math.sqrt(12),
                new double[] {a + 0.05 * (b - a), a + 0.5 * (b - a), a + 0.95 * (b - a)},
                x -> 1 / (b - a), x -> (x - a) / (b - a), "uniform");
    }

    @Test
    void logUniform() {
        final double a = 1e7;
        final double b = 1e9;
        final double l = Math.log(b / a);
        // Density 1/(x ln(b/a)): mean (b - a)/ln(b/a), E[X^2] = (b^2 - a^2)/(2 ln(b/a)).
        final double mean = (b - a) / l;
        final double sd = Math.sqrt((b * b - a * a) / (2 * l) - mean * mean);
        check(draw(Marginal.logUniform(a, b), 5), mean, sd,
                new double[] {a * Math.pow(b / a, 0.05), a * Math.pow(b / a, 0.5), a * Math.pow(b / a, 0.95)},
                x -> 1 / (x * l), x -> Math.log(x / a) / l, "log-uniform");
    }

    @Test
    void truncatedNormal() {
        final double lo = -1;
        final double hi = 2;
        final Marginal m = Marginal.normal(0, 1).truncated(lo, hi);
        final double mass = N01.cumulativeProbability(hi) - N01.cumulativeProbability(lo);
        assertEquals(mass, m.truncationMass(), 1e-15);
        // Truncated standard normal: mean (phi(a) - phi(b)) / Z, variance 1 + (a phi(a) - b phi(b))/Z - mean^2.
        final double pa = N01.density(lo);
        final double pb = N01.density(hi);
        final double mean = (pa - pb) / mass;
        final double var = 1 + (lo * pa - hi * pb) / mass - mean * mean;
        final double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = N01.inverseCumulativeProbability(N01.cumulativeProbability(lo) + P[k] * mass);
        }
        final double[] x = draw(m, 6);
        for (double v : x) {
            assertTrue(v >= lo && v <= hi, "outside the truncation: " + v);
        }
        check(x, mean, Math.sqrt(var), q, v -> N01.density(v) / mass,
                v -> (N01.cumulativeProbability(v) - N01.cumulativeProbability(lo)) / mass, "truncated normal");
    }

    @Test
    void truncatedAboveTheMedianRunsOnTheSurvivalFunction() {
        // Window [0.5, 3] of N(0, 1): entirely above the median, so the mirrored mapping is used.
        final double lo = 0.5;
        final double hi = 3;
        final Marginal m = Marginal.normal(0, 1).truncated(lo, hi);
        final double mass = N01.cumulativeProbability(hi) - N01.cumulativeProbability(lo);
        assertEquals(mass, m.truncationMass(), 1e-15);
        final double pa = N01.density(lo);
        final double pb = N01.density(hi);
        final double mean = (pa - pb) / mass;
        final double var = 1 + (lo * pa - hi * pb) / mass - mean * mean;
        final double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = N01.inverseCumulativeProbability(N01.cumulativeProbability(lo) + P[k] * mass);
        }
        final double[] x = draw(m, 9);
        for (double v : x) {
            assertTrue(v >= lo && v <= hi, "outside the truncation: " + v);
        }
        check(x, mean, Math.sqrt(var), q, v -> N01.density(v) / mass,
                v -> (N01.cumulativeProbability(v) - N01.cumulativeProbability(lo)) / mass, "normal truncated above its median");
    }

    @Test
    void truncatedLognormalKeepsTheBoundsAndTheShape() {
        final double median = 5e10;
        final double cv = 1.5;
        final double lo = 1e9;
        final double hi = 5e11;
        final double s = Math.sqrt(Math.log(1 + cv * cv));
        final LogNormalDistribution ref = new LogNormalDistribution(Math.log(median), s);
        final double fa = ref.cumulativeProbability(lo);
        final double mass = ref.cumulativeProbability(hi) - fa;
        final Marginal m = Marginal.lognormalMedianCv(median, cv).truncated(lo, hi);
        assertEquals(mass, m.truncationMass(), 1e-14);
        final double[] x = draw(m, 7);
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (double v : x) {
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        assertTrue(lowest >= lo && highest <= hi, lowest + " .. " + highest);
        // Mean and variance of the truncated lognormal by numerical integration of x f(x), x^2 f(x) in log space.
        final int steps = 200_000;
        final double la = Math.log(lo);
        final double lb = Math.log(hi);
        double e1 = 0;
        double e2 = 0;
        for (int i = 0; i < steps; i++) {
            final double t = la + (i + 0.5) * (lb - la) / steps;
            final double xv = Math.exp(t);
            final double w = ref.density(xv) * xv * (lb - la) / steps / mass;
            e1 += xv * w;
            e2 += xv * xv * w;
        }
        final double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            q[k] = median * Math.exp(s * N01.inverseCumulativeProbability(fa + P[k] * mass));
        }
        check(x, e1, Math.sqrt(e2 - e1 * e1), q, v -> ref.density(v) / mass,
                v -> (ref.cumulativeProbability(v) - fa) / mass, "truncated lognormal");
    }

    @Test
    void truncatedUniformIsUniformOnTheIntersection() {
        final Marginal m = Marginal.uniform(0, 10).truncated(2, 3);
        assertEquals(0.1, m.truncationMass(), 1e-15);
        check(draw(m, 8), 2.5, 1 / Math.sqrt(12), new double[] {2.05, 2.5, 2.95}, x -> 1.0, x -> x - 2,
                "truncated uniform");
    }

    @Test
    void fixedAndEdgeCases() {
        assertEquals(3.5, Marginal.fixed(3.5).inverse(0.123), 0.0);
        // Inverse is monotone and finite at the clamped ends of the unit interval.
        final Marginal n = Marginal.normal(0, 1);
        assertEquals(n.inverse(PhiloxStream.U_MIN), n.inverse(0.0), 0.0);
        assertEquals(n.inverse(PhiloxStream.U_MAX), n.inverse(1.0), 0.0);
        assertTrue(Double.isFinite(n.lowest()) && n.lowest() < -8.2 && n.highest() > 8.2);
        // A truncation far in a tail keeps its (small) mass exactly: P(Z > 5) from mpmath.
        final Marginal tail = Marginal.normal(0, 1).truncated(5, Double.POSITIVE_INFINITY);
        assertEquals(2.8665157187919391167e-7, tail.truncationMass(), 1e-20);
        // Its median solves P(Z > x) = P(Z > 5)/2: x = 5.13201833204429846 (mpmath, 50 digits).
        assertEquals(5.1320183320442984583, tail.median(), 1e-12);
        assertEquals(5.0, tail.lowest(), 1e-12);
        assertEquals(0.5, tail.cdf(tail.median()), 1e-12);
        assertEquals(0.0, Marginal.uniform(0, 1).truncated(2, 3).truncationMass(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Marginal.normal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Marginal.lognormalMedianCv(-1, 0.3));
        assertThrows(IllegalArgumentException.class, () -> Marginal.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.uniform(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.normal(0, 1).truncated(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.fixed(1).truncated(0, 2));
    }
}
