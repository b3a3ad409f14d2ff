package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Tsitouras54} (Tsit5): its tableau against the Runge–Kutta order conditions, its solves against
 * the closed-form solutions of {@link AnalyticProblem}, the orders of its step and of its continuous
 * extension measured by halving the step, and its dense output against Tsitouras' interpolation
 * polynomials written out independently here.
 *
 * <p>References: the order conditions are Butcher's rooted trees up to order 5 (Hairer, Nørsett,
 * Wanner, <i>Solving ODEs I</i>, Table II.2.2: one condition per tree, {@code Σ b_i Φ_i(τ) = 1/γ(τ)}),
 * 4 for the embedded weights; they hold for the published 16-digit coefficients to round-off (the
 * largest coefficient is ~13, so a sum of products is exact to ~1e-14). The interpolation polynomials
 * {@code b_i(θ) = r_i1 θ + r_i2 θ^2 + r_i3 θ^3 + r_i4 θ^4} are Tsitouras' in the expanded form of
 * OrdinaryDiffEq.jl's {@code Tsit5Interp}; the integrator keeps its dense output in another form (the
 * Hermite form of {@link RungeKutta54}), so the two agree only if both are right.
 */
class Tsitouras54Test {

    private static final double[] C = {0, Tsitouras54.C2, Tsitouras54.C3, Tsitouras54.C4, Tsitouras54.C5, 1, 1};
    private static final double[][] A = {
        {},
        {Tsitouras54.A21},
        {Tsitouras54.A31, Tsitouras54.A32},
        {Tsitouras54.A41, Tsitouras54.A42, Tsitouras54.A43},
        {Tsitouras54.A51, Tsitouras54.A52, Tsitouras54.A53, Tsitouras54.A54},
        {Tsitouras54.A61, Tsitouras54.A62, Tsitouras54.A63, Tsitouras54.A64, Tsitouras54.A65},
        {Tsitouras54.B1, Tsitouras54.B2, Tsitouras54.B3, Tsitouras54.B4, Tsitouras54.B5, Tsitouras54.B6},
    };
    private static final double[] B = {Tsitouras54.B1, Tsitouras54.B2, Tsitouras54.B3, Tsitouras54.B4,
        Tsitouras54.B5, Tsitouras54.B6, 0};
    private static final double[] E = {Tsitouras54.E1, Tsitouras54.E2, Tsitouras54.E3, Tsitouras54.E4,
        Tsitouras54.E5, Tsitouras54.E6, Tsitouras54.E7};

    // Tsitouras' interpolation polynomials, expanded (OrdinaryDiffEq.jl Tsit5Interp): R[i] = {r_i1..r_i4}
    private static final double[][] R = {
        {1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216},
        {0, 0.13169999999999998, -0.2234, 0.1017},
        {0, 3.9302962368947516, -5.941033872131505, 2.490627285651253},
        {0, -12.411077166933676, 30.33818863028232, -16.548102889244902},
        {0, 37.50931341651104, -88.1789048947664, 47.37952196281928},
        {0, -27.896526289197286, 65.09189467479366, -34.87065786149661},
        {0, 1.5, -4.0, 2.5},
    };

    private static final double ROUND_OFF = 1e-14;

    static Stream<AnalyticProblem> problems() {
        return Stream.of(new AnalyticProblem.ExponentialDecay(), new AnalyticProblem.LogisticGrowth(),
                new AnalyticProblem.HarmonicOscillator());
    }

    @Test
    void rowsSumToTheAbscissae() {
        for (int i = 1; i < 7; i++) {
            double sum = 0;
            for (double a : A[i]) {
                sum += a;
            }
            assertEquals(C[i], sum, ROUND_OFF, "row " + (i + 1));
        }
    }

