package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Accuracy, cost and agreement tests of {@link DormandPrince54} on one {@link AnalyticProblem}, in the
 * style of Hipparchus' {@code EmbeddedRungeKuttaIntegratorAbstractTest}: each concrete subclass gives
 * the problem and pins the figures measured on it.
 *
 * <p>Errors are measured in units of the tolerance, {@code |y_i - exact_i| / (atol_i + rtol |exact_i|)},
 * maximised over components and over step ends (or dense-output samples). Justification of the pinned
 * bounds: the controller accepts a step only when the weighted RMS of its local error estimate is
 * below 1, so each step adds at most about one tolerance unit; for these non-stiff problems (decay and
 * the late logistic phase contract errors, the oscillator conserves them) the global error stays a
 * small multiple of the tolerance. The bounds are pinned at about twice the measured value: a wrong
 * coefficient or a controller that accepts too-large steps breaks them, round-off does not.
 */
abstract class DormandPrince54AbstractTest {

    /** Settings for the problem: its relative tolerance, Hipparchus' controller defaults. */
    protected IntegratorSettings settings() {
        return IntegratorSettings.of(problem().relTol());
    }

    /** @return the problem under test */
    protected abstract AnalyticProblem problem();

    /** @return regression pin: right-hand-side evaluations at the problem's tolerances (measured) */
    protected abstract long pinnedEvaluations();

    /** @return regression pin: accepted steps at the problem's tolerances (measured) */
    protected abstract long pinnedAcceptedSteps();

    /** @return bound on the global error at step ends, in tolerance units (about 2x measured) */
    protected abstract double globalErrorBound();

    /** @return bound on the error of dense-output samples inside steps, in tolerance units (about 2x measured) */
    protected abstract double denseErrorBound();

    /** Largest error of {@code states} against the exact solution at {@code times}, in tolerance units. */
    protected final double maxScaledError(List<Double> times, List<double[]> states) {
        return problem().maxScaledError(times, states);
    }

    @Test
    void reachesTheEndWithinPinnedMultipleOfTolerance() {
        final Trajectory tr = Trajectory.ours(problem(), settings());
        assertEquals(Outcome.OK, tr.outcome);
        assertEquals(problem().tEnd(), tr.finalTime, 0.0);
        final double err = maxScaledError(tr.stepTimes, tr.stepStates);
        assertTrue(err <= globalErrorBound(), "global error " + err + " tolerance units > " + globalErrorBound());
        // the error must also be resolved at all, or the bound would be vacuous
        assertTrue(err > 1e-3 * globalErrorBound(), "suspiciously exact: " + err);
    }

    @Test
    void evaluationCountsAreRegressionPins() {
        // Regression pins, measured 2026-11-26: a change means the controller or the initial step changed.
        final Trajectory tr = Trajectory.ours(problem(), settings());
        assertEquals(pinnedAcceptedSteps(), tr.acceptedSteps, "accepted steps");
        assertEquals(pinnedEvaluations(), tr.evaluations, "evaluations");
    }

    @Test
    void takesTheSameStepsAsHipparchusDormandPrince54() {
        // Reference: Hipparchus 4.0.2 DormandPrince54Integrator, same vector atol/rtol and controller
        // settings. The controller and the initial step are the same algorithm, so the accepted steps
        // coincide up to round-off (StrictMath.pow vs FastMath.pow, operation order).
        final AnalyticProblem pb = problem();
        final Trajectory ours = Trajectory.ours(pb, settings());
        final Trajectory ref = Trajectory.hipparchus54(pb, new double[0], pb.t0(), pb.y0(), pb.tEnd(),
                pb.absTol(), settings());
        assertEquals(ref.acceptedSteps, ours.acceptedSteps, "accepted steps");
        assertEquals(ref.evaluations, ours.evaluations, "evaluations");
        final double dt = ours.maxStepTimeDifference(ref);
        assertTrue(dt <= 1e-12, "step times differ by " + dt + " (relative)");
        // Same steps, same formulas: the solutions agree far inside the tolerance. 1e-3 tolerance
        // units leaves room for the round-off drift of the step times (1e-12 relative times |y'|).
        final double atEnds = Trajectory.maxScaledDifference(pb, ours.stepStates, ref.stepStates);
        assertTrue(atEnds <= 1e-3, "step ends " + atEnds + " tolerance units from Hipparchus");
    }

