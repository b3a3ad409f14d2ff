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

    /**
     * An upper bound of one component's interpolant over the whole step, valid for every value
     * {@link #interpolate} returns in {@code [start(), end()]} (round-off included) and for
     * {@link #startState()} and {@link #endState()}: an observer that only looks for values above a
     * running maximum can skip a step whose bound is below it without sampling. This default knows
     * no bound.
     *
     * @param component state index
     * @return a bound, or {@code +Infinity} when none is known
     */
    default double upperBound(int component) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The time derivative of one component's interpolant (not of the model's right-hand side).
     * This default does not know it.
     *
     * @param t         time in {@code [start(), end()]}
     * @param component state index
     * @return the derivative, or NaN when unknown
     */
    default double derivative(double t, int component) {
        return Double.NaN;
    }
}
