package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vtrial.engine.stats.ProportionTest.assertInterval;

import org.junit.jupiter.api.Test;

class RiskComparisonTest {

    private static final double L = Confidence.LEVEL_95;

    @Test
    void riskDifferenceIntervalsEqualNewcombesPublishedHybridScoreValues() {
        // Newcombe, Stat Med 1998;17:873-890, Table II, method 10 (hybrid score), 4 decimals.
        assertInterval(0.0524, 0.3339, RiskComparison.difference(56, 70, 48, 80, L));
        assertInterval(0.1705, 0.8090, RiskComparison.difference(9, 10, 3, 10, L));
        assertInterval(0.0582, 0.8062, RiskComparison.difference(6, 7, 2, 7, L));
        assertInterval(-0.0381, 0.1926, RiskComparison.difference(5, 56, 0, 29, L));
        assertInterval(-0.1611, 0.2775, RiskComparison.difference(0, 10, 0, 20, L));
        assertInterval(0.6791, 1.0000, RiskComparison.difference(10, 10, 0, 20, L));
        assertEquals(0.2, RiskComparison.difference(56, 70, 48, 80, L).value(), 1e-15);
    }

    @Test
    void riskRatioUsesTheKatzLogInterval() {
        // Hand computation of Katz et al. (Biometrics 1978;34:469-474) for 20/100 vs 10/100:
        // RR = 2, se(log RR) = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13) = 0.36055512754639896,
        // limits 2·exp(∓1.959963984540054·0.36055512754639896) = 0.98656..., 4.05448...
        final double w = 1.959963984540054 * Math.sqrt(0.13);
        final Estimate rr = RiskComparison.ratio(20, 100, 10, 100, L);
        assertEquals(2.0, rr.value(), 1e-15);
        assertEquals(2 * Math.exp(-w), rr.lo(), 1e-14);
        assertEquals(2 * Math.exp(w), rr.hi(), 1e-14);
        assertEquals(0.98656, rr.lo(), 5e-6);
        assertEquals(4.05448, rr.hi(), 5e-6);
    }

    @Test
    void riskRatioWithAZeroCountHasNoLogInterval() {
        final Estimate zeroArm = RiskComparison.ratio(0, 50, 5, 50, L);
        assertEquals(0.0, zeroArm.value(), 0.0);
        assertTrue(Double.isNaN(zeroArm.lo()) && Double.isNaN(zeroArm.hi()));
        assertTrue(Double.isNaN(RiskComparison.ratio(5, 50, 0, 50, L).value()));
    }
}
