package org.vtrial.engine.model.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vtrial.engine.model.GrowthLaw;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.ode.DormandPrince54;
import org.vtrial.engine.ode.EventAction;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;
import org.vtrial.engine.ode.Trajectory;

/**
 * {@code predator-prey} (MODELS.md §1) solved by {@link DormandPrince54}: the expected behaviour of
 * MODELS.md §1 (expansion, regression, contraction) for every growth law, the location of the CAR
 * T-cell peak where {@code dC/dt = 0}, i.e. {@code B = d/p}, the Lotka–Volterra first integral of the
 * exponential law, and Hipparchus' DormandPrince853Integrator as the accuracy reference.
 */
class PredatorPreyModelTest {

    private static final PredatorPreyModel MODEL = new PredatorPreyModel();
    private static final double RTOL = 1e-10;
    private static final double[] ATOL = {1e-6, 1e-6};
    private static final double HORIZON = 120.0;

    /** r = 0.05/day, K = 1e12, k = 1e-8, p = 2e-10, d = 0.1/day, B0 = 5e9, C0 = 1e6: p B0 = 1 > d. */
    private static double[] patient(GrowthLaw law) {
        final double[] p = new double[MODEL.parameters().size()];
        p[PredatorPreyModel.P_R] = 0.05;
        p[PredatorPreyModel.P_K] = 1e12;
        p[PredatorPreyModel.P_KILL] = 1e-8;
        p[PredatorPreyModel.P_P] = 2e-10;
        p[PredatorPreyModel.P_D] = 0.1;
        p[PredatorPreyModel.P_B0] = 5e9;
        p[PredatorPreyModel.P_C0] = 1e6;
        p[PredatorPreyModel.P_GROWTH] = law.ordinal();
        return p;
    }

    /** dC/dt = C (p B - d): falls through 0, from above, at the CAR T-cell peak. Stops there. */
    private static final EventFunctions PEAK = new EventFunctions() {
        @Override
        public int eventCount() {
            return 1;
        }

        @Override
        public double g(int index, double t, double[] y, double[] p) {
            return p[PredatorPreyModel.P_P] * y[PredatorPreyModel.B] - p[PredatorPreyModel.P_D];
        }

        @Override
        public int direction(int index) {
            return -1;
        }

        @Override
        public EventAction apply(int index, double t, double[] y, double[] p) {
            return EventAction.STOP;
        }
    };

    /** Tracks the monotonicity and range of the CAR T-cells over the accepted steps. */
    private static final class Shape implements StepObserver {
        boolean cAlwaysRose = true;
        boolean cAlwaysFell = true;
        double cMax;
        double cMin = Double.POSITIVE_INFINITY;

        @Override
        public void onStep(DenseStep step) {
            final double c0 = step.startState()[PredatorPreyModel.C];
            final double c1 = step.endState()[PredatorPreyModel.C];
            cAlwaysRose &= c1 > c0;
            cAlwaysFell &= c1 < c0;
                cMax = Math.max(cMax, c1);
            cMin = Math.min(cMin, c1);
        }
    }

    @ParameterizedTest
    @EnumSource(GrowthLaw.class)
    void expansionThenRegressionThenContraction(GrowthLaw law) {
        final double[] p = patient(law);
        final double[] y0 = new double[2];
        MODEL.initialState(p, y0);
        final DormandPrince54 integrator = DormandPrince54.create(2, IntegratorSettings.of(RTOL));
        integrator.begin(MODEL, p, 0.0, y0, 2, ATOL);

        // Expansion: C rises, from the start, up to its peak, located where dC/dt = 0.
        final Shape expansion = new Shape();
        assertEquals(Outcome.STOPPED, integrator.advanceTo(HORIZON, expansion, PEAK));
        final double tPeak = integrator.time();
        final double bPeak = integrator.state()[PredatorPreyModel.B];
        final double cPeak = integrator.state()[PredatorPreyModel.C];
        assertTrue(expansion.cAlwaysRose, law + ": C did not rise monotonically to its peak");
        assertTrue(cPeak > 10 * p[PredatorPreyModel.P_C0], law + ": expansion only to " + cPeak);
        // At the peak dC/dt = C (p B - d) = 0, so B = d / p (MODELS.md §1): the event tolerance 1e-9
        // days times |dB/dt| / B (~1/day) gives ~1e-9 relative.
        assertEquals(p[PredatorPreyModel.P_D] / p[PredatorPreyModel.P_P], bPeak, 1e-8 * bPeak, law + ": B at the C peak");

        // Regression: at the peak the tumor is below its initial size and falling (dB/dt < 0).
        final double[] yDot = new double[2];
        MODEL.derivatives(tPeak, integrator.state(), p, yDot);
        assertTrue(bPeak < p[PredatorPreyModel.P_B0], law + ": tumor did not regress, B = " + bPeak);
        assertTrue(yDot[PredatorPreyModel.B] < 0, law + ": tumor not falling at the C peak");

        // Contraction: after the peak C falls, monotonically, to less than a tenth of its peak (the
        // tumor may regrow meanwhile: that is the relapse of the predator-prey cycle).
        final Shape contraction = new Shape();
        integrator.stateChanged();
        assertEquals(Outcome.OK, integrator.advanceTo(tPeak + 30.0, contraction, EventFunctions.NONE));
        assertTrue(contraction.cAlwaysFell, law + ": C did not fall after its peak");
        assertTrue(contraction.cMax <= cPeak, law + ": C exceeded its located peak");
        assertTrue(integrator.state()[PredatorPreyModel.C] < 0.1 * cPeak,
                law + ": contraction only to " + integrator.state()[PredatorPreyModel.C] / cPeak + " of the peak");
    }

