package org.vtrial.engine.model.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vtrial.engine.bench.Cohorts;
import org.vtrial.engine.ode.DormandPrince54;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;
import org.vtrial.engine.ode.Trajectory;

/**
 * {@code tumor-control} (MODELS.md §2) solved by {@link DormandPrince54}, against the closed form of
 * MODELS.md §2, the control threshold {@code R_ctrl = 1}, and Hipparchus' integrators.
 */
class TumorControlModelTest {

    private static final TumorControlModel MODEL = new TumorControlModel();
    private static final double R = 0.1;
    private static final double ALPHA = 1e-9;
    private static final double DELTA = 0.5;

    /** A patient with the given tumor-control number: r = 0.1, alpha = 1e-9, delta = 0.5, T0 = 1e9, C0 = 1e6. */
    private static double[] patient(double rCtrl) {
        final double[] p = new double[MODEL.parameters().size()];
        p[TumorControlModel.P_R] = R;
        p[TumorControlModel.P_ALPHA] = ALPHA;
        p[TumorControlModel.P_DELTA] = DELTA;
        p[TumorControlModel.P_KAPPA] = R * DELTA / (ALPHA * rCtrl);
        p[TumorControlModel.P_T0] = 1e9;
        p[TumorControlModel.P_C0] = 1e6;
        assertEquals(rCtrl, TumorControlModel.controlNumber(p), 1e-15 * rCtrl);
        return p;
    }

