package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.sim.SolveStatus;

/** Sobol' indices: formulas by hand, recovery of exact indices, intervals, reproducibility, failed points. */
class SobolEstimatorTest {

    private static final double[] STANDARD_G = {0, 1, 4.5, 9, 99, 99, 99, 99};

    @Test
    void estimatorsMatchAHandComputationOnATinyDesign() {
        // N = 2, k = 1: f(A) = (1, 3), f(B) = (2, 6), f(AB_1) = (2, 5). Centred by the mean of A and B
        // (3): A = (-2, 0), B = (-1, 3), AB = (-1, 2); V = (4 + 0 + 1 + 9) / 4 = 3.5;
        // S1 = [(-1)(1) + (3)(2)] / 2 / 3.5 = 2.5 / 3.5; ST = [(1)^2 + (2)^2] / 4 / 3.5 = 1.25 / 3.5
        final DesignOutputs out = new DesignOutputs(SaltelliDesign.of(2, 1), 1);
        out.put(0, SaltelliDesign.A, SolveStatus.OK, new double[] {1});
        out.put(1, SaltelliDesign.A, SolveStatus.OK, new double[] {3});
        out.put(0, SaltelliDesign.B, SolveStatus.OK, new double[] {2});
        out.put(1, SaltelliDesign.B, SolveStatus.OK, new double[] {6});
        out.put(0, SaltelliDesign.ab(0), SolveStatus.OK, new double[] {2});
        out.put(1, SaltelliDesign.ab(0), SolveStatus.OK, new double[] {5});
        final OutputAnalysis a = SobolEstimator.analyse(out, 0, "y", List.of("x"), new Bootstrap(0, 0.95, 1));
        assertEquals(2.5 / 3.5, a.get("x", "S1").value(), 1e-15);
        assertEquals(1.25 / 3.5, a.get("x", "ST").value(), 1e-15);
        assertTrue(Double.isNaN(a.get("x", "S1").lo()), "no bootstrap, no interval");
        assertEquals(2, a.used());
    }

    @Test
    void recoversTheExactIshigamiIndicesAtN8192() {
        // N = 2^13: measured largest error 0.0021 of 6 indices, well inside the required 0.02
        final Ishigami f = new Ishigami(7, 0.1);
        assertRecovers(f, Plans.sobol(f, 1 << 13, 200, 1), 0.02);
    }

    @Test
    void recoversTheExactGFunctionIndicesAtN8192() {
        final GFunction g = new GFunction(STANDARD_G);
        assertRecovers(g, Plans.sobol(g, 1 << 13, 200, 1), 0.02);
    }

    private static void assertRecovers(AnalyticModel f, GsaPlan plan, double tolerance) {
        final OutputAnalysis a = plan.analyse(plan.evaluateInProcess()).outputs().get(0);
        final double[][] exact = f.exactIndices();
        for (int j = 0; j < f.inputs().size(); j++) {
            final String p = f.inputs().get(j);
            final IndexEstimate s1 = a.get(p, "S1");
            final IndexEstimate st = a.get(p, "ST");
            assertEquals(exact[0][j], s1.value(), tolerance, "S1 of " + p);
            assertEquals(exact[1][j], st.value(), tolerance, "ST of " + p);
            assertTrue(s1.lo() <= s1.value() && s1.value() <= s1.hi(), "S1 interval of " + p + " " + s1);
            assertTrue(st.lo() <= st.value() && st.value() <= st.hi(), "ST interval of " + p + " " + st);
        }
    }

    @Test
    void intervalsShrinkAsNGrows() {
        // the bootstrap width scales like 1/sqrt(N): at 4N it should be about half; require < 0.75
        final Ishigami f = new Ishigami(7, 0.1);
        final OutputAnalysis small = analyse(Plans.sobol(f, 1 << 11, 500, 7));
        final OutputAnalysis large = analyse(Plans.sobol(f, 1 << 13, 500, 7));
        for (IndexEstimate s : small.estimates()) {
            final IndexEstimate l = large.get(s.parameter(), s.index());
            final double ws = s.hi() - s.lo();
            final double wl = l.hi() - l.lo();
            assertTrue(wl < 0.75 * ws, s.index() + " of " + s.parameter() + ": width " + wl + " at 4N vs " + ws);
        }
    }

    private static OutputAnalysis analyse(GsaPlan plan) {
        return plan.analyse(plan.evaluateInProcess()).outputs().get(0);
    }

    @Test
    void sameSeedGivesBitIdenticalIndicesAndIntervals() {
        final GFunction g = new GFunction(STANDARD_G);
        final SensitivityReport a = Plans.sobol(g, 1 << 10, 300, 42).analyse(Plans.sobol(g, 1 << 10, 300, 42)
                .evaluateInProcess());
        final SensitivityReport b = Plans.sobol(g, 1 << 10, 300, 42).analyse(Plans.sobol(g, 1 << 10, 300, 42)
                .evaluateInProcess());
        // record equality compares doubles by their bits (Double.compare)
        assertEquals(a, b);
        // another seed: the same point estimates (the Sobol design is deterministic), other intervals
        final SensitivityReport c = Plans.sobol(g, 1 << 10, 300, 43).analyse(Plans.sobol(g, 1 << 10, 300, 43)
                .evaluateInProcess());
        for (IndexEstimate e : a.outputs().get(0).estimates()) {
            final IndexEstimate o = c.outputs().get(0).get(e.parameter(), e.index());
            assertEquals(e.value(), o.value());
            assertNotEquals(e.lo(), o.lo());
        }
    }