    @Test
    void exponentialLawConservesTheLotkaVolterraFirstIntegral() {
        // With phi = 1 the model is the Lotka–Volterra system, whose first integral
        //   V(B, C) = p B - d ln B + k C - r ln C
        // is constant along solutions (Hirsch, Smale & Devaney, Differential Equations, Dynamical
        // Systems and an Introduction to Chaos, §11.3). Its terms are O(1) and its gradient is
        // (p - d/B, k - r/C), so relative state errors e give a drift ~ (d + r) e: at rtol 1e-10 over
        // a 200-day cycle (~650 steps) the measured drift is 2.5e-10; bound 1e-9.
        final double[] p = patient(GrowthLaw.EXPONENTIAL);
        final double[] y0 = new double[2];
        MODEL.initialState(p, y0);
        final Trajectory tr = Trajectory.ours(MODEL, p, 0.0, y0, 200.0, ATOL, IntegratorSettings.of(RTOL));
        assertEquals(Outcome.OK, tr.outcome);
        final double v0 = invariant(p, y0);
        double drift = 0;
        for (double[] y : tr.stepStates) {
            drift = Math.max(drift, Math.abs(invariant(p, y) - v0));
        }
        for (double[] y : tr.sampleStates) {
            drift = Math.max(drift, Math.abs(invariant(p, y) - v0));
        }
        assertTrue(drift <= 1e-9, "first integral drifted by " + drift);
    }

    private static double invariant(double[] p, double[] y) {
        final double b = y[PredatorPreyModel.B];
        final double c = y[PredatorPreyModel.C];
        return p[PredatorPreyModel.P_P] * b - p[PredatorPreyModel.P_D] * Math.log(b)
                + p[PredatorPreyModel.P_KILL] * c - p[PredatorPreyModel.P_R] * Math.log(c);
    }

    @ParameterizedTest
    @EnumSource(GrowthLaw.class)
    void withinToleranceOfDormandPrince853(GrowthLaw law) {
        // Reference: Hipparchus DormandPrince853Integrator at rtol 1e-12 (atol 1e-12 cells), at the
        // model's own tolerances (rtol 1e-6, atol 1e-6 cells) for us. Error in tolerance units at
        // the horizon: measured 7.5 (exponential, logistic: a 1000-fold regression of the tumor
        // and a 1e5-fold contraction amplify early errors) and 2.9 (Gompertz); bound 15.
        final double rtol = 1e-6;
        final double[] p = patient(law);
        final double[] y0 = new double[2];
        final double[] atol = new double[2];
        MODEL.initialState(p, y0);
        MODEL.absoluteTolerance(p, rtol, y0, atol);
        final Trajectory ours = Trajectory.ours(MODEL, p, 0.0, y0, HORIZON, atol, IntegratorSettings.of(rtol));
        final Trajectory ref = Trajectory.hipparchus853(MODEL, p, 0.0, y0, HORIZON, new double[] {1e-12, 1e-12}, 1e-12);
        double worst = 0;
        for (int i = 0; i < 2; i++) {
            worst = Math.max(worst, Math.abs(ours.finalState[i] - ref.finalState[i])
                    / (atol[i] + rtol * Math.abs(ref.finalState[i])));
        }
        assertTrue(worst <= 15, law + ": error vs DP853 " + worst + " tolerance units");
    }
}