    @Test
    void fifthOrderConditionsHold() {
        // the seventeen trees up to order 5 for the weights b (the seventh stage's weight is 0)
        final double[] c2 = power(C, 2);
        final double[] ac = times(C);
        final double[] ac2 = times(c2);
        final double[] aac = times(ac);
        assertEquals(1.0, dot(B, ones()), ROUND_OFF, "order 1");
        assertEquals(1.0 / 2, dot(B, C), ROUND_OFF, "order 2");
        assertEquals(1.0 / 3, dot(B, c2), ROUND_OFF, "order 3: b c^2");
        assertEquals(1.0 / 6, dot(B, ac), ROUND_OFF, "order 3: b A c");
        assertEquals(1.0 / 4, dot(B, power(C, 3)), ROUND_OFF, "order 4: b c^3");
        assertEquals(1.0 / 8, dot(B, product(C, ac)), ROUND_OFF, "order 4: b c Ac");
        assertEquals(1.0 / 12, dot(B, ac2), ROUND_OFF, "order 4: b A c^2");
        assertEquals(1.0 / 24, dot(B, aac), ROUND_OFF, "order 4: b A A c");
        assertEquals(1.0 / 5, dot(B, power(C, 4)), ROUND_OFF, "order 5: b c^4");
        assertEquals(1.0 / 10, dot(B, product(c2, ac)), ROUND_OFF, "order 5: b c^2 Ac");
        assertEquals(1.0 / 15, dot(B, product(C, ac2)), ROUND_OFF, "order 5: b c A c^2");
        assertEquals(1.0 / 30, dot(B, product(C, aac)), ROUND_OFF, "order 5: b c A A c");
        assertEquals(1.0 / 20, dot(B, product(ac, ac)), ROUND_OFF, "order 5: b (Ac)^2");
        assertEquals(1.0 / 20, dot(B, times(power(C, 3))), ROUND_OFF, "order 5: b A c^3");
        assertEquals(1.0 / 40, dot(B, times(product(C, ac))), ROUND_OFF, "order 5: b A (c Ac)");
        assertEquals(1.0 / 60, dot(B, times(ac2)), ROUND_OFF, "order 5: b A A c^2");
        assertEquals(1.0 / 120, dot(B, times(aac)), ROUND_OFF, "order 5: b A A A c");
    }

    @Test
    void embeddedWeightsAreOfOrderFourAndNotFive() {
        // the error weights e = b - b^ vanish on the eight trees up to order 4 ...
        final double[] ac = times(C);
        assertEquals(0.0, dot(E, ones()), ROUND_OFF, "order 1");
        assertEquals(0.0, dot(E, C), ROUND_OFF, "order 2");
        assertEquals(0.0, dot(E, power(C, 2)), ROUND_OFF, "order 3: c^2");
        assertEquals(0.0, dot(E, ac), ROUND_OFF, "order 3: A c");
        assertEquals(0.0, dot(E, power(C, 3)), ROUND_OFF, "order 4: c^3");
        assertEquals(0.0, dot(E, product(C, ac)), ROUND_OFF, "order 4: c Ac");
        assertEquals(0.0, dot(E, times(power(C, 2))), ROUND_OFF, "order 4: A c^2");
        assertEquals(0.0, dot(E, times(ac)), ROUND_OFF, "order 4: A A c");
        // ... and not on c^4 (else the estimate would not see the fifth-order error): 1/5 - b^ c^4
        assertTrue(Math.abs(dot(E, power(C, 4))) > 1e-4, "e c^4 = " + dot(E, power(C, 4)));
    }

    @Test
    void interpolationPolynomialsAreAFourthOrderContinuousExtension() {
        // Σ b_i(θ) Φ_i(τ) = θ^ρ(τ) / γ(τ) for the eight trees up to order 4, and b_i(1) = b_i
        final double[] ac = times(C);
        for (double theta : new double[] {0.1, 0.37, 0.5, 0.82, 1.0}) {
            final double[] bt = new double[7];
            for (int i = 0; i < 7; i++) {
                bt[i] = theta * (R[i][0] + theta * (R[i][1] + theta * (R[i][2] + theta * R[i][3])));
            }
            final double t2 = theta * theta;
            final double t3 = t2 * theta;
            final double t4 = t3 * theta;
            final double tol = 1e-13;
            assertEquals(theta, dot(bt, ones()), tol);
            assertEquals(t2 / 2, dot(bt, C), tol);
            assertEquals(t3 / 3, dot(bt, power(C, 2)), tol);
            assertEquals(t3 / 6, dot(bt, ac), tol);
            assertEquals(t4 / 4, dot(bt, power(C, 3)), tol);
            assertEquals(t4 / 8, dot(bt, product(C, ac)), tol);
            assertEquals(t4 / 12, dot(bt, times(power(C, 2))), tol);
            assertEquals(t4 / 24, dot(bt, times(ac)), tol);
            if (theta == 1.0) {
                for (int i = 0; i < 7; i++) {
                    assertEquals(B[i], bt[i], tol, "b_" + (i + 1) + "(1)");
                }
            }
        }
    }

