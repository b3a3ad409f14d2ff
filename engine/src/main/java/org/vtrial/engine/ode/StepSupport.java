package org.vtrial.engine.ode;

/**
 * What the Runge–Kutta methods of this package share and what does not depend on their tableau: the
 * initial step (Hairer's HINIT, as Hipparchus' {@code initializeStep}) and event location on a step's
 * dense output. Allocation-free.
 */
final class StepSupport {

    private StepSupport() {
    }

    /**
     * Hipparchus' {@code initializeStep} (Hairer's HINIT) for a method of the given order: one extra
     * evaluation, written into {@code scratchDerivative}.
     *
     * @param order           5 or 8: the root {@code (0.01 / max)^(1/order)} of the second estimate
     * @param scratchState    work array (overwritten)
     * @param scratchDerivative work array (overwritten)
     */
    static double initialStep(int order, OdeFunction f, double[] params, double t, double[] y, double[] dy,
                              int n, double[] absTol, IntegratorSettings settings,
                              double[] scratchState, double[] scratchDerivative) {
        final double rtol = settings.relativeTolerance();
        double yOnScale2 = 0;
        double yDotOnScale2 = 0;
        for (int j = 0; j < n; j++) {
            final double scale = absTol[j] + rtol * Math.abs(y[j]);
            final double ratio = y[j] / scale;
            yOnScale2 += ratio * ratio;
            final double ratioDot = dy[j] / scale;
            yDotOnScale2 += ratioDot * ratioDot;
        }
        final double h0 = (yOnScale2 < 1.0e-10 || yDotOnScale2 < 1.0e-10)
                ? 1.0e-6 : 0.01 * Math.sqrt(yOnScale2 / yDotOnScale2);
        for (int j = 0; j < n; j++) {
            scratchState[j] = y[j] + h0 * dy[j];
        }
        f.derivatives(t + h0, scratchState, params, scratchDerivative);
        double yDDotOnScale = 0;
        for (int j = 0; j < n; j++) {
            final double scale = absTol[j] + rtol * Math.abs(y[j]);
            final double ratio = (scratchDerivative[j] - dy[j]) / scale;
            yDDotOnScale += ratio * ratio;
        }
        yDDotOnScale = Math.sqrt(yDDotOnScale) / h0;
        final double maxInv2 = Math.max(Math.sqrt(yDotOnScale2), yDDotOnScale);
        final double h1 = maxInv2 < 1.0e-15 ? Math.max(1.0e-6, 0.001 * h0)
                : order == 8 ? 1.0 / inverseEighthRoot(0.01 / maxInv2) : FifthRoot.of(0.01 / maxInv2);
        double hh = Math.min(100.0 * h0, h1);
        hh = Math.max(hh, 1.0e-12 * Math.abs(t));
        if (!(hh >= settings.minStep())) {
            hh = settings.minStep();
        }
        if (hh > settings.maxStep()) {
            hh = settings.maxStep();
        }
        return hh;
    }

    /**
     * {@code x^(-1/8)} as {@code 1 / sqrt(sqrt(sqrt(x)))}: square roots are correctly rounded in IEEE
     * 754, so this gives the same bits on every JVM, within about two ulps of the exact value, and
     * allocates nothing (unlike {@code StrictMath.pow} on Java 17).
     */
    static double inverseEighthRoot(double x) {
        return 1.0 / Math.sqrt(Math.sqrt(Math.sqrt(x)));
    }

    /** Does {@code g} cross zero from {@code g0} to {@code g1} in the declared direction? */
    static boolean crosses(int direction, double g0, double g1) {
        if (direction < 0) {
            return g0 > 0 && g1 <= 0;
        }
        if (direction > 0) {
            return g0 < 0 && g1 >= 0;
        }
        return (g0 > 0 && g1 <= 0) || (g0 < 0 && g1 >= 0);
    }

    /**
     * Locates the crossing of event {@code i} inside {@code step} by the Illinois variant of regula
     * falsi on the dense output, with a bisection every third iteration that does not halve the
     * bracket. Returns the bracket end on the far side of the crossing, within {@code tol} of the root.
     *
     * @param scratch work array for the interpolated state
     */
    static double locate(DenseStep step, EventFunctions events, int i, double g0, double g1, double tol,
                         double[] params, double[] scratch) {
        double a = step.start();
        double b = step.end();
        double ga = g0;
        double gb = g1;
        int side = 0;
        int iterations = 0;
        double lastWidth = b - a;
        while (b - a > tol && iterations < 200) {
            iterations++;
            double c;
            if (iterations % 3 == 0 && (b - a) > 0.5 * lastWidth) {
                c = 0.5 * (a + b);
            } else {
                c = b - gb * (b - a) / (gb - ga);
                if (!(c > a && c < b)) {
                    c = 0.5 * (a + b);
                }
            }
            if (iterations % 3 == 0) {
                lastWidth = b - a;
            }
            step.interpolate(c, scratch);
            final double gc = events.g(i, c, scratch, params);
            if (crosses(events.direction(i), g0, gc)) {
                b = c;
                gb = gc;
                if (side == -1) {
                    ga *= 0.5;
                }
                side = -1;
            } else {
                a = c;
                ga = gc;
                if (side == +1) {
                    gb *= 0.5;
                }
                side = +1;
            }
        }
        return b;
    }

    /** Are the first {@code n} entries finite? */
    static boolean allFinite(double[] v, int n) {
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(v[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * De Casteljau subdivision of full-step Bernstein coefficients {@code b[0..degree]} at
     * {@code θe}: leaves the left part, the coefficients over {@code [0, θe]} (a step truncated by an
     * event).
     */
    static void leftPart(double[] b, int degree, double thetaEnd) {
        for (int level = 1; level <= degree; level++) {
            for (int i = degree; i >= level; i--) {
                b[i] = b[i - 1] + thetaEnd * (b[i] - b[i - 1]);
            }
        }
    }
}
