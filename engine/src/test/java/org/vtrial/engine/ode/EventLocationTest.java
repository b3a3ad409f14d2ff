package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event location on problems whose crossing times are known in closed form. The reference for all
 * of them: {@code y' = -y, y(ts) = y_s} crosses the level {@code L} at {@code ts + ln(y_s / L)}.
 *
 * <p>Tolerances: the crossing is located to the event time tolerance (1e-9 days by default) on the
 * dense output; the dense output's own error translates into a time error {@code |dy| / |y'|}, so the
 * problems are solved at rtol 1e-11 (dense error ~1e-11, time error ~2e-11 at {@code |y'| = 0.5}),
 * which keeps the total well inside 1e-9.
 */
class EventLocationTest {

    private static final double LN2 = Math.log(2.0);
    private static final IntegratorSettings TIGHT = IntegratorSettings.of(1e-11);
    private static final double[] ATOL = {1e-14, 1e-14};
    private static final double[] NO_PARAMS = {};

    /** {@code y0' = -y0} (a decaying population), {@code y1' = 1} (time since the last reset). */
    private static final OdeFunction DECAY_AND_CLOCK = (t, y, p, yDot) -> {
        yDot[0] = -y[0];
        yDot[1] = 1.0;
    };

    /** Level crossings of component 0, with a fixed direction and action; records event times. */
    private static final class LevelEvents implements EventFunctions {
        final double[] levels;
        final int direction;
        final EventAction action;
        final List<Double> times = new ArrayList<>();
        final List<Integer> which = new ArrayList<>();

        LevelEvents(int direction, EventAction action, double... levels) {
            this.levels = levels;
            this.direction = direction;
            this.action = action;
        }

        @Override
        public int eventCount() {
            return levels.length;
        }

        @Override
        public double g(int index, double t, double[] y, double[] p) {
            return y[0] - levels[index];
        }

        @Override
        public int direction(int index) {
            return direction;
        }

        @Override
        public EventAction apply(int index, double t, double[] y, double[] p) {
            times.add(t);
            which.add(index);
            if (action == EventAction.RESET_STATE) {
                y[0] = 1.0; // refill the population
                y[1] = 0.0; // restart the clock
            }
            return action;
        }
    }

    private static AdaptiveIntegrator start(OdeMethod method, IntegratorSettings settings) {
        final AdaptiveIntegrator integrator = method.create(2, settings);
        integrator.begin(DECAY_AND_CLOCK, NO_PARAMS, 0.0, new double[] {1.0, 0.0}, 2, ATOL);
        return integrator;
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void stopsAtFallingCrossing(OdeMethod method) {
        // y = e^{-t} falls through 0.5 at ln 2.
        final AdaptiveIntegrator integrator = start(method, TIGHT);
        final LevelEvents events = new LevelEvents(-1, EventAction.STOP, 0.5);
        final double[] lastStepEnd = {Double.NaN};
        final Outcome outcome = integrator.advanceTo(5.0, step -> lastStepEnd[0] = step.end(), events);
        assertEquals(Outcome.STOPPED, outcome);
        assertEquals(1, integrator.eventsTriggered());
        assertEquals(LN2, integrator.time(), 1e-9);
        assertEquals(LN2, events.times.get(0), 1e-9);
        // the step handed to the observer was truncated at the event
        assertEquals(integrator.time(), lastStepEnd[0], 0.0);
        // the state at the event is on the far side of the level (needed for extinction at a level)
        assertTrue(integrator.state()[0] <= 0.5, "state not past the level: " + integrator.state()[0]);
        assertEquals(0.5, integrator.state()[0], 1e-9);
        // the clock component is consistent with the event time
        assertEquals(integrator.time(), integrator.state()[1], 1e-12);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void resetStateRestartsFromTheChangedState(OdeMethod method) {
        // Each reset sets y0 = 1, y1 = 0: the next crossing is ln 2 later, exactly, whatever the
        // location error of the previous one. With tEnd = 10 there are floor(10 / ln 2) = 14 crossings.
        final AdaptiveIntegrator integrator = start(method, TIGHT);
        final LevelEvents events = new LevelEvents(-1, EventAction.RESET_STATE, 0.5);
        assertEquals(Outcome.OK, integrator.advanceTo(10.0, StepObserver.NONE, events));
        assertEquals(14, events.times.size());
        assertEquals(14, integrator.eventsTriggered());
        double previous = 0.0;
        for (double t : events.times) {
            assertEquals(LN2, t - previous, 1e-9, "interval between resets");
            previous = t;
        }
        // The accumulated location errors are at most 14 x 1e-9.
        assertEquals(14 * LN2, previous, 14e-9);
        // After the last reset the solution restarted from (1, 0): the derivative was refreshed. A stale
        // first-same-as-last derivative would put y0 off by O(1) here.
        final double since = 10.0 - previous;
        assertEquals(since, integrator.state()[1], 1e-9);
        assertEquals(Math.exp(-since), integrator.state()[0], 1e-9);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void directionSelectsCrossings(OdeMethod method) {
        // A falling-only event on a rising quantity, and the reverse, never trigger; either direction does.
        final LevelEvents rising = new LevelEvents(+1, EventAction.STOP, 0.5);
        assertEquals(Outcome.OK, start(method, TIGHT).advanceTo(5.0, StepObserver.NONE, rising));
        assertTrue(rising.times.isEmpty());

        final LevelEvents either = new LevelEvents(0, EventAction.STOP, 0.5);
        final AdaptiveIntegrator integrator = start(method, TIGHT);
        assertEquals(Outcome.STOPPED, integrator.advanceTo(5.0, StepObserver.NONE, either));
        assertEquals(LN2, integrator.time(), 1e-9);

        // y' = +y from 1 rises through 2 at ln 2
        final OdeFunction growth = (t, y, p, yDot) -> yDot[0] = y[0];
        final AdaptiveIntegrator up = method.create(1, TIGHT);
        up.begin(growth, NO_PARAMS, 0.0, new double[] {1.0}, 1, ATOL);
        final LevelEvents risingOnGrowth = new LevelEvents(+1, EventAction.STOP, 2.0);
        assertEquals(Outcome.STOPPED, up.advanceTo(5.0, StepObserver.NONE, risingOnGrowth));
        assertEquals(LN2, up.time(), 1e-9);
        assertTrue(up.state()[0] >= 2.0, "state not past the level: " + up.state()[0]);
        final LevelEvents fallingOnGrowth = new LevelEvents(-1, EventAction.STOP, 2.0);
        up.begin(growth, NO_PARAMS, 0.0, new double[] {1.0}, 1, ATOL);
        assertEquals(Outcome.OK, up.advanceTo(5.0, StepObserver.NONE, fallingOnGrowth));
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void continueKeepsIntegratingAndEventsComeInTimeOrder(OdeMethod method) {
        // Loose tolerance: long steps, so that several crossings fall inside one step. Levels 0.5, 0.6,
        // 0.25 are crossed at ln 2, ln(1/0.6), ln 4: the earliest must be applied first.
        final IntegratorSettings loose = IntegratorSettings.of(1e-4);
        final AdaptiveIntegrator integrator = method.create(2, loose);
        integrator.begin(DECAY_AND_CLOCK, NO_PARAMS, 0.0, new double[] {1.0, 0.0}, 2, new double[] {1e-8, 1e-8});
        final LevelEvents events = new LevelEvents(-1, EventAction.CONTINUE, 0.5, 0.6, 0.25);
        assertEquals(Outcome.OK, integrator.advanceTo(3.0, StepObserver.NONE, events));
        assertEquals(List.of(1, 0, 2), events.which);
        // the event time is exact up to the 1e-9 tolerance plus the dense error / |y'| at rtol 1e-4
        assertEquals(Math.log(1 / 0.6), events.times.get(0), 1e-3);
        assertEquals(LN2, events.times.get(1), 1e-3);
        assertEquals(Math.log(4), events.times.get(2), 1e-3);
        assertEquals(3.0, integrator.time(), 0.0);
        // CONTINUE left the state alone: e^{-3} at the integrator's tolerance. Without events the same
        // solve ends 1.6 rtol off with DP54 and 0.14 rtol with DP853 (measured); with the events
        // 0.06 and 0.56 rtol. A state the events disturbed would be off by O(1).
        assertEquals(Math.exp(-3.0), integrator.state()[0], 2e-4 * Math.exp(-3.0));
        assertEquals(3.0, integrator.state()[1], 1e-9);
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void locatesToTheRequestedEventTimeTolerance(OdeMethod method) {
        // A coarse event tolerance gives a coarse (but bracketing) time; the default one gives 1e-9.
        for (double tol : new double[] {1e-2, 1e-5, 1e-9, 1e-12}) {
            final AdaptiveIntegrator integrator = start(method, TIGHT.withEventTimeTolerance(tol));
            final LevelEvents events = new LevelEvents(-1, EventAction.STOP, 0.5);
            assertEquals(Outcome.STOPPED, integrator.advanceTo(5.0, StepObserver.NONE, events));
            // far side of the crossing, at most tol away (plus the 1e-11-scale solution error)
            assertTrue(integrator.time() >= LN2 - 1e-10, "before the crossing: " + (integrator.time() - LN2));
            assertTrue(integrator.time() - LN2 <= tol + 1e-10, "tol " + tol + ": " + (integrator.time() - LN2));
        }
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void stopThenResumeFromTheEvent(OdeMethod method) {
        // After STOP the caller may change the state (a dose) and resume: the solution restarts there.
        final AdaptiveIntegrator integrator = start(method, TIGHT);
        final LevelEvents events = new LevelEvents(-1, EventAction.STOP, 0.5);
        assertEquals(Outcome.STOPPED, integrator.advanceTo(5.0, StepObserver.NONE, events));
        final double tEvent = integrator.time();
        integrator.state()[0] = 4.0;
        integrator.stateChanged();
        assertEquals(Outcome.OK, integrator.advanceTo(5.0, StepObserver.NONE, EventFunctions.NONE));
        assertArrayEquals(new double[] {4.0 * Math.exp(-(5.0 - tEvent)), 5.0},
                new double[] {integrator.state()[0], integrator.state()[1]}, 1e-9);
    }
}
