package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProportionTest {

    private static final double L = Confidence.LEVEL_95;

    @Test
    void zOfTheNinetyFivePercentLevelIsTheTabulatedNormalQuantile() {
        // 97.5th percentile of N(0,1), e.g. R qnorm(0.975) = 1.959963984540054
        assertEquals(1.959963984540054, Confidence.z(0.95), 1e-13);
        // 95th percentile: 1.6448536269514722 (R qnorm(0.95))
        assertEquals(1.6448536269514722, Confidence.z(0.90), 1e-13);
        assertThrows(IllegalArgumentException.class, () -> Confidence.z(1));
    }

    @Test
    void wilsonIntervalsEqualNewcombesPublishedValues() {
        // Newcombe, Stat Med 1998;17:857-872, Table I, method 3 (score interval without continuity
        // correction), published to 4 decimals: tolerance half a unit of the last digit.
        assertInterval(0.2553, 0.3662, Proportion.wilson(81, 263, L));
        assertInterval(0.0624, 0.1605, Proportion.wilson(15, 148, L));
        assertInterval(0.0000, 0.1611, Proportion.wilson(0, 20, L));
        assertInterval(0.0061, 0.1718, Proportion.wilson(1, 29, L));
    }

    @Test
    void wilsonLimitsAreExactlyZeroAndOneAtTheBoundariesAndSymmetric() {
        final Estimate none = Proportion.wilson(0, 20, L);
        assertEquals(0.0, none.lo(), 0.0);
        assertEquals(0.0, none.value(), 0.0);
        final Estimate all = Proportion.wilson(20, 20, L);
        assertEquals(1.0, all.hi(), 0.0);
        // Reflection x -> n - x maps the interval to (1 - hi, 1 - lo): the score test is symmetric.
        final Estimate a = Proportion.wilson(7, 31, L);
        final Estimate b = Proportion.wilson(24, 31, L);
        assertEquals(1 - a.hi(), b.lo(), 1e-15);
        assertEquals(1 - a.lo(), b.hi(), 1e-15);
        assertSame(Estimate.UNDEFINED, Proportion.wilson(0, 0, L));
        assertThrows(IllegalArgumentException.class, () -> Proportion.wilson(5, 4, L));
    }

    @Test
    void theAccumulatorCountsAndCombines() {
        final Proportion a = Proportion.create();
        final Proportion b = Proportion.create();
        for (int i = 0; i < 263; i++) {
            (i % 2 == 0 ? a : b).accept(i < 81);
        }
        a.combine(b);
        assertEquals(81, a.successes());
        assertEquals(263, a.trials());
        assertEquals(Proportion.wilson(81, 263, L), a.wilson(L));
        assertEquals(Double.NaN, Proportion.create().value());
    }

    static void assertInterval(double lo, double hi, Estimate e) {
        assertEquals(lo, e.lo(), 5e-5, () -> "lower limit of " + e);
        assertEquals(hi, e.hi(), 5e-5, () -> "upper limit of " + e);
    }
}
