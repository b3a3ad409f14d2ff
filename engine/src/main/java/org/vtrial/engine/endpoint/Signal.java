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
}
