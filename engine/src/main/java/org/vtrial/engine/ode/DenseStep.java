package org.vtrial.engine.ode;

/**
 * An accepted step seen through the method's continuous extension (dense output).
 *
 * <p>Valid only during the {@link StepObserver#onStep} call that receives it: the integrator
 * reuses one instance for every step. Interpolation is accurate to the method's interpolation
 * order anywhere in {@code [start(), end()]}; the interpolant is a polynomial of degree
 * {@link #degree()} in time (4 for the 5(4) pairs, Tsitouras' and Dormand–Prince's, 7 for 8(5,3)).
 */
public interface DenseStep {

    /** Largest {@link #degree()} of any method here: arrays for {@link #bernstein} need one more entry. */
    int MAX_DEGREE = 7;

    /** @return the degree of the interpolant in time, at most {@link #MAX_DEGREE} */
    default int degree() {
        return 4;
    }

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
     * An upper bound of the interpolant of the sum of components {@code first .. first + count - 1}
     * over the whole step, valid for every sum of values {@link #interpolate} returns in
     * {@code [start(), end()]} (round-off included) and for {@link #startState()} and
     * {@link #endState()}: an observer that only looks for values above a running maximum can skip a
     * step whose bound is below it without sampling. This default knows no bound.
     *
     * @param first first state index
     * @param count number of consecutive components summed (1 for one component)
     * @return a bound, or {@code +Infinity} when none is known
     */
    default double upperBound(int first, int count) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The Bernstein–Bézier form of the interpolant of the sum of components
     * {@code first .. first + count - 1} over the step: with {@code d = degree()} and
     * {@code s = (t - start()) / (end() - start())},
     * {@code y(t) = Σ out[i] C(d, i) s^i (1 - s)^(d-i)}, {@code i = 0..d}. Then {@code out[0]} and
     * {@code out[d]} are the values at the ends, the interpolant lies between the smallest and the
     * largest coefficient (convex hull), is monotone when they are, and its integral over the step is
     * {@code (end() - start())} times their mean. All up to round-off. This default has no such form.
     *
     * @param first first state index
     * @param count number of consecutive components summed (1 for one component)
     * @param out   receives the {@code degree() + 1} coefficients (length at least {@code MAX_DEGREE + 1})
     * @return false when the interpolant has no such form here ({@code out} is then untouched)
     */
    default boolean bernstein(int first, int count, double[] out) {
        return false;
    }
}
