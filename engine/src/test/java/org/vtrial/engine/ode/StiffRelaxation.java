package org.vtrial.engine.ode;

/**
 * A problem whose steps an explicit method's stability limit holds, with an event in that stretch:
 * {@code y0' = -2 (y0 - c(t))}, {@code c = 1 + 0.01 t}, relaxes at rate 2 towards a slowly moving level
 * (after the transient the steps are several relaxation times long, as in the cytokine tail of
 * {@code cart}); {@code y1' = -0.05 y1} falls through {@code e^-5} at {@code t = 100} exactly, a
 * {@code CONTINUE} event. Exact {@code y0 = 0.995 + 0.01 t + 1.005 e^{-2t}} from {@code y0(0) = 2}.
 * Shared by the methods' tests: where an interpolant is off in such steps, an event state taken from it
 * carries the error into the rest of the solve.
 */
final class StiffRelaxation {

    static final double RTOL = 1e-6;
    static final double[] ATOL = {1e-9, 1e-9};
    static final double[] Y0 = {2.0, 1.0};
    static final double LEVEL = Math.exp(-5);
    static final double EVENT_TIME = 100.0;
    static final double END = 200.0;

    static final OdeFunction FUNCTION = (t, y, p, d) -> {
        d[0] = -2 * (y[0] - (1 + 0.01 * t));
        d[1] = -0.05 * y[1];
    };

    private StiffRelaxation() {
    }

    /** @return the exact {@code y0(t)} */
    static double exact(double t) {
        return 0.995 + 0.01 * t + 1.005 * Math.exp(-2 * t);
    }

    /** @return the error of {@code y0} at {@code t} in tolerance units */
    static double toleranceUnits(double y0, double t) {
        final double exact = exact(t);
        return Math.abs(y0 - exact) / (ATOL[0] + RTOL * exact);
    }

    /**
     * The falling crossing of {@code y1} through {@link #LEVEL}; {@code atEvent} receives the event's
     * time and the state's {@code y0} there.
     */
    static EventFunctions crossing(double[] atEvent) {
        return new EventFunctions() {
            @Override public int eventCount() { return 1; }
            @Override public double g(int index, double t, double[] y, double[] p) { return y[1] - LEVEL; }
            @Override public int direction(int index) { return -1; }
            @Override public EventAction apply(int index, double t, double[] y, double[] p) {
                atEvent[0] = t;
                atEvent[1] = y[0];
                return EventAction.CONTINUE;
            }
        };
    }

    /** A new integrator of {@code method} at the start of the problem. */
    static AdaptiveIntegrator start(OdeMethod method) {
        final AdaptiveIntegrator ode = method.create(2, IntegratorSettings.of(RTOL));
        ode.begin(FUNCTION, new double[0], 0, Y0, 2, ATOL);
        return ode;
    }
}
