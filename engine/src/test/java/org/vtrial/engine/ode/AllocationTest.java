package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vtrial.engine.bench.Cohorts;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.builtin.PredatorPreyModel;
import org.vtrial.engine.model.builtin.TumorControlModel;

/**
 * After warm-up, solving a cohort allocates (almost) nothing: at most 64 bytes per patient in total,
 * counted by the JVM's per-thread allocation counter ({@code com.sun.management.ThreadMXBean}), with
 * a step observer (dense output) and located events with state resets active.
 */
class AllocationTest {

    private static final int PATIENTS = 10_000;
    private static final long BYTES_PER_PATIENT = 64;

    /** Endpoints of one patient: peak and area under the curve of component 1, from the dense output. */
    private static final class Endpoints implements StepObserver {
        final double[] mid = new double[2];
        double peak;
        double auc;

        void reset(double c0) {
            peak = c0;
            auc = 0;
        }

        @Override
        public void onStep(DenseStep step) {
            final double t0 = step.start();
            final double t1 = step.end();
            step.interpolate(0.5 * (t0 + t1), mid);
            final double c1 = step.endState()[1];
            // Simpson's rule on the step
            auc += (t1 - t0) / 6.0 * (step.startState()[1] + 4.0 * mid[1] + c1);
            peak = Math.max(peak, Math.max(c1, step.interpolate(0.25 * t0 + 0.75 * t1, 1)));
        }
    }

    /** Extinction of component 0 at one cell (set to 0, restart), and component 1 rising through a level. */
    private static final class Extinction implements EventFunctions {
        double level;
        int fired;

        @Override
        public int eventCount() {
            return 2;
        }

        @Override
        public double g(int index, double t, double[] y, double[] p) {
            return index == 0 ? y[0] - 1.0 : y[1] - level;
        }

        @Override
        public int direction(int index) {
            return index == 0 ? -1 : +1;
        }

        @Override
        public EventAction apply(int index, double t, double[] y, double[] p) {
            fired++;
            if (index == 0) {
                y[0] = 0.0;
                return EventAction.RESET_STATE;
            }
            return EventAction.CONTINUE;
        }
    }

    /** Solves the whole cohort; returns a checksum so that nothing is optimised away. */
    private static double solveCohort(Model model, double[][] cohort, AdaptiveIntegrator integrator, double[] y0,
                                      double[] atol, Endpoints endpoints, Extinction events) {
        double checksum = 0;
        for (double[] p : cohort) {
            model.initialState(p, y0);
            model.absoluteTolerance(p, integrator.settings().relativeTolerance(), y0, atol);
            endpoints.reset(y0[1]);
            events.level = 3.0 * y0[1];
            integrator.begin(model, p, 0.0, y0, 2, atol);
            final Outcome outcome = integrator.advanceTo(Cohorts.HORIZON, endpoints, events);
            checksum += outcome.ordinal() + endpoints.peak + endpoints.auc + integrator.state()[0];
        }
        return checksum;
    }

    private static void assertAllocationFree(OdeMethod method, Model model, double[][] cohort) {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        final AdaptiveIntegrator integrator = method.create(2, IntegratorSettings.of(1e-6));
        final double[] y0 = new double[2];
        final double[] atol = new double[2];
        final Endpoints endpoints = new Endpoints();
        final Extinction events = new Extinction();
        // warm-up: class loading, interpreter and JIT compilation of the whole path
        double warm = 0;
        for (int i = 0; i < 2; i++) {
            warm += solveCohort(model, cohort, integrator, y0, atol, endpoints, events);
        }
        events.fired = 0;
        threads.getCurrentThreadAllocatedBytes();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final double checksum = solveCohort(model, cohort, integrator, y0, atol, endpoints, events);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(warm / 2, checksum, 1e-9 * Math.abs(checksum), "runs must be deterministic");
        assertTrue(events.fired > cohort.length / 10, "events were not exercised: " + events.fired);
        assertTrue(allocated <= BYTES_PER_PATIENT * cohort.length,
                method + ", " + model.name() + ": " + allocated + " bytes for " + cohort.length + " patients");
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void tumorControlCohortAllocatesNothing(OdeMethod method) {
        assertAllocationFree(method, new TumorControlModel(), Cohorts.tumorControl(PATIENTS));
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void predatorPreyCohortAllocatesNothing(OdeMethod method) {
        assertAllocationFree(method, new PredatorPreyModel(), Cohorts.predatorPrey(PATIENTS));
    }
}
