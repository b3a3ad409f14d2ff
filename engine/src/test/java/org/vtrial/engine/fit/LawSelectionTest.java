package org.vtrial.engine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.GrowthLaw;

class LawSelectionTest {

    /**
     * AIC (exponential, logistic, gompertz) = (10, 4, 7): logistic selected; deltas (6, 0, 3); Akaike
     * weights exp(-delta/2)/sum = (e^-3, 1, e^-1.5) / (1 + e^-1.5 + e^-3), computed by hand below.
     */
    @Test
    void selectsMinimumAicWithWeights() {
        final LawSelection s = LawSelection.byAic(new double[] {10, 4, 7});
        assertEquals(GrowthLaw.LOGISTIC, s.selected());
        assertEquals(GrowthLaw.GOMPERTZ, s.runnerUp());
        assertEquals(3.0, s.runnerUpDelta());
        assertFalse(s.closeCall());
        final double sum = 1 + Math.exp(-1.5) + Math.exp(-3);
        assertEquals(Math.exp(-3) / sum, s.weights()[0], 1e-15);
        assertEquals(1 / sum, s.weights()[1], 1e-15);
        assertEquals(Math.exp(-1.5) / sum, s.weights()[2], 1e-15);
        assertEquals(6.0, s.deltaAic()[0]);
    }

    @Test
    void exactTieGoesToFewerParametersThenLawOrder() {
        assertEquals(GrowthLaw.EXPONENTIAL, LawSelection.byAic(new double[] {5, 5, 5}).selected());
        final LawSelection s = LawSelection.byAic(new double[] {9, 5, 5});
        assertEquals(GrowthLaw.LOGISTIC, s.selected());
        assertEquals(GrowthLaw.GOMPERTZ, s.runnerUp());
        assertTrue(s.closeCall(), "equal AIC with equal parameter counts is a close call");
    }

    /**
     * Close calls: logistic vs Gompertz (same parameter count) within 2 is one; a runner-up with one
     * more parameter must be within 1 (its extra parameter must buy more than one AIC unit of fit).
     */
    @Test
    void closeCallThresholdDependsOnExtraParameters() {
        assertTrue(LawSelection.byAic(new double[] {20, 3.0, 4.9}).closeCall());
        assertFalse(LawSelection.byAic(new double[] {20, 3.0, 5.1}).closeCall());
        // exponential selected, logistic trails by 1.99 (nested, extra parameter bought ~0): not close
        assertFalse(LawSelection.byAic(new double[] {3.0, 4.99, 30}).closeCall());
        // logistic improved the deviance by 1.5: trails by 0.5, a close call
        assertTrue(LawSelection.byAic(new double[] {3.0, 3.5, 30}).closeCall());
        // a smaller runner-up within 2 of a larger selected law is a close call
        assertTrue(LawSelection.byAic(new double[] {4.5, 3.0, 30}).closeCall());
    }

    @Test
    void failedFitsAreLeftOut() {
        final LawSelection s = LawSelection.byAic(new double[] {Double.NaN, 8, Double.NaN});
        assertEquals(GrowthLaw.LOGISTIC, s.selected());
        assertNull(s.runnerUp());
        assertEquals(1.0, s.weights()[1]);
        assertTrue(Double.isNaN(s.weights()[0]));
        assertNull(LawSelection.byAic(new double[] {Double.NaN, Double.NaN, Double.NaN}).selected());
    }
}
