package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.SolveStatus;

/**
 * A trial's {@code rtol} reaches every patient's solve: the quickstart's first 40 patients (both arms)
 * solved by {@link TrialKernel} at rtol 1e-4, 1e-6 and 1e-8 against the same kernel at rtol 1e-11 as
 * reference. Work grows as the tolerance tightens (steps per patient), and the peak endpoints
 * converge to the reference in proportion to the tolerance: a Dormand–Prince solve whose local errors
 * are held below {@code rtol} has global errors of a small multiple of it (tolerance proportionality;
 * measured on 400 quickstart patients: worst {@code cmax} 0.3–1.2 rtol, worst {@code il6_peak}
 * 1.5–3.2 rtol for rtol 1e-6 to 1e-4, docs/PERFORMANCE.md). The bound, 10 rtol, is three times the
 * worst measured; a kernel that ignored the trial's tolerance would give 1e-6-level errors at every
 * rtol and fail it at 1e-8, and equal steps at every rtol.
 */
class TrialKernelToleranceTest {

    private static final int PATIENTS = 40;

    @Test
    void theTrialsToleranceSetsTheWorkAndTheAccuracy() throws Exception {
        final TrialSpec trial = TrialLoader.load(ProjectFiles.root().resolve("conf/quickstart.json"));
        assertEquals(1e-6, trial.relativeTolerance(), 0.0, "the quickstart sets no rtol: the default");
        final double[][] reference = rows(trial.withRelativeTolerance(1e-11));
        final List<ColumnSpec> columns = TrialKernel.of(trial).columns();
        final int steps = index(columns, "steps");
        final int cmax = index(columns, "cmax");
        final int il6 = index(columns, "il6_peak");
        final int status = index(columns, "status");
        double previousSteps = Double.POSITIVE_INFINITY;
        for (double rtol : new double[] {1e-8, 1e-6, 1e-4}) {
            final double[][] rows = rows(trial.withRelativeTolerance(rtol));
            double meanSteps = 0;
            for (int k = 0; k < PATIENTS; k++) {
                assertEquals(SolveStatus.OK.ordinal(), (int) rows[k][status], "patient " + k + " at rtol " + rtol);
                meanSteps += rows[k][steps] / PATIENTS;
                assertRelative(reference[k][cmax], rows[k][cmax], 10 * rtol, "cmax of patient " + k + " at rtol " + rtol);
                assertRelative(reference[k][il6], rows[k][il6], 10 * rtol, "il6_peak of patient " + k + " at rtol " + rtol);
            }
            assertTrue(meanSteps < previousSteps, "steps per patient at rtol " + rtol + ": " + meanSteps
                    + ", not fewer than at the tighter tolerance: " + previousSteps);
            previousSteps = meanSteps;
        }
    }

    private static double[][] rows(TrialSpec trial) {
        final TrialKernel kernel = TrialKernel.of(trial);
        final double[][] out = new double[PATIENTS][kernel.columns().size()];
        for (int k = 0; k < PATIENTS; k++) {
            kernel.compute(0, k % 2, k / 2, out[k]);
        }
        return out;
    }

    /** @return the position of the column called {@code name} (the tolerance tests look columns up by name) */
    static int index(List<ColumnSpec> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                what + ": " + actual + " against " + expected + " (relative " + Math.abs(actual / expected - 1)
                        + ", allowed " + tolerance + ")");
    }
}
