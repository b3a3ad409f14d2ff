package org.vtrial.engine.endpoint;

import org.vtrial.engine.ode.DenseStep;

/**
 * A scalar function of the state that an endpoint follows (e.g. {@code E + M + X}), read either from
 * a full state vector or from a step's dense output. Implementations allocate nothing.
 */
interface Signal {

    /** @return the value at the state {@code y} */
    double of(double[] y);

    /** @return the value at time {@code t} inside {@code step}, from its interpolant */
    double at(DenseStep step, double t);

    /**
     * @return an upper bound of {@link #at} and {@link #of} over the step (see
     *         {@link DenseStep#upperBound}), {@code +Infinity} when none is known
     */
    default double upperBound(DenseStep step) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Writes the Bernstein coefficients of {@link #at} over the step (see {@link DenseStep#bernstein}),
     * for a signal linear in the state.
     *
     * @param out     receives the {@code step.degree() + 1} coefficients
     * @return false when unknown ({@code out} then holds nothing of use)
     */
    default boolean bernstein(DenseStep step, double[] out) {
        return false;
    }
}
