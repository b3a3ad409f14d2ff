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
public final class DormandPrince54 extends EmbeddedRungeKutta {

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
    private static final double ONE_THIRD = 1.0 / 3.0;
    private static final double ONE_SIXTH = 1.0 / 6.0;

    // stages 2-7 (k1 is the base class's: the derivative at the step start)
    private double[] k2, k3, k4, k5, k6, k7;

    // dense output of the last accepted step, built on first use (many steps are never interpolated)
    private final double[] r2, r3, r4, r5;
    // the last two Bernstein requests of this step (the endpoints ask the same sums several times)
    private final long[] bernsteinKey = {-1, -1};
    private final long[] bernsteinSerial = {-1, -1};
    private final double[][] bernsteinCached = new double[2][5];
    private final double[] bernsteinMargin = new double[2];
    private int bernsteinNext;

    private DormandPrince54(int capacity, IntegratorSettings settings) {
        super(capacity, settings, 5, 6, true);
        k2 = new double[capacity];
        k3 = new double[capacity];
        k4 = new double[capacity];
        k5 = new double[capacity];
        k6 = new double[capacity];
        k7 = new double[capacity];
        r2 = new double[capacity];
        r3 = new double[capacity];
        r4 = new double[capacity];
        r5 = new double[capacity];
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
     * Diagnostics for profiling (not used by the solve): during an observer's {@code onStep}, writes
     * each component's term {@code (h e_j / (atol_j + rtol max(|y0_j|, |y1_j|)))^2} of the accepted
     * step's error norm (its square times the dimension is their sum); the largest says which state
     * limited the step. Recomputed from the step's stages, so the integration itself pays nothing. After
     * an event truncated the step, {@code y1} is the event state: an approximation of the step's norm.
     *
     * @param out one value per component, written in place
     */
    public void errorTerms(double[] out) {
        final double rtol = settings.relativeTolerance();
        final double hh = stepSize;
        for (int j = 0; j < n; j++) {
            final double errJ = E1 * k1[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j];
            final double scale = absTol[j] + rtol * Math.max(Math.abs(y[j]), Math.abs(y1[j]));
            final double ratio = hh * errJ / scale;
            out[j] = ratio * ratio;
        }
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

    /**
     * Failure path only: tells a NaN produced by the right-hand side at a finite input (a model
     * that cannot be evaluated) from one produced by overflow of the stages (a step too large).
     */
    @Override
    boolean nanFromFiniteInput(double hh) {
        final int dim = n;
        final double[] ys = yStage;
        for (int stage = 2; stage <= 7; stage++) {
            boolean inputFinite = true;
            for (int j = 0; j < dim && inputFinite; j++) {
                final double v;
                switch (stage) {
                    case 2: v = y[j] + hh * A21 * k1[j]; break;
                    case 3: v = y[j] + hh * (A31 * k1[j] + A32 * k2[j]); break;
                    case 4: v = y[j] + hh * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]); break;
                    case 5: v = y[j] + hh * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]); break;
                    case 6: v = y[j] + hh * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j]
                            + A65 * k5[j]); break;
                    default: v = y1[j]; break;
                }
                ys[j] = v;
                inputFinite = Double.isFinite(v);
            }
            if (!inputFinite) {
                return false;
            }
            final double[] k = stage == 2 ? k2 : stage == 3 ? k3 : stage == 4 ? k4 : stage == 5 ? k5
                    : stage == 6 ? k6 : k7;
            for (int j = 0; j < dim; j++) {
                if (Double.isNaN(k[j])) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code err^(-1/5)} by {@link FifthRoot#inverse}: identical on every executor and allocation-free
     * (not {@code StrictMath.pow}, which allocates on every call on Java 17).
     */
    @Override
    double inverseRoot(double err) {
        return FifthRoot.inverse(err);
    }

    @Override
    void swapFirstSameAsLast() {
        final double[] k = k1;
        k1 = k7;
        k7 = k;
    }

    /**
     * Builds the dense output of the accepted step from its start {@code y}, end {@code y1} and stages,
     * once per step and only if someone interpolates: the step start stays in {@code y} until the
     * step is left, and {@code y1} is the step's end until an event replaces it (after this ran).
     */
    @Override
    void ensureDenseOutput() {
        if (denseReady) {
            return;
        }
        for (int j = 0; j < n; j++) {
            if (componentSerial[j] != stepSerial) {
                denseComponent(j);
            }
        }
        denseReady = true;
    }

    /** The dense-output coefficients of one component (an endpoint often reads two or three of eight). */
    private void denseComponent(int j) {
        final double hh = stepSize;
        final double y0j = y[j];
        final double dy = y1[j] - y0j;
        final double bspl = hh * k1[j] - dy;
        r2[j] = dy;
        r3[j] = bspl;
        r4[j] = dy - hh * k7[j] - bspl;
        r5[j] = hh * (D1 * k1[j] + D3 * k3[j] + D4 * k4[j] + D5 * k5[j] + D6 * k6[j] + D7 * k7[j]);
        componentSerial[j] = stepSerial;
    }

    // --- DenseStep ------------------------------------------------------------------------------

    @Override
    public void interpolate(double time, double[] out) {
        ensureDenseOutput();
        final double theta = (time - stepStart) / stepSize;
        final double theta1 = 1.0 - theta;
        for (int j = 0; j < n; j++) {
            out[j] = y[j] + theta * (r2[j] + theta1 * (r3[j] + theta * (r4[j] + theta1 * r5[j])));
        }
    }

    @Override
    public double interpolate(double time, int component) {
        if (!denseReady && componentSerial[component] != stepSerial) {
            denseComponent(component);
        }
        final double theta = (time - stepStart) / stepSize;
        final double theta1 = 1.0 - theta;
        final int j = component;
        return y[j] + theta * (r2[j] + theta1 * (r3[j] + theta * (r4[j] + theta1 * r5[j])));
    }

    /**
     * The interpolant of a sum of components over the full step {@code θ in [0, 1]}, in the form
     * {@code P(θ) = y0 + θ r2 + θ(1-θ) [r3 + θ (r4 + (1-θ) r5)]} (linear in the step's data, so the
     * coefficients of a sum are those of the summed data), has the degree-4 Bernstein coefficients
     * {@code b0 = y0}, {@code b1 = y0 + (r2 + r3)/4}, {@code b2 = y0 + r2/2 + r3/3 + (r4 + r5)/6},
     * {@code b3 = y0 + 3 r2/4 + (r3 + r4)/4}, {@code b4 = y0 + r2} (expand each term in the Bernstein
     * basis). Keeps them, with the round-off allowance (1e-14 times the coefficients' magnitude, far
     * above the error of evaluating {@code P} or these sums), in one of two cache slots for this step
     * (the endpoints ask the same sums several times per step) and returns the slot.
     */
    private int fullStepBernstein(int first, int count) {
        final long key = ((long) first << 32) | count;
        for (int slot = 0; slot < 2; slot++) {
            if (bernsteinKey[slot] == key && bernsteinSerial[slot] == stepSerial) {
                return slot;
            }
        }
        final int slot = bernsteinNext;
        bernsteinNext = 1 - slot;
        bernsteinMargin[slot] = computeFullStepBernstein(first, count, bernsteinCached[slot]);
        bernsteinKey[slot] = key;
        bernsteinSerial[slot] = stepSerial;
        return slot;
    }

    private double computeFullStepBernstein(int first, int count, double[] out) {
        double y0 = 0;
        double c2;
        double c3;
        double c4;
        double c5;
        if (denseReady) {
            c2 = 0;
            c3 = 0;
            c4 = 0;
            c5 = 0;
            for (int j = first; j < first + count; j++) {
                y0 += y[j];
                c2 += r2[j];
                c3 += r3[j];
                c4 += r4[j];
                c5 += r5[j];
            }
        } else {
            // the coefficients from the summed step data, as ensureDenseOutput computes them per
            // component (y1 is the step's end: an event that replaces it builds the dense output first)
            double y1s = 0;
            double s1 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            for (int j = first; j < first + count; j++) {
                y0 += y[j];
                y1s += y1[j];
                s1 += k1[j];
                s3 += k3[j];
                s4 += k4[j];
                s5 += k5[j];
                s6 += k6[j];
                s7 += k7[j];
            }
            final double hh = stepSize;
            c2 = y1s - y0;
            c3 = hh * s1 - c2;
            c4 = c2 - hh * s7 - c3;
            c5 = hh * (D1 * s1 + D3 * s3 + D4 * s4 + D5 * s5 + D6 * s6 + D7 * s7);
        }
        out[0] = y0;
        out[1] = y0 + 0.25 * (c2 + c3);
        out[2] = y0 + (0.5 * c2 + ONE_THIRD * c3 + ONE_SIXTH * (c4 + c5));
        out[3] = y0 + (0.75 * c2 + 0.25 * (c3 + c4));
        out[4] = y0 + c2;
        return 1e-14 * (Math.abs(y0) + Math.abs(c2) + Math.abs(c3) + Math.abs(c4) + Math.abs(c5));
    }

    /**
     * The largest Bernstein coefficient (the convex hull property bounds the interpolant by it) plus
     * the round-off allowance; over the full step even when an event truncated it (a superset).
     */
    @Override
    public double upperBound(int first, int count) {
        final int slot = fullStepBernstein(first, count);
        final double[] b = bernsteinCached[slot];
        return Math.max(Math.max(Math.max(b[0], b[1]), Math.max(b[2], b[3])), b[4]) + bernsteinMargin[slot];
    }

    @Override
    public boolean bernstein(int first, int count, double[] out) {
        System.arraycopy(bernsteinCached[fullStepBernstein(first, count)], 0, out, 0, 5);
        if (truncated()) {
            StepSupport.leftPart(out, 4, (stepEnd - stepStart) / stepSize);
        }
        return true;
    }
}