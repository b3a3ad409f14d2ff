package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Problems the integrator cannot solve end with the right {@link Outcome}, quickly and without
 * throwing, and leave a finite state at the last accepted time. A declaration error (more event
 * functions than {@link AdaptiveIntegrator#MAX_EVENTS}) is refused with an exception before any step.
 */
class FailureOutcomeTest {

    private static final double[] NO_PARAMS = {};
    private static final double[] ATOL = {1e-9};
    private static final Duration QUICK = Duration.ofSeconds(2);

    private static AdaptiveIntegrator solver(OdeMethod method, IntegratorSettings settings, OdeFunction f, double y0) {
        final AdaptiveIntegrator integrator = method.create(1, settings);
        integrator.begin(f, NO_PARAMS, 0.0, new double[] {y0}, 1, ATOL);
        return integrator;
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void finiteTimeBlowUpUnderflowsTheStep(OdeMethod method) {
        // y' = y^2, y(0) = 1 has the solution 1 / (1 - t), which blows up at t = 1 (reference: the
        // closed form). Steps shrink like (1 - t) until they fall below minStep = 1e-12.
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-8), (t, y, p, d) -> d[0] = y[0] * y[0], 1.0);
        final Outcome outcome = assertTimeoutPreemptively(QUICK,
                () -> integrator.advanceTo(2.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(Outcome.STEP_UNDERFLOW, outcome);
        assertTrue(outcome.isFailure());
        final double t = integrator.time();
        final double y = integrator.state()[0];
        // The numerical solution blows up at 1 up to the accumulated relative error of the solution
        // (~1e-9 at rtol 1e-8), not necessarily before 1.
        assertEquals(1.0, t, 1e-6, "stopped at " + t);
        assertTrue(Double.isFinite(y) && y > 1e6, "y = " + y);
        // stopped by the step-size floor long before the evaluation cap
        assertTrue(integrator.evaluations() < 20_000, "evaluations " + integrator.evaluations());
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void nanRightHandSideIsNonFinite(OdeMethod method) {
        // y' = -y for t < 1, NaN from t = 1 on (a model that cannot be evaluated there).
        final OdeFunction f = (t, y, p, d) -> d[0] = t < 1.0 ? -y[0] : Double.NaN;
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-8), f, 1.0);
        final Outcome outcome = assertTimeoutPreemptively(QUICK,
                () -> integrator.advanceTo(5.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(Outcome.NON_FINITE, outcome);
        assertTrue(integrator.time() < 1.0, "time " + integrator.time());
        // the last accepted state is intact: e^{-t}
        assertEquals(Math.exp(-integrator.time()), integrator.state()[0], 1e-7);
        // reported at once, not after shrinking the step to the floor
        assertTrue(integrator.rejectedSteps() <= 1, "rejected " + integrator.rejectedSteps());
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void nanInitialStateIsNonFinite(OdeMethod method) {
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-8), (t, y, p, d) -> d[0] = -y[0], Double.NaN);
        assertEquals(Outcome.NON_FINITE, integrator.advanceTo(1.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(0.0, integrator.time(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void stiffProblemHitsTheEvaluationCap(OdeMethod method) {
        // y' = -1e6 (y - cos t) (Hairer & Wanner, Solving ODEs II, §IV.1, eq. 1.1 with 50 -> 1e6):
        // an explicit method is held to h < 3.3 / 1e6 by stability, i.e. ~3e6 steps over [0, 10].
        final long cap = 30_000;
        final OdeFunction stiff = (t, y, p, d) -> d[0] = -1e6 * (y[0] - Math.cos(t));
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-6).withMaxEvaluations(cap), stiff, 1.0);
        final Outcome outcome = assertTimeoutPreemptively(QUICK,
                () -> integrator.advanceTo(10.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(Outcome.MAX_EVALUATIONS, outcome);
        assertTrue(outcome.isFailure());
        assertTrue(integrator.evaluations() <= cap, "evaluations " + integrator.evaluations());
        assertTrue(integrator.evaluations() > cap - 7, "stopped early: " + integrator.evaluations());
        final double t = integrator.time();
        assertTrue(t > 0 && t < 10.0, "time " + t);
        // stable, if slow: the state follows the slow manifold y ~ cos t (within 1e-6 + tolerance)
        assertEquals(Math.cos(t), integrator.state()[0], 1e-5);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void defaultCapStopsAStiffProblemQuickly(OdeMethod method) {
        final OdeFunction stiff = (t, y, p, d) -> d[0] = -1e6 * (y[0] - Math.cos(t));
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-6), stiff, 1.0);
        final Outcome outcome = assertTimeoutPreemptively(QUICK,
                () -> integrator.advanceTo(10.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(Outcome.MAX_EVALUATIONS, outcome);
        assertTrue(integrator.evaluations() <= IntegratorSettings.DEFAULT_MAX_EVALUATIONS);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void zeroLengthAdvanceIsFreeAndInvalidEndTimesAreRefused(OdeMethod method) {
        final AdaptiveIntegrator integrator = solver(method, IntegratorSettings.of(1e-8), (t, y, p, d) -> d[0] = -y[0], 1.0);
        assertEquals(Outcome.OK, integrator.advanceTo(0.0, StepObserver.NONE, EventFunctions.NONE));
        assertEquals(0, integrator.evaluations());
        assertEquals(Outcome.OK, integrator.advanceTo(1.0, StepObserver.NONE, EventFunctions.NONE));
        assertTrue(integrator.advanceTo(0.5, StepObserver.NONE, EventFunctions.NONE).isFailure());
        assertTrue(integrator.advanceTo(Double.NaN, StepObserver.NONE, EventFunctions.NONE).isFailure());
        assertEquals(1.0, integrator.time(), 0.0);
        assertEquals(Math.exp(-1.0), integrator.state()[0], 1e-7);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void moreEventFunctionsThanTheWorkArraysHoldIsRefusedBeforeAnyStep(OdeMethod method) {
        final AdaptiveIntegrator integrator = method.create(1, IntegratorSettings.of(1e-6));
        integrator.begin((t, y, p, yDot) -> yDot[0] = -y[0], NO_PARAMS, 0.0, new double[] {1.0}, 1, ATOL);
        final EventFunctions tooMany = new EventFunctions() {
            @Override public int eventCount() { return AdaptiveIntegrator.MAX_EVENTS + 1; }
            @Override public double g(int index, double t, double[] y, double[] p) { return y[0] - 0.5; }
            @Override public int direction(int index) { return -1; }
            @Override public EventAction apply(int index, double t, double[] y, double[] p) { return EventAction.STOP; }
        };
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> integrator.advanceTo(1.0, StepObserver.NONE, tooMany));
        assertTrue(e.getMessage().contains("at most " + AdaptiveIntegrator.MAX_EVENTS), e.getMessage());
        assertEquals(0.0, integrator.time(), 0.0);
        assertEquals(0, integrator.evaluations());
    }
}
