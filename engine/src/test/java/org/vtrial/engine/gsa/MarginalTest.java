package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Inverse CDFs against closed forms and tabulated normal quantiles. */
class MarginalTest {

    /** Standard normal quantiles (Abramowitz & Stegun 26.2; any normal table): z(0.975), Phi(1). */
    private static final double Z975 = 1.959963984540054;
    private static final double PHI1 = 0.8413447460685429;

    @Test
    void uniformAndLogUniformQuantilesAreTheirClosedForms() {
        final Marginal u = Marginal.uniform(-2, 6);
        assertEquals(-2, u.quantile(0));
        assertEquals(2, u.quantile(0.5));
        assertEquals(6, u.quantile(1));
        final Marginal l = Marginal.logUniform(1e-3, 1e5);
        // the median of a log-uniform is the geometric mean of its bounds: 10
        assertEquals(10, l.quantile(0.5), 1e-12);
        assertEquals(1, l.quantile(0.375), 1e-13);
        // exp(log(1e-3)) rounds to 1e-3 + 1 ulp
        assertEquals(1e-3, l.quantile(0), 1e-18);
        assertEquals(1e5, l.quantile(1), "clamped to the bound");
    }

    @Test
    void normalAndLognormalQuantilesMatchTheTables() {
        // Hipparchus' inverse error function is accurate to ~1e-15 relative; 1e-12 leaves margin
        final Marginal n = Marginal.normal(10, 2);
        assertEquals(10, n.quantile(0.5), 1e-12);
        assertEquals(10 + 2 * Z975, n.quantile(0.975), 1e-12);
        assertEquals(10 - 2 * Z975, n.quantile(0.025), 1e-12);
        final Marginal ln = Marginal.lognormal(Math.log(3), 0.4);
        assertEquals(3, ln.quantile(0.5), 1e-12);
        assertEquals(3 * Math.exp(0.4), ln.quantile(PHI1), 1e-12);
    }

    @Test
    void refusesDegenerateParameters() {
        assertThrows(IllegalArgumentException.class, () -> Marginal.uniform(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.normal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Marginal.lognormal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Marginal.uniform(Double.NEGATIVE_INFINITY, 0));
    }
}
