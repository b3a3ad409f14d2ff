package org.vtrial.engine.endpoint;

import org.vtrial.engine.ode.DenseStep;

/**
 * Running maximum of a {@link Signal} over a solve, located on the interpolant.
 *
 * <p>Per step the signal is sampled at the ends and at the points that cut the step into as many
 * equal parts as the interpolant's degree (quarters for the quartic of the 5(4) pairs, sevenths for
 * the degree-7 interpolant of 8(5,3)). When the largest sample reaches the running maximum (a step
 * that may hold a new peak: it rises to it, or starts at it), Brent's minimiser refines the maximum
 * between the neighbouring samples of the largest one. A peak is missed only if it rises above the
 * running maximum and falls back within one such part, which a step-size controller that resolves the
 * dynamics does not produce (the same resolution assumption as event location on step ends). Ties
 * keep the earliest time.
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
    private final double[] control = new double[DenseStep.MAX_DEGREE + 1];

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
        final int d = step.degree();
        final double v0 = f.of(step.startState());
        final double vd = f.of(step.endState());
        if (f.bernstein(step, control)) {
            final double[] c = control;
            boolean maxAtEnd = true;
            boolean maxAtStart = true;
            for (int i = 0; i < d; i++) {
                maxAtEnd &= c[i] <= c[d];
                maxAtStart &= c[i + 1] <= c[0];
            }
            if (maxAtEnd) {
                offer(b, vd);
                return;
            }
            if (maxAtStart) {
                offer(a, v0);
                return;
            }
        }
        // samples at the ends and at the d - 1 interior points that cut the step into d equal parts
        final double q = h / d;
        int k = 0;
        double best = v0;
        boolean flat = true;
        for (int i = 1; i < d; i++) {
            final double vi = f.at(step, a + i * q);
            flat &= vi == v0;
            if (vi > best) {
                best = vi;
                k = i;
            }
        }
        flat &= vd == v0;
        if (vd > best) {
            best = vd;
            k = d;
        }
        if (best < value) {
            return;
        }
        final double tk = k == d ? b : a + k * q;
        if (flat) {
            offer(a, best);
            return;
        }
        final double lo = k == 0 ? a : a + (k - 1) * q;
        final double hi = k >= d - 1 ? b : a + (k + 1) * q;
        final double tm = StepScan.argmax(f, step, lo, hi);
        final double vm = f.at(step, tm);
        if (vm > best) {
            offer(tm, vm);
        } else {
            offer(tk, best);
        }
    }
}
