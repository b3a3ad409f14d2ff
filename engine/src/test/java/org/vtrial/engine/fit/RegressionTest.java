package org.vtrial.engine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegressionTest {

    /**
     * By hand for x = (0, 1, 2, 3), y = (1, 3, 2, 5): means 1.5 and 2.75, Sxx = 5, Sxy = 5.5, Syy = 8.75;
     * slope 1.1, intercept 1.1, RSS = Syy - slope Sxy = 2.7, SE(slope) = sqrt(2.7 / 2 / 5),
     * R^2 = 1 - 2.7 / 8.75.
     */
    @Test
    void matchesHandComputation() {
        final Regression r = Regression.fit(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5});
        assertEquals(1.1, r.slope(), 1e-15);
        assertEquals(1.1, r.intercept(), 1e-15);
        assertEquals(Math.sqrt(0.27), r.slopeError(), 1e-15);
        assertEquals(1 - 2.7 / 8.75, r.rSquared(), 1e-15);
        assertEquals(1.1 / Math.sqrt(0.27), r.tStatistic(), 1e-14);
    }

    @Test
    void degenerateCases() {
        // exact line: zero standard error, infinite t of the slope's sign
        assertEquals(Double.NEGATIVE_INFINITY, Regression.fit(new double[] {0, 1, 2}, new double[] {3, 1, -1}).tStatistic());
        // constant y: slope 0, t 0, R^2 undefined
        final Regression flat = Regression.fit(new double[] {0, 1, 2}, new double[] {2, 2, 2});
        assertEquals(0.0, flat.tStatistic());
        assertTrue(Double.isNaN(flat.rSquared()));
        // constant x: the slope is undefined, and so is t
        assertTrue(Double.isNaN(Regression.fit(new double[] {1, 1, 1}, new double[] {0, 1, 2}).tStatistic()));
    }
}
