package org.vtrial.engine.endpoint;

import org.vtrial.engine.ode.DenseStep;

/**
 * Running maximum of a {@link Signal} over a solve, located on the interpolant.
 *
 * <p>Per step the signal is sampled at the ends and at the quarter points. When the largest sample
 * reaches the running maximum (a step that may hold a new peak: it rises to it, or starts at it),
 * Brent's minimiser refines the maximum between the neighbouring samples of the largest one. The
 * Dormand–Prince interpolant is a quartic, so a step holds at most two local maxima; a peak is missed
 * only if it rises above the running maximum and falls back within a quarter step, which a step-size
 * controller that resolves the dynamics does not produce (the same resolution assumption as event
 * location on step ends). Ties keep the earliest time.
 *
 * <p>Two shortcuts give the same result without the work (up to round-off of the interpolant): a
 * step whose interpolant is bounded below the running maximum ({@link Signal#upperBound}) is skipped
 * unsampled (its samples would all be below it); and a step whose Bernstein coefficients
 * ({@link Signal#bernstein}) are all at most the last (first) one has its maximum at its end (start),
 * by the convex hull property, so neither the samples nor Brent's minimiser are needed.
 */
final class PeakTracker {

    private double value;
    private double time;
    private final double[] control = new double[5];

    /** Starts a new solve: no value yet. */
    void reset() {
        value = Double.NEGATIVE_INFINITY;
        time = Double.NaN;
    }

    /** @return the largest value seen, or -infinity */
    double value() {
        return value;
    }

    /** @return the time of the largest value, or NaN */
    double time() {
        return time;
    }

    /** Offers one value (a state after a jump, for instance). */
    void offer(double t, double v) {
        if (v > value) {
            value = v;
            time = t;
        }
    }

    /** Scans one step. */
    void observe(Signal f, DenseStep step) {
        final double a = step.start();
        final double b = step.end();
        final double h = b - a;
        if (!(h > 0)) {
            offer(b, f.of(step.endState()));
            return;
        }
        if (f.upperBound(step) < value) {
            return;
        }
        final double v0 = f.of(step.startState());
        final double v4 = f.of(step.endState());
        if (f.bernstein(step, control)) {
            final double[] c = control;
            if (c[0] <= c[4] && c[1] <= c[4] && c[2] <= c[4] && c[3] <= c[4]) {
                offer(b, v4);
                return;
            }
            if (c[1] <= c[0] && c[2] <= c[0] && c[3] <= c[0] && c[4] <= c[0]) {
                offer(a, v0);
                return;
            }
        }
        final double q = 0.25 * h;
        final double v1 = f.at(step, a + q);
        final double v2 = f.at(step, a + 2 * q);
        final double v3 = f.at(step, a + 3 * q);
        int k = 0;
        double best = v0;
        if (v1 > best) {
            best = v1;
            k = 1;
        }
        if (v2 > best) {
            best = v2;
            k = 2;
        }
        if (v3 > best) {
            best = v3;
            k = 3;
        }
        if (v4 > best) {
            best = v4;
            k = 4;
        }
        if (best < value) {
            return;
        }
        final double tk = k == 4 ? b : a + k * q;
        if (v0 == v1 && v1 == v2 && v2 == v3 && v3 == v4) {
            offer(a, best);
            return;
        }
        final double lo = k == 0 ? a : a + (k - 1) * q;
        final double hi = k >= 3 ? b : a + (k + 1) * q;
        final double tm = StepScan.argmax(f, step, lo, hi);
        final double vm = f.at(step, tm);
        if (vm > best) {
            offer(tm, vm);
        } else {
            offer(tk, best);
        }
    }
}
