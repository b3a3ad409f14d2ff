package org.vtrial.engine.endpoint;

import org.vtrial.engine.ode.DenseStep;

/**
 * Numerical tools of the endpoint observers, all on one step's dense output and allocation-free:
 * threshold crossings by Brent's root finder, interior maxima by Brent's minimiser, integrals by
 * three-point Gauss–Legendre quadrature.
 *
 * <p>References: R. P. Brent, <i>Algorithms for Minimization without Derivatives</i>, Prentice-Hall
 * 1973, ch. 4 ({@code zeroin}) and ch. 5 ({@code localmin}); Gauss–Legendre nodes and weights from
 * Abramowitz &amp; Stegun, <i>Handbook of Mathematical Functions</i>, table 25.4.
 */
final class StepScan {

    /** Time tolerance of crossings and peaks (days): far below any clinical resolution. */
    static final double TIME_TOLERANCE = 1e-9;

    private static final double EPS = Math.ulp(1.0);
    private static final double SQRT_EPS = Math.sqrt(EPS);
    private static final double GOLDEN = 0.5 * (3.0 - Math.sqrt(5.0));

    /** Three-point Gauss–Legendre on [0, 1]: exact for polynomials up to degree 5. */
    private static final double GL_OFFSET = Math.sqrt(15.0) / 10.0;
    private static final double GL_W_OUTER = 5.0 / 18.0;
    private static final double GL_W_MIDDLE = 8.0 / 18.0;

    /**
     * Four-point Gauss–Legendre on [0, 1] (exact up to degree 7): nodes {@code 1/2 ± x/2} with
     * {@code x = sqrt(3/7 ∓ (2/7) sqrt(6/5))}, weights {@code (18 ± sqrt 30) / 72}.
     */
    private static final double GL4_INNER = 0.5 * Math.sqrt(3.0 / 7.0 - 2.0 / 7.0 * Math.sqrt(6.0 / 5.0));
    private static final double GL4_OUTER = 0.5 * Math.sqrt(3.0 / 7.0 + 2.0 / 7.0 * Math.sqrt(6.0 / 5.0));
    private static final double GL4_W_INNER = (18.0 + Math.sqrt(30.0)) / 72.0;
    private static final double GL4_W_OUTER = (18.0 - Math.sqrt(30.0)) / 72.0;

    private StepScan() {
    }

    /**
     * Integral of {@code f} over {@code [a, b]} inside one step, by Gauss–Legendre with three points
     * when the step's interpolant has degree at most 5 (the 5(4) pairs: degree 4), four when it
     * is higher (8(5,3): degree 7), so that the integral of a state component (or of a linear
     * combination of components) is exact up to round-off.
     */
    static double integrate(Signal f, DenseStep step, double a, double b) {
        final double width = b - a;
        if (!(width > 0)) {
            return 0.0;
        }
        final double mid = a + 0.5 * width;
        if (step.degree() > 5) {
            final double inner = GL4_INNER * width;
            final double outer = GL4_OUTER * width;
            return width * (GL4_W_INNER * (f.at(step, mid - inner) + f.at(step, mid + inner))
                    + GL4_W_OUTER * (f.at(step, mid - outer) + f.at(step, mid + outer)));
        }
        final double off = GL_OFFSET * width;
        return width * (GL_W_OUTER * (f.at(step, mid - off) + f.at(step, mid + off)) + GL_W_MIDDLE * f.at(step, mid));
    }

    /**
     * Root of {@code f(t) = level} in {@code [a, b]} where {@code fa = f(a) - level} and
     * {@code fb = f(b) - level} differ in sign (or one is 0), by Brent's method: returns a time within
     * {@link #TIME_TOLERANCE} of a crossing of the interpolant.
     */
    static double crossing(Signal f, DenseStep step, double level, double a, double b, double fa, double fb) {
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        double c = b;
        double fc = fb;
        double d = b - a;
        double e = d;
        for (int iteration = 0; iteration < 200; iteration++) {
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            final double tol1 = 2.0 * EPS * Math.abs(b) + 0.5 * TIME_TOLERANCE;
            final double xm = 0.5 * (c - b);
            if (Math.abs(xm) <= tol1 || fb == 0) {
                return b;
            }
            if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
                final double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2.0 * xm * s;
                    q = 1.0 - s;
                } else {
                    final double qq = fa / fc;
                    final double r = fb / fc;
                    p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                    q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2.0 * p < Math.min(3.0 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = xm;
                    e = d;
                }
            } else {
                d = xm;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol1 ? d : Math.copySign(tol1, xm);
            fb = f.at(step, b) - level;
        }
        return b;
    }

    /**
     * Location of the largest value of {@code f} on {@code [a, b]} for a function unimodal there, by
     * Brent's minimiser (golden section with parabolic steps). Never evaluates the ends: a caller
     * compares the result with its end values.
     */
    static double argmax(Signal f, DenseStep step, double a, double b) {
        double x = a + GOLDEN * (b - a);
        double w = x;
        double v = x;
        double fx = -f.at(step, x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
            final double xm = 0.5 * (a + b);
            final double tol1 = SQRT_EPS * Math.abs(x) + TIME_TOLERANCE / 3.0;
            final double tol2 = 2.0 * tol1;
            if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) {
                break;
            }
            boolean golden = true;
            if (Math.abs(e) > tol1) {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2.0 * (q - r);
                if (q > 0) {
                    p = -p;
                } else {
                    q = -q;
                }
                final double eOld = e;
                e = d;
                if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
                    d = p / q;
                    final double u = x + d;
                    if (u - a < tol2 || b - u < tol2) {
                        d = Math.copySign(tol1, xm - x);
                    }
                    golden = false;
                }
            }
            if (golden) {
                e = x >= xm ? a - x : b - x;
                d = GOLDEN * e;
            }
            final double u = Math.abs(d) >= tol1 ? x + d : x + Math.copySign(tol1, d);
            final double fu = -f.at(step, u);
            if (fu <= fx) {
                if (u >= x) {
                    a = x;
                } else {
                    b = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }
}