    @Test
    void denseOutputIsTsitourasInterpolant() {
        // the integrator's Hermite form against y0 + h Σ b_i(θ) k_i with the polynomials above, on the
        // steps of the logistic problem (its stages all differ); the stages are recomputed here from the
        // tableau at each step's start, so the comparison uses nothing of the integrator but its steps
        final AnalyticProblem pb = new AnalyticProblem.LogisticGrowth();
        final AdaptiveIntegrator ode = OdeMethod.TSIT5.create(1, IntegratorSettings.of(pb.relTol()));
        final double[] worst = {0};
        final int[] steps = {0};
        ode.begin(pb, new double[0], pb.t0(), pb.y0(), 1, pb.absTol());
        assertEquals(Outcome.OK, ode.advanceTo(pb.tEnd(), step -> {
            final double h = step.end() - step.start();
            final double y0 = step.startState()[0];
            final double[] k = stages(pb, step.start(), y0, h);
            for (double theta : Trajectory.THETAS) {
                double sum = 0;
                for (int i = 0; i < 7; i++) {
                    sum += theta * (R[i][0] + theta * (R[i][1] + theta * (R[i][2] + theta * R[i][3]))) * k[i];
                }
                final double expected = y0 + h * sum;
                final double ours = step.interpolate(step.start() + theta * h, 0);
                worst[0] = Math.max(worst[0], Math.abs(ours - expected) / Math.abs(expected));
            }
            steps[0]++;
        }, EventFunctions.NONE));
        assertTrue(steps[0] > 10, "steps: " + steps[0]);
        // round-off of two evaluation orders of the same quartic (values up to 1000, terms up to ~100 h k)
        assertTrue(worst[0] <= 1e-13, "dense output differs from Tsitouras' polynomials by " + worst[0] + " (relative)");
    }

    @Test
    void anEventInAStabilityLimitedStretchGetsAnAccurateState() {
        // StiffRelaxation, the problem of DormandPrince853Test's stiff-event test: steps held at the
        // stability limit, where an interpolant may be off by many tolerance units (DP853's degree-7 one
        // by ~30, so DP853 steps to its events), and an event at t = 100 in that stretch. Tsit5 takes the
        // event state from its quartic interpolant, which must stay within the tolerance there.
        final double[] atEvent = {Double.NaN, Double.NaN};
        final AdaptiveIntegrator ode = StiffRelaxation.start(OdeMethod.TSIT5);
        final double[] longest = {0};
        final double[] worstInside = {0};
        assertEquals(Outcome.OK, ode.advanceTo(StiffRelaxation.END, step -> {
            longest[0] = Math.max(longest[0], step.end() - step.start());
            if (step.start() > 20) {
                for (double theta : Trajectory.THETAS) {
                    final double t = step.start() + theta * (step.end() - step.start());
                    worstInside[0] = Math.max(worstInside[0], StiffRelaxation.toleranceUnits(step.interpolate(t, 0), t));
                }
            }
        }, StiffRelaxation.crossing(atEvent)));
        assertEquals(1, ode.eventsTriggered());
        assertEquals(StiffRelaxation.EVENT_TIME, atEvent[0], 1e-6, "event time");
        final double eventError = StiffRelaxation.toleranceUnits(atEvent[1], atEvent[0]);
        // Measured: longest step 2.23 days (4.5 relaxation times), the event state 0.66 tolerance units
        // off, the interpolant at most 2.10 inside the steps after day 20 (DP54's quartic: 1.1; DP853's
        // degree-7: ~30). Bounds at about twice those.
        assertTrue(longest[0] > 1.5, "not stability-limited: longest step " + longest[0]);
        assertTrue(eventError <= 1.5, "event state " + eventError + " tolerance units off");
        assertTrue(worstInside[0] <= 4.5, "interpolant " + worstInside[0] + " tolerance units off in the stiff stretch");
    }

    /** The seven stages of one step of size {@code h} from {@code (t0, y0)} of a scalar problem. */
    private static double[] stages(AnalyticProblem pb, double t0, double y0, double h) {
        final double[] k = new double[7];
        final double[] in = new double[1];
        final double[] out = new double[1];
        for (int i = 0; i < 7; i++) {
            double sum = 0;
            for (int j = 0; j < i; j++) {
                sum += A[i][j] * k[j];
            }
            in[0] = y0 + h * sum;
            pb.derivatives(t0 + C[i] * h, in, new double[0], out);
            k[i] = out[0];
        }
        return k;
    }

