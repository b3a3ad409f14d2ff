package org.vtrial.engine.ode;

/**
 * An accepted step seen through the method's continuous extension (dense output).
 *
 * <p>Valid only during the {@link StepObserver#onStep} call that receives it: the integrator
 * reuses one instance for every step. Interpolation is accurate to the method's interpolation
 * order (4 for Dormand–Prince 5(4)) anywhere in {@code [start(), end()]}.
 */
public interface DenseStep {

    /** @return time at the start of the step */
    double start();

    /** @return time at the end of the step (an event may have truncated the step) */
    double end();

    /** @return the state at the end of the step (read only, valid during the call) */
    double[] endState();

    /** @return the state at the start of the step (read only, valid during the call) */
    double[] startState();

    /**
     * Interpolates the whole state.
     *
     * @param t   time in {@code [start(), end()]}
     * @param out receives the state, length at least the dimension
     */
    void interpolate(double t, double[] out);

    /**
     * Interpolates one component (cheaper than the whole state when an observer needs a few).
     *
     * @param t         time in {@code [start(), end()]}
     * @param component state index
     * @return interpolated value
     */
    double interpolate(double t, int component);
}