    @Test
    void theOrderInWhichOutputsAreSuppliedChangesNothing() {
        final Ishigami f = new Ishigami(7, 0.1);
        final GsaPlan plan = Plans.sobol(f, 1 << 10, 300, 5);
        final SensitivityReport inOrder = plan.analyse(plan.evaluateInProcess());
        final Design d = plan.design();
        final List<Long> rows = new ArrayList<>();
        for (long r = 0; r < d.rows(); r++) {
            rows.add(r);
        }
        Collections.shuffle(rows, new Random(99));
        final GsaPlan.Kernel kernel = plan.newKernel();
        final DesignOutputs shuffled = new DesignOutputs(d, 1);
        for (long r : rows) {
            final int base = d.baseOf(r);
            final int block = d.blockOf(r);
            shuffled.put(base, block, kernel.compute(base, block), kernel.outputs());
        }
        assertEquals(inOrder, plan.analyse(shuffled));
    }

    @Test
    void aFailedPointDropsItsBaseForEveryOutputAndANanValueOnlyForItsOutput() {
        // two outputs: y (Ishigami) and z = y; failures are injected by key
        final Ishigami f = new Ishigami(7, 0.1);
        final GsaPlan plan = Plans.sobol(f, 256, 200, 3);
        final Design d = plan.design();
        final GsaPlan.Kernel kernel = plan.newKernel();
        final DesignOutputs clean = new DesignOutputs(d, 2);
        final DesignOutputs injected = new DesignOutputs(d, 2);
        final DesignOutputs garbage = new DesignOutputs(d, 2);
        for (int base = 0; base < d.bases(); base++) {
            for (int block = 0; block < d.blocks(); block++) {
                kernel.compute(base, block);
                final double y = kernel.outputs()[0];
                clean.put(base, block, SolveStatus.OK, new double[] {y, y});
                if (base % 10 == 3 && block == SaltelliDesign.ab(1)) {
                    // a failed point: both outputs lose the base, whatever values it carries
                    injected.put(base, block, SolveStatus.MAX_EVALUATIONS, new double[] {Double.NaN, Double.NaN});
                    garbage.put(base, block, SolveStatus.MAX_EVALUATIONS, new double[] {1e300, -1e300});
                } else if (base % 10 == 7 && block == SaltelliDesign.B) {
                    // solved, but z undefined: only z loses the base
                    injected.put(base, block, SolveStatus.OK, new double[] {y, Double.NaN});
                    garbage.put(base, block, SolveStatus.OK, new double[] {y, Double.NaN});
                } else {
                    injected.put(base, block, SolveStatus.OK, new double[] {y, y});
                    garbage.put(base, block, SolveStatus.OK, new double[] {y, y});
                }
            }
        }
        final List<String> names = f.inputs();
        final Bootstrap bs = plan.bootstrap();
        final OutputAnalysis y = SobolEstimator.analyse(injected, 0, "y", names, bs);
        final OutputAnalysis z = SobolEstimator.analyse(injected, 1, "z", names, bs);
        // bases 3, 13, ..., 253 fail (26 of them); bases 7, 17, ..., 247 lose z only (25)
        assertEquals(26, y.dropped());
        assertEquals(256 - 26, y.used());
        assertEquals(26 + 25, z.dropped());
        // the dropped bases contribute nothing: their values do not matter
        assertEquals(y.estimates(), SobolEstimator.analyse(garbage, 0, "y", names, bs).estimates());
        assertEquals(z.estimates(), SobolEstimator.analyse(garbage, 1, "z", names, bs).estimates());
        // and they did contribute before
        assertNotEquals(SobolEstimator.analyse(clean, 0, "y", names, bs).estimates(), y.estimates());
        final long[] counts = injected.statusCounts();
        assertEquals(26, counts[SolveStatus.MAX_EVALUATIONS.ordinal()]);
    }

    @Test
    void keysAreCheckedWhenSupplied() {
        final DesignOutputs out = new DesignOutputs(SaltelliDesign.of(4, 2), 1);
        out.put(1, 2, SolveStatus.OK, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> out.put(1, 2, SolveStatus.OK, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> out.put(4, 0, SolveStatus.OK, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> out.put(0, 4, SolveStatus.OK, new double[] {1}));
        assertEquals(1, out.supplied());
        assertTrue(!out.complete());
    }

    @Test
    void aConstantOutputHasUndefinedIndices() {
        // V = 0: indices are 0/0, reported as NaN, not as a number
        final DesignOutputs out = new DesignOutputs(SaltelliDesign.of(4, 1), 1);
        for (int base = 0; base < 4; base++) {
            for (int block = 0; block < 3; block++) {
                out.put(base, block, SolveStatus.OK, new double[] {2.5});
            }
        }
        final OutputAnalysis a = SobolEstimator.analyse(out, 0, "y", List.of("x"), new Bootstrap(100, 0.95, 1));
        assertTrue(Double.isNaN(a.get("x", "S1").value()));
        assertTrue(Double.isNaN(a.get("x", "ST").hi()));
    }
}
