package org.vtrial.engine.ode;

/**
 * Right-hand side of an ODE system {@code y' = f(t, y; p)}.
 *
 * <p>Contract: implementations write {@code yDot} in place, read {@code y} and {@code p} only, keep
 * no per-call state and allocate nothing. They never throw for numerical reasons: a value that
 * cannot be computed is reported as NaN and the integrator ends with {@link Outcome#NON_FINITE}.
 */
@FunctionalInterface
public interface OdeFunction {

    /**
     * Computes the derivatives.
     *
     * @param t    time (days)
     * @param y    state, length at least the system's dimension (read only)
     * @param p    parameter vector, in the order the model declares (read only)
     * @param yDot derivative, written in place
     */
    void derivatives(double t, double[] y, double[] p, double[] yDot);
}
