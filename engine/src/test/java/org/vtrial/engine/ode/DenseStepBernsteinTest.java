package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Bernstein form and the upper bound of the dense output ({@link DenseStep#bernstein},
 * {@link DenseStep#upperBound}) against the interpolant itself, on every step of a problem with
 * oscillating components (interior maxima inside steps) and a decaying one that an event resets
 * (steps truncated by events).
 *
 * <p>References: the integrator's interpolant ({@link DenseStep#interpolate}, itself checked against
 * Hipparchus' interpolant in {@link DormandPrince54AbstractTest}) evaluated at 21 points of each step
 * and compared with the Bernstein polynomial written out term by term; the integral over each step by
 * Hipparchus' {@link IterativeLegendreGaussIntegrator} (relative accuracy 1e-14) on the interpolant;
 * the bound against the interpolant at 1001 points. Tolerances: round-off of quantities of size one
 * (a few 1e-16), hence 1e-13.
 */
class DenseStepBernsteinTest {

    /** {@code y0' = y1, y1' = -y0} (harmonic oscillator), {@code y2' = -0.3 y2}. */
    private static final OdeFunction PROBLEM = (t, y, p, yDot) -> {
        yDot[0] = y[1];
        yDot[1] = -y[0];
        yDot[2] = -0.3 * y[2];
    };

    /** {@code y2} falling through 0.5 is reset to 1: truncates a step every {@code ln 2 / 0.3} days. */
    private static final EventFunctions RESET = new EventFunctions() {
        @Override public int eventCount() { return 1; }
        @Override public double g(int index, double t, double[] y, double[] p) { return y[2] - 0.5; }
        @Override public int direction(int index) { return -1; }
        @Override public EventAction apply(int index, double t, double[] y, double[] p) {
            y[2] = 1.0;
            return EventAction.RESET_STATE;
        }
    };

    /** {@code Σ b_i C(d, i) s^i (1 - s)^(d - i)}, written out term by term. */
    private static double bernsteinValue(double[] b, int d, double s) {
        double sum = 0;
        for (int i = 0; i <= d; i++) {
            double binomial = 1;
            for (int k = 1; k <= i; k++) {
                binomial = binomial * (d - i + k) / k;
            }
            sum += b[i] * binomial * Math.pow(s, i) * Math.pow(1 - s, d - i);
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void bernsteinFormIntegralAndBoundMatchTheInterpolantOnEveryStep(OdeMethod method) {
        final AdaptiveIntegrator ode = method.create(3, IntegratorSettings.of(1e-6));
        ode.begin(PROBLEM, new double[0], 0.0, new double[] {1.0, 0.0, 1.0}, 3, new double[] {1e-8, 1e-8, 1e-8});
        final IterativeLegendreGaussIntegrator quadrature = new IterativeLegendreGaussIntegrator(5, 1e-14, 1e-14);
        final int[][] sums = {{0, 1}, {1, 1}, {2, 1}, {0, 2}, {0, 3}};
        final List<String> failures = new ArrayList<>();
        final int[] counts = new int[3]; // steps, truncated steps, steps with an interior maximum
        final double[] b = new double[DenseStep.MAX_DEGREE + 1];
        final int[] degree = {0};
        final StepObserver check = step -> {
            counts[0]++;
            degree[0] = step.degree();
            final double a = step.start();
            final double e = step.end();
            // a step an event truncated ends at the located crossing, before the reset is applied
            final boolean truncated = RESET.g(0, e, step.endState(), null) <= 0;
            if (truncated) {
                counts[1]++;
            }
            for (int[] sum : sums) {
                final int first = sum[0];
                final int count = sum[1];
                assertTrue(step.bernstein(first, count, b));
                final double bound = step.upperBound(first, count);
                double largest = Double.NEGATIVE_INFINITY;
                for (int k = 0; k <= 1000; k++) {
                    final double t = k == 1000 ? e : a + k * (e - a) / 1000;
                    double v = 0;
                    for (int j = first; j < first + count; j++) {
                        v += step.interpolate(t, j);
                    }
                    largest = Math.max(largest, v);
                    if (k % 50 == 0) {
                        final double s = (t - a) / (e - a);
                        if (Math.abs(bernsteinValue(b, step.degree(), s) - v) > 1e-13) {
                            failures.add("t=" + t + " sum " + first + "+" + count + ": Bernstein "
                                    + bernsteinValue(b, step.degree(), s) + " vs interpolant " + v);
                        }
                    }
                }
                double ends = 0;
                double starts = 0;
                for (int j = first; j < first + count; j++) {
                    ends += step.endState()[j];
                    starts += step.startState()[j];
                }
                if (!(bound >= largest && bound >= ends && bound >= starts)) {
                    failures.add("t=" + a + " sum " + first + "+" + count + ": bound " + bound + " below " + largest);
                }
                if (count == 1 && first == 0 && largest > Math.max(ends, starts) + 1e-6) {
                    counts[2]++;
                }
                final double integral = quadrature.integrate(100_000, t -> {
                    double v = 0;
                    for (int j = first; j < first + count; j++) {
                        v += step.interpolate(t, j);
                    }
                    return v;
                }, a, e);
                double mean = 0;
                for (int i = 0; i <= step.degree(); i++) {
                    mean += b[i] / (step.degree() + 1);
                }
                if (Math.abs(mean * (e - a) - integral) > 1e-13 * Math.max(1, Math.abs(integral))) {
                    failures.add("t=" + a + " sum " + first + "+" + count + ": integral " + mean * (e - a)
                            + " vs quadrature " + integral);
                }
            }
        };
        assertEquals(Outcome.OK, ode.advanceTo(20.0, check, RESET));
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + (failures.isEmpty() ? "" : failures.get(0)));
        // every kind of step was seen: truncated ones (20 days hold 8 resets) and interior maxima
        assertEquals(8, ode.eventsTriggered());
        assertTrue(counts[1] >= 8, counts[1] + " truncated steps");
        assertTrue(counts[2] >= 2, counts[2] + " steps with an interior maximum of y0");
        assertTrue(counts[0] > 20, counts[0] + " steps");
        assertEquals(method == OdeMethod.DP853 ? 7 : 4, degree[0], "degree of the interpolant");
    }

    @Test
    void aDenseStepWithoutPolynomialFormSaysSo() {
        final DenseStep plain = new DenseStep() {
            @Override public double start() { return 0; }
            @Override public double end() { return 1; }
            @Override public double[] endState() { return new double[1]; }
            @Override public double[] startState() { return new double[1]; }
            @Override public void interpolate(double t, double[] out) { out[0] = t; }
            @Override public double interpolate(double t, int component) { return t; }
        };
        final double[] out = {7, 7, 7, 7, 7};
        assertEquals(false, plain.bernstein(0, 1, out));
        assertEquals(7.0, out[0]);
        assertEquals(Double.POSITIVE_INFINITY, plain.upperBound(0, 1));
    }
}
