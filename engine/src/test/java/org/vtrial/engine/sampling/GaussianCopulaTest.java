package org.vtrial.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian copula: Cholesky factor against the closed form, rank correlations recovered
 * against {@code (6/pi) asin(r/2)} (the Spearman correlation of a bivariate normal with correlation
 * r; Kruskal 1958), uniform marginals preserved (chi-square), other coordinates untouched.
 *
 * <p>False-alarm budget: Spearman checks allow 5/sqrt(n) (the standard error of Spearman's
 * coefficient is below 1/sqrt(n)), chi-square checks the 1 - 1e-4 quantile; fixed seeds.
 */
class GaussianCopulaTest {

    private static final double[][] R = {
        {1, 0.6, -0.4},
        {0.6, 1, 0.2},
        {-0.4, 0.2, 1},
    };

    @Test
    void choleskyFactorReproducesTheMatrix() {
        final GaussianCopula c = GaussianCopula.of(new int[] {0, 1, 2}, R);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += c.factor(i, k) * c.factor(j, k);
                }
                assertEquals(R[i][j], s, 1e-15, "(L L^T)[" + i + "][" + j + "]");
            }
        }
        // 2x2 closed form: L = [[1, 0], [r, sqrt(1 - r^2)]].
        final GaussianCopula two = GaussianCopula.of(new int[] {3, 1}, new double[][] {{1, 0.3}, {0.3, 1}});
        assertEquals(1.0, two.factor(0, 0), 0.0);
        assertEquals(0.3, two.factor(1, 0), 0.0);
        assertEquals(Math.sqrt(1 - 0.09), two.factor(1, 1), 1e-16);
        assertThrows(IllegalArgumentException.class,
                () -> GaussianCopula.of(new int[] {0, 1, 2}, new double[][] {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}}));
    }

    @Test
    void rankCorrelationsAreRecoveredWhateverTheMarginals() {
        final int n = 100_000;
        final int[] members = {1, 2, 4};
        final GaussianCopula c = GaussianCopula.of(members, R);
        final Marginal[] marginals = {
            Marginal.normal(0, 1), Marginal.lognormalMedianCv(1e10, 1.5), Marginal.uniform(0, 1),
            Marginal.normal(5, 2), Marginal.logUniform(1e-7, 1e-5).truncated(2e-7, 8e-6)};
        final double[][] x = new double[5][n];
        final double[] u = new double[5];
        final double[] scratch = new double[3];
        final PhiloxStream s = new PhiloxStream();
        final long[] uniformCounts = new long[50];
        for (int i = 0; i < n; i++) {
            s.reset(77, 1, 0, i, 0, 0);
            for (int j = 0; j < 5; j++) {
                u[j] = s.nextOpenUniform();
            }
            final double passThrough0 = u[0];
            final double passThrough3 = u[3];
            c.apply(u, scratch);
            assertEquals(passThrough0, u[0], 0.0);
            assertEquals(passThrough3, u[3], 0.0);
            uniformCounts[(int) (u[2] * 50)]++;
            for (int j = 0; j < 5; j++) {
                x[j][i] = marginals[j].inverse(u[j]);
            }
        }
        final SpearmansCorrelation spearman = new SpearmansCorrelation();
        final double tolerance = 5 / Math.sqrt(n);
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                final double expected = 6 / Math.PI * Math.asin(R[a][b] / 2);
                final double got = spearman.correlation(x[members[a]], x[members[b]]);
                assertEquals(expected, got, tolerance, "Spearman of members " + a + ", " + b);
            }
        }
        // Non-members stay independent of members.
        assertEquals(0.0, spearman.correlation(x[0], x[1]), tolerance);
        assertEquals(0.0, spearman.correlation(x[3], x[4]), tolerance);
        // The transformed coordinate is still uniform.
        double chi2 = 0;
        final double expected = n / 50.0;
        for (long k : uniformCounts) {
            chi2 += (k - expected) * (k - expected) / expected;
        }
        assertTrue(chi2 < new ChiSquaredDistribution(49).inverseCumulativeProbability(1 - 1e-4), "chi-square " + chi2);
    }
}
