package org.vtrial.engine.model.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.ode.AdaptiveIntegrator;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.ode.StepObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

class FisherKppModelTest {

    private static final FisherKppModel MODEL = new FisherKppModel();

    private static double[] params(double d, double alpha, double kappa, double delta, double t0, double e0,
                                   double x0, double lx, int nx) {
        final double[] p = MODEL.parameters().defaults();
        p[FisherKppModel.P_D_E] = d;
        p[FisherKppModel.P_ALPHA] = alpha;
        p[FisherKppModel.P_KAPPA] = kappa;
        p[FisherKppModel.P_DELTA] = delta;
        p[FisherKppModel.P_T0] = t0;
        p[FisherKppModel.P_E0] = e0;
        p[FisherKppModel.P_X0] = x0;
        p[FisherKppModel.P_L_X] = lx;
        p[FisherKppModel.P_N_X] = nx;
        return p;
    }

    @Test
    void registeredWithTwoStatesPerCell() {
        final Model m = ModelRegistry.get("fisher-kpp");
        assertTrue(m instanceof FisherKppModel);
        assertEquals(800, m.dimension(m.parameters().defaults()));
        assertEquals(List.of("D_E", "alpha", "kappa", "delta", "T0", "E0", "x0", "L_x", "n_x"), m.parameters().names());
        assertEquals(List.of("front_speed", "front_fit_samples", "front_position", "time_to_depth",
                "tumor_fraction_cleared"), PatientSimulator.create(m, IntegratorSettings.of(1e-6)).endpointColumns()
                .stream().map(c -> c.name()).toList());
    }

    /**
     * Derivative on a 3-cell grid against a hand computation. D_E = 0.3, alpha = 2, kappa = 0.5,
     * delta = 0.1, L_x = 1.5 (dx = 0.5, D/dx^2 = 1.2), T = (1, 2, 3), E = (0.5, 0.25, 0.125):
     * kill = kappa E T = (0.25, 0.25, 0.1875), so dT = (-0.25, -0.25, -0.1875);
     * zero-flux Laplacian times D/dx^2: 1.2 * (E1 - E0, E0 - 2 E1 + E2, E1 - E2) = (-0.3, 0.15, 0.15);
     * dE = diffusion + alpha kill - delta E = (-0.3 + 0.5 - 0.05, 0.15 + 0.5 - 0.025, 0.15 + 0.375 - 0.0125)
     * = (0.15, 0.625, 0.5125). Every number is a dyadic fraction, hence the tight tolerance.
     */
    @Test
    void derivativeOnThreeCellsMatchesHandComputation() {
        final double[] p = params(0.3, 2, 0.5, 0.1, 1, 1, 0.5, 1.5, 3);
        final double[] y = {1, 2, 3, 0.5, 0.25, 0.125};
        final double[] yDot = new double[6];
        MODEL.derivatives(0, y, p, yDot);
        assertArrayEquals(new double[] {-0.25, -0.25, -0.1875, 0.15, 0.625, 0.5125}, yDot, 1e-15);

        // mass balance of the killing term: d/dt sum T dx = -kappa sum E T dx (= -0.34375 by hand)
        final double dx = 0.5;
        double dMassT = 0;
        double dMassE = 0;
        double killMass = 0;
        double massE = 0;
        for (int i = 0; i < 3; i++) {
            dMassT += yDot[i] * dx;
            dMassE += yDot[3 + i] * dx;
            killMass += 0.5 * y[3 + i] * y[i] * dx;
            massE += y[3 + i] * dx;
        }
        assertEquals(-0.34375, dMassT, 1e-15);
        assertEquals(-killMass, dMassT, 1e-15);
        // zero-flux diffusion moves no mass across the boundaries: d/dt sum E dx = alpha*kill - delta*mass
        assertEquals(2 * killMass - 0.1 * massE, dMassE, 1e-15);
    }

    /** Cell-averaged infiltrate: x0 = 1.5 on 4 cells of width 1 covers cell 0 and half of cell 1. */
    @Test
    void initialInfiltrateIsCellAveraged() {
        final double[] p = params(0.1, 1, 1, 0, 7, 3, 1.5, 4, 4);
        final double[] y = new double[8];
        MODEL.initialState(p, y);
        assertArrayEquals(new double[] {7, 7, 7, 7, 3, 1.5, 0, 0}, y, 0);
        assertEquals(2.5, FisherKppModel.cellCenter(p, 2), 0);
    }

