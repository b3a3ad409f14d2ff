package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Morris trajectories and elementary effects. */
class MorrisTest {

    @Test
    void eachTrajectoryMovesEveryParameterOnceByHalfTheLevels() {
        final int k = 6;
        final int p = 6;
        final MorrisDesign d = MorrisDesign.of(50, p, k, 11);
        final Design.Points points = d.points();
        final double[] before = new double[k];
        final double[] after = new double[k];
        for (int t = 0; t < d.bases(); t++) {
            final boolean[] moved = new boolean[k];
            points.point(t, 0, before);
            for (int s = 1; s <= k; s++) {
                points.point(t, s, after);
                int changed = -1;
                for (int j = 0; j < k; j++) {
                    // every coordinate is a level centre (l + 1/2) / p
                    final double level = after[j] * p - 0.5;
                    assertEquals(Math.rint(level), level, 1e-12);
                    if (after[j] != before[j]) {
                        assertEquals(-1, changed, "one parameter per step");
                        changed = j;
                    }
                }
                assertEquals(d.blockParameter(t, s), changed);
                assertTrue(!moved[changed], "each parameter moves once");
                moved[changed] = true;
                assertEquals(d.direction(t, changed) * MorrisDesign.DELTA, after[changed] - before[changed], 1e-15);
                System.arraycopy(after, 0, before, 0, k);
            }
        }
    }

    @Test
    void elementaryEffectsOfALinearFunctionAreItsSlopes() {
        // f = x1 - 2 x2 + 3 x3 on U(0,1): every effect equals the slope exactly (hand reference):
        // mu = slope, mu* = |slope|, sigma = 0 (rounding only)
        final AnalyticModel linear = new Linear(new double[] {1, -2, 3});
        final GsaPlan plan = Plans.morris(linear, 20, 4, 200, 1);
        final OutputAnalysis a = plan.analyse(plan.evaluateInProcess()).outputs().get(0);
        final double[] slope = {1, -2, 3};
        for (int j = 0; j < 3; j++) {
            final String x = "x" + (j + 1);
            assertEquals(slope[j], a.get(x, "mu").value(), 1e-12);
            assertEquals(Math.abs(slope[j]), a.get(x, "mu_star").value(), 1e-12);
            assertEquals(0, a.get(x, "sigma").value(), 1e-12);
        }
    }

    @Test
    void muStarRanksTheGFunctionParametersInTheOrderOfTheirCoefficients() {
        // the smaller a_i, the larger the effect; a 20-seed sweep (seeds 1..20) gave this order
        // every time with r = 100 trajectories
        final double[] a = {0, 0.5, 1, 2, 4.5, 9, 20, 99};
        final GsaPlan plan = Plans.morris(new GFunction(a), 100, 4, 200, 20261126);
        final SensitivityReport report = plan.analyse(plan.evaluateInProcess());
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"),
                report.ranking(report.outputs().get(0)));
    }

    @Test
    void sameSeedSameDesignAndIndicesOtherSeedOtherTrajectories() {
        final GFunction g = new GFunction(new double[] {0, 1, 9});
        final GsaPlan a = Plans.morris(g, 30, 4, 200, 8);
        final GsaPlan b = Plans.morris(g, 30, 4, 200, 8);
        assertEquals(a.analyse(a.evaluateInProcess()), b.analyse(b.evaluateInProcess()));
        final MorrisDesign d8 = MorrisDesign.of(30, 4, 3, 8);
        final MorrisDesign d9 = MorrisDesign.of(30, 4, 3, 9);
        final double[] u8 = new double[3];
        final double[] u9 = new double[3];
        int differ = 0;
        for (int t = 0; t < 30; t++) {
            d8.points().point(t, 0, u8);
            d9.points().point(t, 0, u9);
            differ += java.util.Arrays.equals(u8, u9) ? 0 : 1;
        }
        // 2^3 * 2^3 = 64 equally likely start points per trajectory: nearly all differ
        assertTrue(differ > 20, differ + " of 30 start points differ");
        assertNotEquals(d8.blockParameter(0, 1) + "" + d8.blockParameter(1, 1) + d8.blockParameter(2, 1)
                + d8.blockParameter(3, 1) + d8.blockParameter(4, 1),
                d9.blockParameter(0, 1) + "" + d9.blockParameter(1, 1) + d9.blockParameter(2, 1)
                + d9.blockParameter(3, 1) + d9.blockParameter(4, 1));
    }

    @Test
    void refusesBadSizes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MorrisDesign.of(10, 5, 3, 1)).getMessage()
                .contains("levels = 5 must be even"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MorrisDesign.of(1, 4, 3, 1)).getMessage()
                .contains("trajectories = 1"));
    }

    /** f = sum c_j x_j. */
    static final class Linear implements AnalyticModel {
        private static final long serialVersionUID = 1L;
        private final double[] c;

        Linear(double[] c) {
            this.c = c;
        }

        @Override public String name() { return "linear"; }
        @Override public List<String> inputs() { return List.of("x1", "x2", "x3"); }
        @Override public List<String> outputs() { return List.of("y"); }
        @Override public List<Marginal> referenceInputs() { return java.util.Collections.nCopies(3, Marginal.uniform(0, 1)); }
        @Override public double[][] exactIndices() { throw new UnsupportedOperationException(); }

        @Override
        public void evaluate(double[] x, double[] y) {
            y[0] = c[0] * x[0] + c[1] * x[1] + c[2] * x[2];
        }
    }
}
