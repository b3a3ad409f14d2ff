package org.vtrial.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Phi and Phi^-1 against 40-digit values (mpmath 1.3: {@code ncdf}, {@code sqrt(2) erfinv(2p-1)})
 * and against Hipparchus' incomplete-gamma based distribution function (an independent algorithm).
 */
class StandardNormalTest {

    @Test
    void inverseAgreesWithHipparchusWhereItsErfinvIsAccurate() {
        // Hipparchus evaluates erfinv(2p - 1): accurate wherever 2p - 1 keeps p's digits (p >= 1e-3).
        final NormalDistribution n = new NormalDistribution(0, 1);
        for (double p = 0.001; p < 0.9995; p += 0.0005) {
            assertEquals(n.inverseCumulativeProbability(p), StandardNormal.inverse(p), 1e-14, "p = " + p);
        }
    }

    /** x, Phi(x) to 20 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] CDF = {
        {-37, 5.7255712225245768227e-300},
        {-30, 4.9067139271481870595e-198},
        {-20, 2.7536241186062336951e-89},
        {-10, 7.619853024160526066e-24},
        {-8, 6.2209605742717841235e-16},
        {-6, 9.865876450376981407e-10},
        {-5.656854, 7.7086401511181073521e-9},
        {-5, 2.8665157187919391167e-7},
        {-3, 0.0013498980316300945267},
        {-2, 0.0227501319481792072},
        {-1, 0.15865525393145705141},
        {-0.6744897, 0.25000001595113909814},
        {-0.5, 0.30853753872598689636},
        {-1e-9, 0.4999999996010577196},
        {0, 0.5},
        {0.3, 0.61791142218895263307},
        {0.6744, 0.74997147862705938531},
        {0.7, 0.75803634777692697138},
        {1, 0.84134474606854294859},
        {2, 0.9772498680518207928},
        {3, 0.99865010196836990547},
        {5, 0.99999971334842812081},
        {8, 0.9999999999999993779},
    };

    /** p, Phi^-1(p) (mpmath: root of log(ncdf(x)) = log(p), 60 digits). */
    private static final double[][] QUANTILES = {
        {1e-300, -37.047096299361199237},
        {1e-100, -21.273453560965324295},
        {1e-15, -7.9413453261709967713},
        {1e-10, -6.3613409024040561991},
        {0.001, -3.0902323061678135354},
        {0.025, -1.9599639845400542118},
        {0.1, -1.2815515655446004353},
        {0.5, 0.0},
        {0.8, 0.8416212335729143638},
        {0.975, 1.9599639845400538556},
        {0.999, 3.0902323061678132778},
    };

    @Test
    void cdfMatchesHighPrecisionValues() {
        for (double[] c : CDF) {
            final double got = StandardNormal.cdf(c[0]);
            if (c[0] <= 0) {
                // Lower tail: relative accuracy (Cody's approximation is good to a few ulps).
                assertEquals(c[1], got, 1e-14 * c[1], "Phi(" + c[0] + ")");
            } else {
                // Upper half: 1 - tail, so absolute accuracy of a few ulps of 1.
                assertEquals(c[1], got, 4e-16, "Phi(" + c[0] + ")");
            }
            // Survival by symmetry: 1 - Phi(-x) = Phi(x), with the lower tail's relative accuracy.
            assertEquals(c[1], StandardNormal.survival(-c[0]), 1e-14 * c[1], "1 - Phi(" + -c[0] + ")");
            if (c[0] > 0) {
                assertEquals(c[1], 1 - StandardNormal.survival(c[0]), 4e-16);
            }
        }
        assertEquals(0.0, StandardNormal.cdf(-40), 0.0);
        assertEquals(1.0, StandardNormal.cdf(40), 0.0);
        assertTrue(Double.isNaN(StandardNormal.cdf(Double.NaN)));
    }

    @Test
    void cdfAgreesWithHipparchusOnADenseGrid() {
        final NormalDistribution n = new NormalDistribution(0, 1);
        for (double x = -30; x <= 8; x += 0.01) {
            final double reference = n.cumulativeProbability(x);
            // Hipparchus' continued fraction runs to 1e-15: agreement to 2e-13 relative in the lower half.
            final double tolerance = x <= 0 ? 2e-13 * reference : 2e-15;
            assertEquals(reference, StandardNormal.cdf(x), tolerance, "x = " + x);
        }
    }

    @Test
    void inverseMatchesHighPrecisionValuesAndInvertsTheCdf() {
        for (double[] q : QUANTILES) {
            assertEquals(q[1], StandardNormal.inverse(q[0]), 2e-15 * Math.max(1, Math.abs(q[1])), "Phi^-1(" + q[0] + ")");
        }
        for (double x = -8; x <= 8; x += 0.125) {
            // Round trip: the error of x is the error of p divided by the density, p's error is ~1 ulp.
            final double p = StandardNormal.cdf(x);
            final double tolerance = x <= 0 ? 1e-13 : 1e-15 / StrictMath.exp(-x * x / 2) * 3;
            assertEquals(x, StandardNormal.inverse(p), Math.max(1e-13, tolerance), "x = " + x);
        }
    }
}