    private static DormandPrince54 begin(double[] p, double rtol, double[] atol) {
        final DormandPrince54 integrator = DormandPrince54.create(2, IntegratorSettings.of(rtol));
        final double[] y0 = new double[2];
        MODEL.initialState(p, y0);
        integrator.begin(MODEL, p, 0.0, y0, 2, atol);
        return integrator;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 0.99, 1.01, 1.1, 2.0})
    void controlledIffControlNumberBelowOne(double rCtrl) {
        // MODELS.md §2: C(t) -> kappa/delta, so ln T eventually grows at r - alpha kappa / delta =
        // r (1 - 1/R_ctrl): the tumor shrinks without bound iff R_ctrl < 1. Over [100, 300] days the
        // transient e^{-delta t} < 2e-22 is gone, so the measured slope must equal that rate.
        final double[] p = patient(rCtrl);
        final DormandPrince54 integrator = begin(p, 1e-11, new double[] {1e-30, 1e-30});
        assertEquals(Outcome.OK, integrator.advanceTo(100.0, StepObserver.NONE, EventFunctions.NONE));
        final double lnT100 = Math.log(integrator.state()[TumorControlModel.T]);
        assertEquals(Outcome.OK, integrator.advanceTo(300.0, StepObserver.NONE, EventFunctions.NONE));
        final double slope = (Math.log(integrator.state()[TumorControlModel.T]) - lnT100) / 200.0;
        final double expected = R * (1.0 - 1.0 / rCtrl);
        assertEquals(rCtrl < 1.0, slope < 0.0, "R_ctrl " + rCtrl + ": slope " + slope);
        // relative error of T ~ 1e-10 at rtol 1e-11, i.e. 1e-12 per day on the slope, |expected| >= 1e-3
        assertEquals(expected, slope, 1e-6 * Math.abs(expected));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 1.1, 2.0})
    void agreesWithClosedFormToOneInTenToTheEight(double rCtrl) {
        // rtol 1e-11: global errors of a few tolerance units are ~1e-10 relative, 100x inside 1e-8;
        // atol 1e-30 cells keeps the control relative even where the tumor falls to 1e-4 cells.
        final double[] p = patient(rCtrl);
        final double[] y0 = new double[2];
        MODEL.initialState(p, y0);
        final Trajectory tr = Trajectory.ours(MODEL, p, 0.0, y0, Cohorts.HORIZON, new double[] {1e-30, 1e-30},
                IntegratorSettings.of(1e-11));
        assertEquals(Outcome.OK, tr.outcome);
        assertClosedForm(p, tr.stepTimes, tr.stepStates, 1e-8);
        assertClosedForm(p, tr.sampleTimes, tr.sampleStates, 1e-8); // dense output too
    }

    private static void assertClosedForm(double[] p, List<Double> times, List<double[]> states, double relative) {
        for (int k = 0; k < times.size(); k++) {
            final double t = times.get(k);
            final double tumor = TumorControlModel.exactTumor(p, t);
            final double carT = TumorControlModel.exactCarT(p, t);
            assertEquals(tumor, states.get(k)[TumorControlModel.T], relative * tumor, "T at " + t);
            assertEquals(carT, states.get(k)[TumorControlModel.C], relative * carT, "C at " + t);
        }
    }

    @Test
    void closedFormIsTheOneOfModelsMd() {
        // Independent transcription of MODELS.md §2, checked against the model's exactTumor/exactCarT
        // (which the other tests use as the reference):
        //   C(t) = kappa/delta + (C0 - kappa/delta) exp(-delta t)
        //   T(t) = T0 exp( r t - alpha [ (kappa/delta) t + (C0 - kappa/delta)(1 - exp(-delta t)) / delta ] )
        final double[] p = patient(0.9);
        final double kappa = p[TumorControlModel.P_KAPPA];
        final double c0 = p[TumorControlModel.P_C0];
        for (double t : new double[] {0.0, 0.5, 3.0, 30.0, 365.0}) {
            final double c = kappa / DELTA + (c0 - kappa / DELTA) * Math.exp(-DELTA * t);
            final double tumor = p[TumorControlModel.P_T0] * Math.exp(R * t
                    - ALPHA * ((kappa / DELTA) * t + (c0 - kappa / DELTA) * (1 - Math.exp(-DELTA * t)) / DELTA));
            assertEquals(c, TumorControlModel.exactCarT(p, t), 1e-14 * c);
            assertEquals(tumor, TumorControlModel.exactTumor(p, t), 1e-12 * tumor);
        }
        // and the closed form solves the equations: dT/dt = (r - alpha C) T by a centred difference
        final double t = 7.0;
        final double dt = 1e-4;
        final double slope = (TumorControlModel.exactTumor(p, t + dt) - TumorControlModel.exactTumor(p, t - dt)) / (2 * dt);
        final double rhs = (R - ALPHA * TumorControlModel.exactCarT(p, t)) * TumorControlModel.exactTumor(p, t);
        assertEquals(rhs, slope, 1e-7 * Math.abs(rhs));
    }

    @Test
    void sameStepsAsHipparchusAndWithinToleranceOfDormandPrince853() {
        // References: Hipparchus 4.0.2 DormandPrince54Integrator at identical vector tolerances (the
        // same controller: same accepted steps), and DormandPrince853Integrator at rtol 1e-12 (the
        // accuracy reference), for 20 patients of the benchmark cohort at the model's own tolerances.
        //
        // Step times: the two runs differ only by the last bit of the controller's root (FastMath.pow
        // there, FifthRoot here). On this model the error estimate is a difference of stage
        // derivatives about 1e6 times larger than itself (dC/dt ~ kappa, rtol 1e-6), so one ulp of a
        // step size becomes ~1e-10 relative in the next error estimate and ~2e-11 in the next step:
        // 1e-12 is out of reach for any implementation that is not bit-identical. The bound is 1e-9,
        // and Hipparchus against itself, started 1 ulp away, shows the same spread (checked below),
        // so the difference is the problem's round-off sensitivity, not a different controller.
        final double rtol = 1e-6;
        final IntegratorSettings settings = IntegratorSettings.of(rtol);
        final double[] y0 = new double[2];
        final double[] atol = new double[2];
        double worst = 0;
        double worstStepTime = 0;
        double hipparchusSpread = 0;
        for (double[] p : List.of(Cohorts.tumorControl(20))) {
            MODEL.initialState(p, y0);
            MODEL.absoluteTolerance(p, rtol, y0, atol);
            final Trajectory ours = Trajectory.ours(MODEL, p, 0.0, y0, Cohorts.HORIZON, atol, settings);
            final Trajectory hip = Trajectory.hipparchus54(MODEL, p, 0.0, y0, Cohorts.HORIZON, atol, settings);
            assertEquals(hip.acceptedSteps, ours.acceptedSteps, "accepted steps");
            assertEquals(hip.evaluations, ours.evaluations, "evaluations");
            worstStepTime = Math.max(worstStepTime, ours.maxStepTimeDifference(hip));
            final double[] y0Ulp = {Math.nextUp(y0[0]), y0[1]};
            final Trajectory hipUlp = Trajectory.hipparchus54(MODEL, p, 0.0, y0Ulp, Cohorts.HORIZON, atol, settings);
            hipparchusSpread = Math.max(hipparchusSpread, hip.maxStepTimeDifference(hipUlp));
            final double[] atolRef = {atol[0] * 1e-6, atol[1] * 1e-6};
            final Trajectory ref = Trajectory.hipparchus853(MODEL, p, 0.0, y0, Cohorts.HORIZON, atolRef, 1e-12);
            for (int i = 0; i < 2; i++) {
                final double scale = atol[i] + rtol * Math.abs(ref.finalState[i]);
                // agreement with Hipparchus DP54 (same steps): far inside the tolerance
                assertEquals(hip.finalState[i], ours.finalState[i], 1e-3 * scale);
                worst = Math.max(worst, Math.abs(ours.finalState[i] - ref.finalState[i]) / scale);
                // the reference itself against the closed form: 1e-4 tolerance units or better
                final double exact = i == 0 ? TumorControlModel.exactTumor(p, Cohorts.HORIZON)
                        : TumorControlModel.exactCarT(p, Cohorts.HORIZON);
                assertEquals(exact, ref.finalState[i], 1e-4 * scale);
            }
        }
        assertTrue(worstStepTime <= 1e-9, "step times differ by " + worstStepTime + " (relative)");
        assertTrue(hipparchusSpread >= 0.1 * worstStepTime, "Hipparchus' own 1-ulp spread " + hipparchusSpread);
        // global error at the horizon in tolerance units (bound: about 2x the measured worst 10.4;
        // tumors growing e^30-fold over the year amplify early local errors)
        assertTrue(worst <= 20, "error vs DP853: " + worst + " tolerance units");
    }
}
