package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;

/**
 * {@link ToleranceStudy}: its difference measure by hand, and the study of the quickstart's first
 * patients showing what a tolerance study must show — less work at the looser tolerance, endpoints
 * within a small multiple of the tolerance of the reference (the bound and its grounds as in
 * {@link TrialKernelToleranceTest}), tighter agreement at the tighter tolerance.
 */
class ToleranceStudyTest {

    private static final ColumnSpec CELLS = ColumnSpec.real("cmax", "cells", "peak");
    private static final ColumnSpec DAYS = ColumnSpec.real("tmax", "day", "time of the peak");
    private static final ColumnSpec GRADE = ColumnSpec.integer("crs_grade", "-", "grade");

    @Test
    void differencesAreRelativeForAmountsInDaysForTimesAndChangesForTheRest() {
        assertEquals(0.01, ToleranceStudy.difference(CELLS, 1.01e8, 1e8), 1e-15, "(1.01e8 - 1e8) / 1e8");
        assertEquals(0.5, ToleranceStudy.difference(DAYS, 10.5, 10.0), 0.0, "days: absolute");
        assertEquals(1e-3, ToleranceStudy.difference(CELLS, 1e-3, 0.0), 0.0, "reference 0: absolute");
        assertEquals(0.0, ToleranceStudy.difference(DAYS, Double.NaN, Double.NaN), 0.0, "absent in both");
        assertTrue(Double.isNaN(ToleranceStudy.difference(DAYS, 190.0, Double.NaN)), "a relapse found once only");
        assertTrue(Double.isNaN(ToleranceStudy.difference(GRADE, 2, 1)), "another grade");
        assertEquals(0.0, ToleranceStudy.difference(GRADE, 2, 2), 0.0);
    }

    @Test
    void theQuickstartConvergesWithTheTolerance() throws Exception {
        final TrialSpec trial = TrialLoader.load(ProjectFiles.root().resolve("conf/quickstart.json"));
        final ToleranceStudy.Result r = ToleranceStudy.run(trial, List.of(1e-4, 1e-6), 1e-10, 10, 1);
        assertEquals(20, r.patients());
        final int cmax = TrialKernelToleranceTest.index(r.endpoints(), "cmax");
        final int il6 = TrialKernelToleranceTest.index(r.endpoints(), "il6_peak");
        final int grade = TrialKernelToleranceTest.index(r.endpoints(), "crs_grade");
        final ToleranceStudy.Row loose = r.rows().get(0);
        final ToleranceStudy.Row tight = r.rows().get(1);
        assertTrue(loose.steps() < tight.steps(), loose.steps() + " steps at 1e-4, " + tight.steps() + " at 1e-6");
        for (ToleranceStudy.Row row : r.rows()) {
            assertEquals(0, row.unsolved());
            assertEquals(0, row.changed()[grade], "no CRS grade changes at rtol " + row.rtol());
            assertTrue(row.worst()[cmax] <= 10 * row.rtol(), "cmax at rtol " + row.rtol() + ": " + row.worst()[cmax]);
            assertTrue(row.worst()[il6] <= 10 * row.rtol(), "il6_peak at rtol " + row.rtol() + ": " + row.worst()[il6]);
        }
        assertTrue(tight.worst()[cmax] < loose.worst()[cmax] / 10, "two decades of rtol: " + tight.worst()[cmax]
                + " against " + loose.worst()[cmax]);
        assertTrue(Double.isNaN(loose.worst()[grade]), "no worst difference for a count");
        final String table = r.table();
        assertTrue(table.contains("quickstart: 20 patients") && table.contains("il6_peak"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("tsit5   1e-06") && l.contains(" 1.00 ")), table);
    }

    @Test
    void everyMethodConvergesToTheSameReference() throws Exception {
        // Each method's rows at 1e-6 and 1e-8 against the one dp853 reference at 1e-11. Bounds: cmax
        // within 10 rtol for all (measured on 400 patients: dp54 0.3 rtol, tsit5 0.24 and 0.13, dp853 2.1
        // and 0.5); il6_peak within 10 rtol for the 5(4) pairs (measured dp54 1.7 and 1.2, tsit5 1.7 and
        // 1.4) and 30 for dp853, whose peak on the degree-7 interpolant of a stiff component converges
        // with a larger constant (measured 14 and 15 rtol).
        final TrialSpec trial = TrialLoader.load(ProjectFiles.root().resolve("conf/quickstart.json"));
        final ToleranceStudy.Result r = ToleranceStudy.run(trial,
                List.of(OdeMethod.DP54, OdeMethod.TSIT5, OdeMethod.DP853), List.of(1e-6, 1e-8), 1e-11, 10, 1);
        assertEquals(6, r.rows().size());
        final int cmax = TrialKernelToleranceTest.index(r.endpoints(), "cmax");
        final int il6 = TrialKernelToleranceTest.index(r.endpoints(), "il6_peak");
        for (ToleranceStudy.Row row : r.rows()) {
            assertEquals(0, row.unsolved());
            final String where = row.method().id() + " at " + row.rtol();
            assertTrue(row.worst()[cmax] <= 10 * row.rtol(), "cmax, " + where + ": " + row.worst()[cmax]);
            final double il6Bound = (row.method() == OdeMethod.DP853 ? 30 : 10) * row.rtol();
            assertTrue(row.worst()[il6] <= il6Bound, "il6_peak, " + where + ": " + row.worst()[il6]);
        }
        assertEquals(OdeMethod.DP54, r.rows().get(0).method(), "methods outer, tolerances inner");
        assertEquals(OdeMethod.TSIT5, r.rows().get(2).method());
        assertEquals(OdeMethod.DP853, r.rows().get(4).method());
        assertTrue(r.rows().get(5).steps() < r.rows().get(1).steps() / 2,
                "at 1e-8 the order-8 method takes fewer than half the steps: " + r.rows().get(5).steps() + " vs "
                        + r.rows().get(1).steps());
        assertTrue(r.rows().get(2).steps() < r.rows().get(0).steps(),
                "Tsit5 takes fewer steps than DP54 at 1e-6: " + r.rows().get(2).steps() + " vs " + r.rows().get(0).steps());
        assertEquals(r.rows().get(2), r.baseline(), "cost relative to the trial's method (tsit5) at the default rtol");
        final BadInputException e = assertThrows(BadInputException.class,
                () -> ToleranceStudy.run(trial, List.of(), List.of(1e-6), 1e-11, 10, 1));
        assertTrue(e.getMessage().contains("--methods: give at least one method"), e.getMessage());
    }

    @Test
    void badSettingsAreNamed() throws Exception {
        final TrialSpec trial = TrialLoader.load(ProjectFiles.root().resolve("conf/quickstart.json"));
        final BadInputException e = assertThrows(BadInputException.class,
                () -> ToleranceStudy.run(trial, List.of(0.0, 1e-12), 1e-11, 0, 0));
        final String m = e.getMessage();
        assertTrue(m.contains("--rtols: relative tolerance must be in [1e-12, 1), got 0.0"), m);
        assertTrue(m.contains("--rtols: 1.0E-12 is not looser than the reference 1.0E-11"), m);
        assertTrue(m.contains("--patients: 0 is outside [1, 200]"), m);
        assertTrue(m.contains("--rounds: must be at least 1, got 0"), m);
    }
}
