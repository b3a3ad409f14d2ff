package org.vtrial.engine.ode;

/** What the integrator does after an event has been located and applied. */
public enum EventAction {
    /** Carry on; the state was not changed. */
    CONTINUE,
    /** The event changed the state in place: restart the method from it (derivatives recomputed). */
    RESET_STATE,
    /** End the integration at the event time with {@link Outcome#STOPPED}. */
    STOP
}