    @Test
    void denseOutputIsHipparchusInterpolant() {
        // Reference: Hipparchus' DormandPrince54StateInterpolator (Shampine's 1986 dense output,
        // written in another basis, with the same coefficients as Hairer's CONTD5). On the same steps
        // both polynomials are the same, so the samples agree to round-off and step-time drift.
        final AnalyticProblem pb = problem();
        final Trajectory ours = Trajectory.ours(pb, settings());
        final Trajectory ref = Trajectory.hipparchus54(pb, new double[0], pb.t0(), pb.y0(), pb.tEnd(),
                pb.absTol(), settings());
        final double inside = Trajectory.maxScaledDifference(pb, ours.sampleStates, ref.sampleStates);
        assertTrue(inside <= 1e-3, "dense output " + inside + " tolerance units from Hipparchus");
    }

    @Test
    void agreesWithDormandPrince853Reference() {
        // Reference: Hipparchus DormandPrince853Integrator at rtol = 1e-12 (atol scaled alike), whose
        // own error is checked against the exact solution first: it is 1e-4 tolerance units or better.
        final AnalyticProblem pb = problem();
        final Trajectory ours = Trajectory.ours(pb, settings());
        final double[] times = ours.stepTimes.stream().mapToDouble(Double::doubleValue).toArray();
        final double[] atolRef = pb.absTol();
        for (int i = 0; i < atolRef.length; i++) {
            atolRef[i] *= 1e-12 / pb.relTol();
        }
        final double[][] ref = Trajectory.hipparchus853At(pb, new double[0], pb.t0(), pb.y0(), times, atolRef, 1e-12);
        final List<double[]> refStates = new ArrayList<>(List.of(ref));
        final List<Double> refTimes = ours.stepTimes;
        assertTrue(maxScaledError(refTimes, refStates) <= 1e-4, "reference not accurate enough");
        double worst = 0;
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < pb.dimension(); i++) {
                worst = Math.max(worst, Math.abs(ours.stepStates.get(k)[i] - ref[k][i]) / pb.scale(i, ref[k][i]));
            }
        }
        assertTrue(worst <= globalErrorBound(), "error vs DP853 " + worst + " tolerance units");
    }

    @Test
    void denseOutputWithinPinnedMultipleOfTolerance() {
        final Trajectory tr = Trajectory.ours(problem(), settings());
        final double err = maxScaledError(tr.sampleTimes, tr.sampleStates);
        assertTrue(err <= denseErrorBound(), "dense output error " + err + " tolerance units > " + denseErrorBound());
    }

    @Test
    void denseOutputIsFourthOrder() {
        // The continuous extension has order 4: inside a step of size h started from y(ts), its error
        // against the exact flow from (ts, y(ts)) is C h^5. Halving h must divide it by 2^5 = 32; a
        // third-order interpolant (e.g. wrong CONTD5 coefficients, leaving only the Hermite cubic)
        // would give 16. Steps are forced to h by maxStep with a loose tolerance (no rejections);
        // absolute errors, the largest over the components (on the decay problem, the 1e6 one).
        final double e1 = Trajectory.localErrors(OdeMethod.DP54, problem(), 0.2)[1];
        final double e2 = Trajectory.localErrors(OdeMethod.DP54, problem(), 0.1)[1];
        final double ratio = e1 / e2;
        assertTrue(ratio > 26 && ratio < 38, "error ratio for h -> h/2: " + ratio + " (" + e1 + ", " + e2 + ")");
    }

}