    /**
     * With delta = 0, sum (E + alpha T) dx is invariant: the reaction terms cancel cell by cell and
     * zero-flux diffusion conserves mass. Runge–Kutta methods keep linear invariants up to rounding,
     * so a full run (default domain, 30 days, the front well inside) must keep it to 1e-12 relative;
     * a leaking boundary or an unbalanced killing term would break it at first order.
     */
    @Test
    void conservesEffectorPlusYieldWeightedTumorWithoutDeath() {
        final double[] p = params(0.04, 2.0, 1e-6, 0.0, 1e6, 1e4, 0.5, 6.0, 120);
        final int n = 120;
        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-6), MODEL.dimension(p));
        final double[] y0 = new double[2 * n];
        MODEL.initialState(p, y0);
        final double invariant0 = invariant(y0, n, 2.0);
        final double[] worst = {0};
        final double[] row = new double[8];
        final SolveStatus status = sim.solve(p, Regimen.none(), 30, sim.defaultEndpointSettings(), step -> {
            worst[0] = Math.max(worst[0], Math.abs(invariant(step.endState(), n, 2.0) / invariant0 - 1));
        }, row, 0);
        assertEquals(SolveStatus.OK, status);
        assertTrue(worst[0] < 1e-12, "invariant drift " + worst[0]);
        // and the run did something: most of the tumor was converted
        assertTrue(row[4] > 0.5, "cleared " + row[4]);
    }

    private static double invariant(double[] y, int n, double alpha) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += y[n + i] + alpha * y[i];
        }
        return s;
    }

    @Test
    void validateNamesWholeGridAndDomain() {
        final double[] p = MODEL.parameters().defaults();
        p[FisherKppModel.P_N_X] = 400.5;
        p[FisherKppModel.P_X0] = 30;
        final List<String> problems = new ArrayList<>();
        MODEL.validate(p, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'n_x'") && problems.get(0).contains("whole"), problems.get(0));
        assertTrue(problems.get(1).contains("'x0'") && problems.get(1).contains("'L_x'"), problems.get(1));
        final List<String> none = new ArrayList<>();
        MODEL.validate(MODEL.parameters().defaults(), none);
        assertEquals(List.of(), none);
    }

    /** c_min of MODELS.md §4 at the defaults: 2 sqrt(0.04 * (1e-6 * 1e6 - 0.2)) = 2 sqrt(0.032). */
    @Test
    void minimalSpeedsAtDefaults() {
        final double[] p = MODEL.parameters().defaults();
        assertEquals(2 * Math.sqrt(0.032), FisherKppModel.minimalSpeed(p), 1e-15);
        // Semi-discrete speed, expanded by hand: with sinh^2(u) = u^2 + u^4/3 + 2u^6/45 the scheme's
        // c(lambda) = r/lambda + D lambda + D lambda^3 dx^2/12 + D lambda^5 dx^4/360 + ...; perturbing
        // the minimum at lambda* = sqrt(r/D) to second order in dx^2 gives
        // c = c_min (1 + (lambda* dx)^2/24 - (37/5760) (lambda* dx)^4 + O((lambda* dx)^6)).
        // Here lambda* dx = sqrt(20) * 0.05 = 0.224; the O(^6) remainder is below 1e-6 relative.
        final double l2 = 0.8 / 0.04 * 0.05 * 0.05;
        final double expected = FisherKppModel.minimalSpeed(p) * (1 + l2 / 24 - 37.0 / 5760 * l2 * l2);
        assertEquals(expected, FisherKppModel.semiDiscreteMinimalSpeed(p), 1e-6 * expected);
        p[FisherKppModel.P_DELTA] = 1.0;
        assertEquals(0.0, FisherKppModel.minimalSpeed(p));
        assertEquals(0.0, FisherKppModel.semiDiscreteMinimalSpeed(p));
    }

    /**
     * The right-hand side allocates nothing, and a solve with the three endpoints observing every step
     * allocates exactly what the bare integrator allocates on the same problem: the model and the
     * endpoints add nothing. (The bare integrator is not at zero on Java 17: its step-size controller
     * calls StrictMath.pow, which allocates about 96 bytes per call there.)
     */
    @Test
    void modelAndEndpointsAllocateNothing() {
        final com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        final double[] p = MODEL.parameters().defaults();
        p[FisherKppModel.P_N_X] = 100;
        p[FisherKppModel.P_L_X] = 5;
        final int n = MODEL.dimension(p);
        final double[] y = new double[n];
        final double[] yDot = new double[n];
        MODEL.initialState(p, y);
        for (int k = 0; k < 20_000; k++) {
            MODEL.derivatives(0, y, p, yDot);
        }
        long before = bean.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 10_000; k++) {
            MODEL.derivatives(0, y, p, yDot);
        }
        assertEquals(0, bean.getThreadAllocatedBytes(tid) - before, "bytes allocated by 10,000 derivative calls");

        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-6), n);
        final double[] settings = sim.defaultEndpointSettings();
        settings[2] = 2.5; // depth inside the 5 mm domain, so that its crossing is located
        final double[] row = new double[8];
        final AdaptiveIntegrator bare = OdeMethod.DEFAULT.create(n, IntegratorSettings.of(1e-6)); // the simulator's method
        final double[] atol = new double[n];
        MODEL.absoluteTolerance(p, 1e-6, y, atol);
        for (int k = 0; k < 50; k++) {
            sim.solve(p, Regimen.none(), 10, settings, null, row, 0);
            bare.begin(MODEL, p, 0, y, n, atol);
            bare.advanceTo(10, StepObserver.NONE, EventFunctions.NONE);
        }
        before = bean.getThreadAllocatedBytes(tid);
        final SolveStatus status = sim.solve(p, Regimen.none(), 10, settings, null, row, 0);
        final long bySolve = bean.getThreadAllocatedBytes(tid) - before;
        before = bean.getThreadAllocatedBytes(tid);
        bare.begin(MODEL, p, 0, y, n, atol);
        bare.advanceTo(10, StepObserver.NONE, EventFunctions.NONE);
        final long byBare = bean.getThreadAllocatedBytes(tid) - before;
        assertSame(SolveStatus.OK, status);
        assertTrue(row[3] > 0 && row[3] < 10, "time_to_depth " + row[3]);
        assertEquals(bare.acceptedSteps() + bare.rejectedSteps(), row[5] + row[6], "same steps");
        assertEquals(byBare, bySolve, "bytes allocated by a solve beyond the bare integrator's");
    }
}
