package org.vtrial.engine.ode;

/**
 * Adaptive Tsitouras 5(4) Runge–Kutta integrator with FSAL, dense output and event location,
 * allocation-free after construction: DifferentialEquations.jl's {@code Tsit5}.
 *
 * <p>Method: Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
 * simplifying assumption", Computers &amp; Mathematics with Applications 62 (2011) 770–775. Seven
 * stages, the seventh at the step's end with the fifth-order weights (first same as last, six
 * evaluations per step, as Dormand–Prince 5(4)); the embedded solution is of order 4; the pair was
 * chosen for small fifth-order error coefficients rather than the simplifying assumptions that fix
 * Dormand–Prince's, which is why it usually takes fewer steps at the same tolerance. Continuous
 * extension of order 4 from the same paper: a quartic in the step fraction that meets the step's
 * end values and derivatives (so this class keeps it in Dormand–Prince 5(4)'s Hermite form, with
 * Tsitouras' {@code θ^4} coefficients). Coefficients: the 16-digit values of OrdinaryDiffEq.jl's
 * {@code Tsit5ConstantCacheActual} and {@code Tsit5Interp}; {@code Tsitouras54Test} checks the order
 * conditions up to order 5 (4 for the embedded weights) on them.
 *
 * <p>Step-size control, initial step, events and the step loop are {@link EmbeddedRungeKutta}'s,
 * exactly as for {@link DormandPrince54} (Hipparchus' controller with the exponent 1/5). Use: as
 * {@link AdaptiveIntegrator} says (one instance per thread). The last step of an {@link #advanceTo}
 * call evaluates its stages at times strictly below the end time; after {@link #stateChanged()} the
 * next call starts from a derivative at the end time itself. Nothing here allocates after
 * construction and nothing throws for numerical reasons. See docs/INTEGRATOR.md.
 */
public final class Tsitouras54 extends RungeKutta54 {

    // Butcher tableau (Tsitouras 2011, table 1; the 16-digit values of OrdinaryDiffEq.jl's
    // Tsit5ConstantCacheActual, which Tsitouras' rational simplifying assumption determines).
    static final double C2 = 0.161;
    static final double C3 = 0.327;
    static final double C4 = 0.9;
    static final double C5 = 0.9800255409045097;
    static final double A21 = 0.161;
    static final double A31 = -0.008480655492356989;
    static final double A32 = 0.335480655492357;
    static final double A41 = 2.8971530571054935;
    static final double A42 = -6.359448489975075;
    static final double A43 = 4.3622954328695815;
    static final double A51 = 5.325864828439257;
    static final double A52 = -11.748883564062828;
    static final double A53 = 7.4955393428898365;
    static final double A54 = -0.09249506636175525;
    static final double A61 = 5.86145544294642;
    static final double A62 = -12.92096931784711;
    static final double A63 = 8.159367898576159;
    static final double A64 = -0.071584973281401;
    static final double A65 = -0.028269050394068383;
    // Fifth-order weights; also row 7 of the tableau (FSAL).
    static final double B1 = 0.09646076681806523;
    static final double B2 = 0.01;
    static final double B3 = 0.4798896504144996;
    static final double B4 = 1.379008574103742;
    static final double B5 = -3.290069515436081;
    static final double B6 = 2.324710524099774;
    // Error weights: fifth-order minus fourth-order weights.
    static final double E1 = -0.00178001105222577714;
    static final double E2 = -0.0008164344596567469;
    static final double E3 = 0.007880878010261995;
    static final double E4 = -0.1447110071732629;
    static final double E5 = 0.5823571654525552;
    static final double E6 = -0.45808210592918697;
    static final double E7 = 1.0 / 66.0;
    // Dense output: the theta^4 coefficients r_i4 of Tsitouras' interpolant b_i(theta)
    // (the other coefficients follow from the Hermite conditions at both ends of the step).
    static final double D1 = -1.0530884977290216;
    static final double D2 = 0.1017;
    static final double D3 = 2.490627285651253;
    static final double D4 = -16.548102889244902;
    static final double D5 = 47.37952196281928;
    static final double D6 = -34.87065786149661;
    static final double D7 = 2.5;

    private Tsitouras54(int capacity, IntegratorSettings settings) {
        super(capacity, settings);
    }

    /**
     * Creates an integrator whose work arrays hold systems of up to {@code capacity} states.
     *
     * @param capacity largest system dimension (&gt; 0)
     * @param settings step-size control settings
     * @return a new integrator, for use by one thread
     */
    public static Tsitouras54 create(int capacity, IntegratorSettings settings) {
        checkArguments(capacity, settings);
        return new Tsitouras54(capacity, settings);
    }

    @Override
    public OdeMethod method() {
        return OdeMethod.TSIT5;
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
            yEnd[j] = yy[j] + hh * (B1 * k1[j] + B2 * k2[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
        }
        function.derivatives(tLast, yEnd, params, k7);
        evaluations += 6;

        double sum = 0;
        for (int j = 0; j < dim; j++) {
            final double errJ = E1 * k1[j] + E2 * k2[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j];
            final double scale = absTol[j] + rtol * Math.max(Math.abs(yy[j]), Math.abs(yEnd[j]));
            final double ratio = hh * errJ / scale;
            sum += ratio * ratio;
        }
        return Math.sqrt(sum / dim);
    }

    @Override
    double errorTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7) {
        return E1 * k1 + E2 * k2 + E3 * k3 + E4 * k4 + E5 * k5 + E6 * k6 + E7 * k7;
    }

    @Override
    double quarticTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7) {
        return D1 * k1 + D2 * k2 + D3 * k3 + D4 * k4 + D5 * k5 + D6 * k6 + D7 * k7;
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
