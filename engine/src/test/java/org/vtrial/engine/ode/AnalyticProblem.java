package org.vtrial.engine.ode;

/**
 * A test problem with a closed-form flow map, in the spirit of Hipparchus' {@code TestProblem1..6}:
 * the right-hand side, the tolerances it is solved at, and the exact solution through any point.
 */
public abstract class AnalyticProblem implements OdeFunction {

    private final String name;
    private final double t0;
    private final double tEnd;
    private final double[] y0;
    private final double[] absTol;
    private final double relTol;

    protected AnalyticProblem(String name, double t0, double tEnd, double[] y0, double[] absTol, double relTol) {
        this.name = name;
        this.t0 = t0;
        this.tEnd = tEnd;
        this.y0 = y0.clone();
        this.absTol = absTol.clone();
        this.relTol = relTol;
    }

    /**
     * Exact flow map: the solution at {@code t} of the problem started from {@code (ts, ys)}.
     *
     * @param ts  start time
     * @param ys  start state
     * @param t   time
     * @param out receives the solution
     */
    public abstract void flow(double ts, double[] ys, double t, double[] out);

    /** Exact solution of the initial-value problem at {@code t}. */
    public final void exact(double t, double[] out) {
        flow(t0, y0, t, out);
    }

    /** @return exact solution of the initial-value problem at {@code t}, as a new array */
    public final double[] exact(double t) {
        final double[] out = new double[dimension()];
        exact(t, out);
        return out;
    }

    public final String name() {
        return name;
    }

    public final int dimension() {
        return y0.length;
    }

    public final double t0() {
        return t0;
    }

    public final double tEnd() {
        return tEnd;
    }

    /** @return a copy of the initial state */
    public final double[] y0() {
        return y0.clone();
    }

    /** @return a copy of the per-component absolute tolerances */
    public final double[] absTol() {
        return absTol.clone();
    }

    public final double relTol() {
        return relTol;
    }

    /** @return the weight {@code atol_i + rtol * |y_i|} of the integrator's error norm */
    public final double scale(int i, double yi) {
        return absTol[i] + relTol * Math.abs(yi);
    }

    /** Largest error of {@code states} against the exact solution at {@code times}, in tolerance units. */
    public final double maxScaledError(java.util.List<Double> times, java.util.List<double[]> states) {
        double worst = 0;
        for (int k = 0; k < times.size(); k++) {
            final double[] exact = exact(times.get(k));
            for (int i = 0; i < dimension(); i++) {
                worst = Math.max(worst, Math.abs(states.get(k)[i] - exact[i]) / scale(i, exact[i]));
            }
        }
        return worst;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * {@code y_i' = -lambda_i y_i}: two independent exponential decays of different magnitudes
     * (so that the vector absolute tolerance matters). Exact: {@code y_i(t) = y_i(ts) e^{-lambda_i (t - ts)}}.
     */
    public static final class ExponentialDecay extends AnalyticProblem {
        private static final double[] LAMBDA = {1.0, 0.1};

        public ExponentialDecay() {
            super("exponential decay", 0.0, 10.0, new double[] {1.0, 1.0e6}, new double[] {1.0e-9, 1.0e-3}, 1.0e-6);
        }

        @Override
        public void derivatives(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = -LAMBDA[0] * y[0];
            yDot[1] = -LAMBDA[1] * y[1];
        }

        @Override
        public void flow(double ts, double[] ys, double t, double[] out) {
            out[0] = ys[0] * Math.exp(-LAMBDA[0] * (t - ts));
            out[1] = ys[1] * Math.exp(-LAMBDA[1] * (t - ts));
        }
    }

    /**
     * Logistic growth {@code y' = r y (1 - y/K)}, from 10 to near the capacity 1000. Exact:
     * {@code y(t) = K / (1 + (K/y(ts) - 1) e^{-r (t - ts)})}.
     */
    public static final class LogisticGrowth extends AnalyticProblem {
        private static final double R = 0.8;
        private static final double K = 1000.0;

        public LogisticGrowth() {
            super("logistic growth", 0.0, 20.0, new double[] {10.0}, new double[] {1.0e-6}, 1.0e-6);
        }

        @Override
        public void derivatives(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = R * y[0] * (1.0 - y[0] / K);
        }

        @Override
        public void flow(double ts, double[] ys, double t, double[] out) {
            out[0] = K / (1.0 + (K / ys[0] - 1.0) * Math.exp(-R * (t - ts)));
        }
    }

    /**
     * Harmonic oscillator {@code y0' = omega y1, y1' = -omega y0} over about three periods. Exact:
     * the rotation by {@code omega (t - ts)}.
     */
    public static final class HarmonicOscillator extends AnalyticProblem {
        private static final double OMEGA = 2.0;

        public HarmonicOscillator() {
            super("harmonic oscillator", 0.0, 10.0, new double[] {0.0, 1.0}, new double[] {1.0e-6, 1.0e-6}, 1.0e-6);
        }

        @Override
        public void derivatives(double t, double[] y, double[] p, double[] yDot) {
            yDot[0] = OMEGA * y[1];
            yDot[1] = -OMEGA * y[0];
        }

        @Override
        public void flow(double ts, double[] ys, double t, double[] out) {
            final double c = Math.cos(OMEGA * (t - ts));
            final double s = Math.sin(OMEGA * (t - ts));
            final double a = ys[0];
            final double b = ys[1];
            out[0] = c * a + s * b;
            out[1] = -s * a + c * b;
        }
    }
}
