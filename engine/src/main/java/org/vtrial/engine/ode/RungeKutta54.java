package org.vtrial.engine.ode;

/**
 * What the two seven-stage 5(4) pairs of this package share, {@link DormandPrince54} and
 * {@link Tsitouras54}: the stages {@code k2..k7} (the seventh at the step's end with the fifth-order
 * weights, first same as last), the controller's exponent {@code 1/5}, and a continuous extension that
 * is a quartic in the step fraction meeting the step's end values and derivatives, kept in the Hermite
 * form {@code P(θ) = y0 + θ r2 + θ(1-θ) [r3 + θ (r4 + (1-θ) r5)]} with {@code r2 = y1 - y0},
 * {@code r3 = h f0 - r2}, {@code r4 = r2 - h f1 - r3} and {@code r5} (the {@code θ^4} coefficient) a
 * combination of the stages that is the method's own. A method supplies its tableau: the stages and
 * error norm of an attempt ({@link #attempt}, kept in the concrete class so that the coefficients are
 * compile-time constants in the hot loop), the error and {@code θ^4} combinations of one component's
 * stages, and a stage's input (failure path). Allocation-free after construction.
 */
abstract class RungeKutta54 extends EmbeddedRungeKutta {

    private static final double ONE_THIRD = 1.0 / 3.0;
    private static final double ONE_SIXTH = 1.0 / 6.0;

    // stages 2-7 (k1 is the base class's: the derivative at the step start)
    double[] k2, k3, k4, k5, k6, k7;

    // dense output of the last accepted step, built on first use (many steps are never interpolated)
    private final double[] r2, r3, r4, r5;
    // the last two Bernstein requests of this step (the endpoints ask the same sums several times)
    private final long[] bernsteinKey = {-1, -1};
    private final long[] bernsteinSerial = {-1, -1};
    private final double[][] bernsteinCached = new double[2][5];
    private final double[] bernsteinMargin = new double[2];
    private int bernsteinNext;

    RungeKutta54(int capacity, IntegratorSettings settings) {
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

    /** The error estimate's combination {@code Σ e_i k_i} of one component's stages (times h: the error). */
    abstract double errorTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7);

    /** The dense output's {@code θ^4} combination {@code Σ d_i k_i} (times h: {@code r5}); also applied to sums of stages. */
    abstract double quarticTerm(double k1, double k2, double k3, double k4, double k5, double k6, double k7);

    /** The input of stage {@code stage} (2..6) for component {@code j} of an attempt of size {@code hh}. */
    abstract double stageInput(int stage, int j, double hh);

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
            final double errJ = errorTerm(k1[j], k2[j], k3[j], k4[j], k5[j], k6[j], k7[j]);
            final double scale = absTol[j] + rtol * Math.max(Math.abs(y[j]), Math.abs(y1[j]));
            final double ratio = hh * errJ / scale;
            out[j] = ratio * ratio;
        }
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
                final double v = stage == 7 ? y1[j] : stageInput(stage, j, hh);
                ys[j] = v;
                inputFinite = Double.isFinite(v);
            }
            if (!inputFinite) {
                return false;
            }
            if (hasNaN(stage == 2 ? k2 : stage == 3 ? k3 : stage == 4 ? k4 : stage == 5 ? k5
                    : stage == 6 ? k6 : k7)) {
                return true;
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
     * The dense-output coefficients of one component (an endpoint often reads two or three of eight),
     * from the step's start {@code y}, end {@code y1} and stages: the step start stays in {@code y}
     * until the step is left, and {@code y1} is the step's end until an event replaces it (after the
     * dense output was built).
     */
    @Override
    void denseComponent(int j) {
        final double hh = stepSize;
        final double y0j = y[j];
        final double dy = y1[j] - y0j;
        final double bspl = hh * k1[j] - dy;
        r2[j] = dy;
        r3[j] = bspl;
        r4[j] = dy - hh * k7[j] - bspl;
        r5[j] = hh * quarticTerm(k1[j], k2[j], k3[j], k4[j], k5[j], k6[j], k7[j]);
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
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            for (int j = first; j < first + count; j++) {
                y0 += y[j];
                y1s += y1[j];
                s1 += k1[j];
                s2 += k2[j];
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
            c5 = hh * quarticTerm(s1, s2, s3, s4, s5, s6, s7);
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