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

    /** @return the time derivative of {@link #at} at {@code t} (see {@link DenseStep#derivative}), NaN if unknown */
    default double slope(DenseStep step, double t) {
        return Double.NaN;
    }
}