    @ParameterizedTest
    @MethodSource("problems")
    void globalAndDenseErrorsStayNearTheTolerance(AnalyticProblem pb) {
        final Trajectory tr = Trajectory.ours(OdeMethod.TSIT5, pb, IntegratorSettings.of(pb.relTol()));
        assertEquals(Outcome.OK, tr.outcome);
        final double atEnds = pb.maxScaledError(tr.stepTimes, tr.stepStates);
        final double inside = pb.maxScaledError(tr.sampleTimes, tr.sampleStates);
        // Measured 2026-11-27, at step ends / inside steps: decay 1.02 / 1.00, logistic 0.16 / 1.12,
        // oscillator 4.21 / 4.13 tolerance units (DP54: 1.78 / 1.73, 0.63 / 3.29, 5.0 / 5.0). Bounds at
        // about twice the worst: a wrong coefficient or a controller that accepts too-large steps breaks
        // them, round-off does not.
        assertTrue(atEnds <= 8.5, pb.name() + ": global error " + atEnds + " tolerance units");
        assertTrue(inside <= 8.5, pb.name() + ": dense-output error " + inside + " tolerance units");
        assertTrue(atEnds > 1e-3, pb.name() + ": suspiciously exact " + atEnds);
    }

    @ParameterizedTest
    @MethodSource("problems")
    void sixEvaluationsPerAttemptAndNoMoreStepsThanDormandPrince54(AnalyticProblem pb) {
        final AdaptiveIntegrator ode = OdeMethod.TSIT5.create(pb.dimension(), IntegratorSettings.of(pb.relTol()));
        ode.begin(pb, new double[0], pb.t0(), pb.y0(), pb.dimension(), pb.absTol());
        assertEquals(Outcome.OK, ode.advanceTo(pb.tEnd(), StepObserver.NONE, EventFunctions.NONE));
        // f(t0) and the initial-step probe, then six new stages per attempt (first same as last)
        assertEquals(2 + 6 * (ode.acceptedSteps() + ode.rejectedSteps()), ode.evaluations());
        // Measured 2026-11-27 (accepted steps, Tsit5 / DP54): decay 34 / 38, logistic 32 / 35 (Tsit5 with
        // 2 rejections), oscillator 65 / 74: Tsitouras' smaller fifth-order error coefficients
        final Trajectory dp54 = Trajectory.ours(OdeMethod.DP54, pb, IntegratorSettings.of(pb.relTol()));
        assertTrue(ode.acceptedSteps() <= dp54.acceptedSteps,
                pb.name() + ": " + ode.acceptedSteps() + " steps vs DP54 " + dp54.acceptedSteps);
    }

    @Test
    void stepIsFifthOrderAndDenseOutputFourthOrder() {
        // Started on the exact solution, a step of size h is off by C h^6 at its end (order 5) and the
        // interpolant by C' h^5 inside (order 4): halving h divides them by 64 and 32 once h is small
        // enough. Steps are forced to h by maxStep with a loose tolerance; the oscillator (smooth, O(1))
        // keeps round-off far below. Measured ratios (step, dense) for h = 0.4 -> 0.2 -> ... -> 0.0125:
        // (117, 57), (99, 39), (80, 34), (68.8, 32.6), (63.3, 32.1): Tsitouras chose the pair for small
        // fifth-order error coefficients, so the next order's term fades only at small h. At 0.05 -> 0.025
        // an order less or more would give 32 or 128 for the step, 16 or 64 for the interpolant.
        final double[] e1 = Trajectory.localErrors(OdeMethod.TSIT5, new AnalyticProblem.HarmonicOscillator(), 0.05);
        final double[] e2 = Trajectory.localErrors(OdeMethod.TSIT5, new AnalyticProblem.HarmonicOscillator(), 0.025);
        final double stepRatio = e1[0] / e2[0];
        final double denseRatio = e1[1] / e2[1];
        assertTrue(stepRatio > 56 && stepRatio < 80, "step error ratio for h -> h/2: " + stepRatio);
        assertTrue(denseRatio > 28 && denseRatio < 37, "dense error ratio for h -> h/2: " + denseRatio);
    }

    // --- small vector algebra over the seven stages ---------------------------------------------

    private static double[] ones() {
        return new double[] {1, 1, 1, 1, 1, 1, 1};
    }

    private static double[] power(double[] v, int p) {
        final double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.pow(v[i], p);
        }
        return out;
    }

    private static double[] product(double[] u, double[] v) {
        final double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * v[i];
        }
        return out;
    }

    /** {@code A v}. */
    private static double[] times(double[] v) {
        final double[] out = new double[7];
        for (int i = 0; i < 7; i++) {
            double sum = 0;
            for (int j = 0; j < A[i].length; j++) {
                sum += A[i][j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
