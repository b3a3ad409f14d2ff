package org.vtrial.engine.ode;

/** Receives each accepted step, for endpoints and fixed-time output. Must not allocate. */
@FunctionalInterface
public interface StepObserver {

    /** Observer that does nothing; the integrator then skips building the dense output. */
    StepObserver NONE = step -> { };

    /**
     * Called once per accepted (possibly event-truncated) step, in time order.
     *
     * @param step the step; valid only during this call
     */
    void onStep(DenseStep step);
}
