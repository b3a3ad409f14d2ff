package org.vtrial.engine.ode;

/**
 * An adaptive explicit Runge–Kutta integrator with dense output and event location, allocation-free
 * after construction: what a patient solve needs from a method.
 *
 * <p>Use: one instance per thread. {@link #begin} sets the problem and initial state (and resets the
 * counters and the evaluation budget); {@link #advanceTo} integrates up to a time, calling the
 * observer on every accepted step (the step is seen as a {@link DenseStep}) and locating events on the
 * dense output; between two calls the caller may change the state through {@link #state()} and then
 * call {@link #stateChanged()} (doses, switches of a piecewise right-hand side). The last step of an
 * {@link #advanceTo} call evaluates its stages at times strictly below the end time, so a right-hand
 * side that switches at that end time, right-continuously, is evaluated on one piece per step. Nothing
 * throws for numerical reasons: {@link #advanceTo} returns an {@link Outcome}.
 *
 * <p>Implementations: {@link Tsitouras54} (order 5, quartic dense output; the default),
 * {@link DormandPrince54} (order 5, quartic dense output) and {@link DormandPrince853} (order 8,
 * degree-7 dense output); {@link OdeMethod} names them.
 */
public interface AdaptiveIntegrator {

    /** Largest number of event functions one problem may declare. */
    int MAX_EVENTS = 16;

    /** @return the method this integrator implements */
    OdeMethod method();

    /** @return the step-size control settings */
    IntegratorSettings settings();

    /** @return the largest dimension this instance can integrate */
    int capacity();

    /**
     * Starts a new problem: copies the initial state, resets counters, the evaluation budget and the
     * step size (the first step is chosen as Hipparchus does).
     *
     * @param f         right-hand side
     * @param p         parameters passed to {@code f} (kept by reference, not copied)
     * @param t0        initial time
     * @param y0        initial state (copied)
     * @param dimension number of states, at most {@link #capacity()}
     * @param atol      per-component absolute tolerance (kept by reference), length &gt;= dimension
     */
    void begin(OdeFunction f, double[] p, double t0, double[] y0, int dimension, double[] atol);

    /** @return current time */
    double time();

    /**
     * The live state at {@link #time()}. A caller that changes it must call {@link #stateChanged()}
     * before the next {@link #advanceTo}.
     *
     * @return the state array (length {@link #capacity()}; the first {@code dimension} entries count)
     */
    double[] state();

    /**
     * Declares that the state (or the right-hand side itself, at a switch time) changed: the
     * first-same-as-last derivative is recomputed at the next step. The step size is kept.
     */
    void stateChanged();

    /**
     * Integrates from {@link #time()} to {@code tEnd}.
     *
     * @param tEnd     end time (&gt;= current time; equal returns {@link Outcome#OK} at once)
     * @param observer called on every accepted step ({@link StepObserver#NONE} for none)
     * @param events   event functions ({@link EventFunctions#NONE} for none), at most {@link #MAX_EVENTS}
     * @return how the integration ended; the state is at {@link #time()}
     * @throws IllegalArgumentException if {@code events} declares more than {@link #MAX_EVENTS}
     *         functions (a model's declaration error, found before any step)
     */
    Outcome advanceTo(double tEnd, StepObserver observer, EventFunctions events);

    /** @return right-hand-side evaluations since {@link #begin} (dense-output stages included) */
    long evaluations();

    /** @return accepted steps since {@link #begin} (a step truncated by an event counts once) */
    long acceptedSteps();

    /** @return rejected steps since {@link #begin} */
    long rejectedSteps();

    /** @return events located and applied since {@link #begin} */
    long eventsTriggered();

    /** @return the step size the controller proposes next */
    double proposedStep();
}
