package org.vtrial.engine.ode;

/** How an integration ended. The integrator reports these instead of throwing in its hot loop. */
public enum Outcome {
    /** Reached the requested end time. */
    OK,
    /** An event function asked to stop before the end time; the state is the one at the event. */
    STOPPED,
    /** The hard cap on right-hand-side evaluations was reached (typically a stiff problem). */
    MAX_EVALUATIONS,
    /** The step size fell below the minimum step (typically a finite-time blow-up). */
    STEP_UNDERFLOW,
    /** The right-hand side produced NaN (or the state became NaN). */
    NON_FINITE;

    /** @return true for the outcomes that end a solve without reaching its end time abnormally */
    public boolean isFailure() {
        return this == MAX_EVALUATIONS || this == STEP_UNDERFLOW || this == NON_FINITE;
    }
}
