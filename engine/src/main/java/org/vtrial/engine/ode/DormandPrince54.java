package org.vtrial.engine.ode;

/**
 * Adaptive Dormand–Prince 5(4) Runge–Kutta integrator with FSAL, dense output and event location,
 * allocation-free after construction.
 *
 * <p>Method: J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta formulae",
 * J. Comp. Appl. Math. 6 (1980) 19–26 (coefficients below). Continuous extension of order 4:
 * E. Hairer, S. P. Nørsett, G. Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed.,
 * §II.6, as in Hairer's DOPRI5 ({@code CONTD5}). Step-size control and the initial step are those
 * of Hipparchus' {@code EmbeddedRungeKuttaIntegrator} / {@code AdaptiveStepsizeIntegrator}, so
 * that, on the same problem and tolerances, this integrator accepts the same steps (step times
 * equal up to round-off: only the controller's fifth root, {@link FifthRoot}, differs in its last
 * bit). See docs/INTEGRATOR.md.
 *
 * <p>Use: as {@link AdaptiveIntegrator} says (one instance per thread; the step loop, events and
 * step-size control are {@link EmbeddedRungeKutta}'s). The last step of an {@link #advanceTo} call
 * evaluates its stages at times strictly below the end time (at most {@code Math.nextDown(tEnd)});
 * after {@link #stateChanged()} the next call starts from a derivative at the end time itself.
 * Nothing here allocates after construction and nothing throws for numerical reasons.
 */
public final class DormandPrince54 extends RungeKutta54 {

    // Butcher tableau (Dormand & Prince 1980, table 2).
    static final double C2 = 1.0 / 5.0;
    static final double C3 = 3.0 / 10.0;
    static final double C4 = 4.0 / 5.0;
    static final double C5 = 8.0 / 9.0;
    static final double A21 = 1.0 / 5.0;
    static final double A31 = 3.0 / 40.0;
    static final double A32 = 9.0 / 40.0;
    static final double A41 = 44.0 / 45.0;
    static final double A42 = -56.0 / 15.0;
    static final double A43 = 32.0 / 9.0;
    static final double A51 = 19372.0 / 6561.0;
    static final double A52 = -25360.0 / 2187.0;
    static final double A53 = 64448.0 / 6561.0;
    static final double A54 = -212.0 / 729.0;
    static final double A61 = 9017.0 / 3168.0;
    static final double A62 = -355.0 / 33.0;
    static final double A63 = 46732.0 / 5247.0;
    static final double A64 = 49.0 / 176.0;
    static final double A65 = -5103.0 / 18656.0;
    // Fifth-order weights; also row 7 of the tableau (FSAL).
    static final double B1 = 35.0 / 384.0;
    static final double B3 = 500.0 / 1113.0;
    static final double B4 = 125.0 / 192.0;
    static final double B5 = -2187.0 / 6784.0;
    static final double B6 = 11.0 / 84.0;
    // Error weights: fifth-order minus fourth-order weights.
    static final double E1 = 71.0 / 57600.0;
    static final double E3 = -71.0 / 16695.0;
    static final double E4 = 71.0 / 1920.0;
    static final double E5 = -17253.0 / 339200.0;
    static final double E6 = 22.0 / 525.0;
    static final double E7 = -1.0 / 40.0;
    // Dense output (Hairer, DOPRI5 CONTD5).
    static final double D1 = -12715105075.0 / 11282082432.0;
    static final double D3 = 87487479700.0 / 32700410799.0;
    static final double D4 = -10690763975.0 / 1880347072.0;
    static final double D5 = 701980252875.0 / 199316789632.0;
    static final double D6 = -1453857185.0 / 822651844.0;
    static final double D7 = 69997945.0 / 29380423.0;

    private DormandPrince54(int capacity, IntegratorSettings settings) {
        super(capacity, settings);
    }

    /**
     * Creates an integrator whose work arrays hold systems of up to {@code capacity} states.
     *
     * @param capacity largest system dimension (&gt; 0)
     * @param settings step-size control settings
     * @return a new integrator, for use by one thread
     */
    public static DormandPrince54 create(int capacity, IntegratorSettings settings) {
        checkArguments(capacity, settings);
        return new DormandPrince54(capacity, settings);
    }

    @Override
    public OdeMethod method() {
        return OdeMethod.DP54;
    }

    /**
     * Computes the stages for step {@code hh}, the candidate {@code y1} and returns its error norm.
     * Stage times are capped at {@code tCap}.
     */
    @Override
    double attempt(double hh, double rtol, double tCap) {
        final int dim = n;
        final double[] yy = y;
        final double[] ys = yStage;
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A21 * k1[j]);
        }
        function.derivatives(Math.min(t + C2 * hh, tCap), ys, params, k2);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A31 * k1[j] + A32 * k2[j]);
        }
        function.derivatives(Math.min(t + C3 * hh, tCap), ys, params, k3);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
        }
        function.derivatives(Math.min(t + C4 * hh, tCap), ys, params, k4);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
        }
        function.derivatives(Math.min(t + C5 * hh, tCap), ys, params, k5);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
        }
        final double tLast = Math.min(t + hh, tCap);
        function.derivatives(tLast, ys, params, k6);
        final double[] yEnd = y1;
        for (int j = 0; j < dim; j++) {
            yEnd[j] = yy[j] + hh * (B1 * k1[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
        }
        function.derivatives(tLast, yEnd, params, k7);
        evaluations += 6;

        double sum = 0;
        for (int j = 0; j < dim; j++) {
            final double errJ = E1 * k1[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j];
            final double scale = absTol[j] + rtol * Math.max(Math.abs(yy[j]), Math.abs(yEnd[j]));
            final double ratio = hh * errJ / scale;
            sum += ratio * ratio;
        }
        return Math.sqrt(sum / dim);
    }

    @Override
    double errorTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7) {
        return E1 * k1 + E3 * k3 + E4 * k4 + E5 * k5 + E6 * k6 + E7 * k7;
    }

    @Override
    double quarticTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7) {
        return D1 * k1 + D3 * k3 + D4 * k4 + D5 * k5 + D6 * k6 + D7 * k7;
    }

    @Override
    double stageInput(int stage, int j, double hh) {
        switch (stage) {
            case 2: return y[j] + hh * A21 * k1[j];
            case 3: return y[j] + hh * (A31 * k1[j] + A32 * k2[j]);
            case 4: return y[j] + hh * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
            case 5: return y[j] + hh * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
            default: return y[j] + hh * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
        }
    }
}
