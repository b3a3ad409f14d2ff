package org.vtrial.engine.endpoint.fisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The three endpoints against an independent computation: the same semi-discrete system solved by
 * Hipparchus' DormandPrince853Integrator at tolerance 1e-12, its time-to-depth crossing located by
 * Hipparchus' event detection (Brent solver), the front positions re-derived here from its dense
 * output by this class's own interpolation code, and the speed fitted by Hipparchus'
 * SimpleRegression. A 60-cell, 6 mm grid keeps the reference solve fast.
 */
class FisherKppEndpointsTest {

    private static final FisherKppModel MODEL = new FisherKppModel();
    private static final double T_END = 12;
    private static final double DEPTH = 3.0;

    private static double[] params() {
        final double[] p = MODEL.parameters().defaults();
        p[FisherKppModel.P_L_X] = 6.0;
        p[FisherKppModel.P_N_X] = 60;
        return p;
    }

    /** E between two centers, written independently of FrontLocator: geometric when both positive. */
    private static double interp(double a, double b, double w) {
        return a > 0 && b > 0 ? Math.exp((1 - w) * Math.log(a) + w * Math.log(b)) : a + w * (b - a);
    }

    /** Rightmost crossing of {@code level} by E (NaN: none; +inf: at the last cell), by bisection. */
    private static double crossing(double[] y, int n, double dx, double level) {
        if (y[n + n - 1] >= level) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = n - 2; i >= 0; i--) {
            final double a = y[n + i];
            final double b = y[n + i + 1];
            if (a >= level) {
                double lo = 0;
                double hi = 1;
                for (int k = 0; k < 100; k++) {
                    final double w = 0.5 * (lo + hi);
                    if (interp(a, b, w) >= level) {
                        lo = w;
                    } else {
                        hi = w;
                    }
                }
                return (i + 0.5 + lo) * dx;
            }
        }
        return Double.NaN;
    }

    @Test
    void endpointsMatchHipparchusReference() {
        final double[] p = params();
        final int n = FisherKppModel.cells(p);
        final double dx = FisherKppModel.cellWidth(p);
        final double level = 1e-3 * p[FisherKppModel.P_ALPHA] * p[FisherKppModel.P_T0];

        // --- engine ----------------------------------------------------------------------------
        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-10), 2 * n);
        final double[] settings = sim.defaultEndpointSettings(); // front_level, front_fit_from, depth, depth_level
        settings[2] = DEPTH;
        final double[] row = new double[8];
        assertEquals(SolveStatus.OK, sim.solve(p, Regimen.none(), T_END, settings, null, row, 0));

        // --- reference ---------------------------------------------------------------------------
        final OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2 * n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                final double[] yDot = new double[2 * n];
                MODEL.derivatives(t, y, p, yDot);
                return yDot;
            }
        };
        // x* = 3 mm lies between centers 29 (2.95 mm) and 30 (3.05 mm), half way
        final int j = 29;
        final double w = (DEPTH / dx - 0.5) - j;
        final double[] firstReach = {Double.NaN};
        final ODEEventDetector depthDetector = new ODEEventDetector() {
            @Override
            public AdaptableInterval getMaxCheckInterval() {
                return AdaptableInterval.of(0.01);
            }

            @Override
            public int getMaxIterationCount() {
                return 200;
            }

            @Override
            public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
                return new BracketingNthOrderBrentSolver(1e-14, 1e-12, 1e-300, 5);
            }

            @Override
            public ODEEventHandler getHandler() {
                return (state, detector, increasing) -> {
                    if (increasing && Double.isNaN(firstReach[0])) {
                        firstReach[0] = state.getTime();
                    }
                    return Action.CONTINUE;
                };
            }

            @Override
            public double g(ODEStateAndDerivative s) {
                final double[] y = s.getPrimaryState();
                return interp(y[n + j], y[n + j + 1], w) - level;
            }
        };
        final DormandPrince853Integrator reference = new DormandPrince853Integrator(1e-12, 1.0, 1e-6, 1e-12);
        final DenseOutputModel dense = new DenseOutputModel();
        reference.addStepHandler(dense);
        reference.addEventDetector(depthDetector);
        final double[] y0 = new double[2 * n];
        MODEL.initialState(p, y0);
        final double[] yEnd = reference.integrate(ode, new ODEState(0, y0), T_END).getPrimaryState();

        final SimpleRegression fit = new SimpleRegression();
        final int m = FrontSpeedEndpoint.SAMPLES;
        double lastPosition = Double.NaN;
        for (int k = 0; k < m; k++) {
            final double t = k == m - 1 ? T_END : T_END / 2 + k * (T_END / 2) / (m - 1);
            lastPosition = crossing(dense.getInterpolatedState(t).getPrimaryState(), n, dx, level);
            assertTrue(Double.isFinite(lastPosition), "front inside the grid at " + t);
            fit.addData(t, lastPosition);
        }
        double massEnd = 0;
        for (int i = 0; i < n; i++) {
            massEnd += yEnd[i];
        }
        final double cleared = 1 - massEnd / (n * p[FisherKppModel.P_T0]);

        // --- comparison. Measured agreement is ~1e-9 relative (the engine runs at rtol 1e-10); the
        // tolerances leave a factor of ten for platform differences in the last digits.
        assertEquals(fit.getSlope(), row[0], 1e-8 * fit.getSlope(), "front_speed");
        assertEquals(m, row[1], "front_fit_samples");
        assertEquals(lastPosition, row[2], 1e-7, "front_position");
        assertTrue(firstReach[0] > 0 && firstReach[0] < T_END, "reference time to depth " + firstReach[0]);
        assertEquals(firstReach[0], row[3], 1e-7, "time_to_depth");
        assertEquals(cleared, row[4], 1e-10, "tumor_fraction_cleared");
        // and the numbers are the physical ones: about c_min = 0.36 mm/day (coarse grid, short run)
        assertEquals(FisherKppModel.minimalSpeed(p), row[0], 0.1 * FisherKppModel.minimalSpeed(p));
    }

    /** Settings change what is measured: a deeper x* is reached later; beyond L_x never (NaN). */
    @Test
    void depthSettingMovesTheCrossingAndOutsideDomainIsNaN() {
        final double[] p = params();
        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-8), MODEL.dimension(p));
        final double[] settings = sim.defaultEndpointSettings();
        final double[] row = new double[8];
        double previous = -1;
        for (double depth : new double[] {0.2, 1.0, 2.0, 3.0, 4.0}) {
            settings[2] = depth;
            sim.solve(p, Regimen.none(), T_END, settings, null, row, 0);
            if (depth < 0.5) {
                assertEquals(0.0, row[3], "x* inside the initial infiltrate is reached at the start");
            } else {
                assertTrue(row[3] > previous, "depth " + depth + " reached at " + row[3]);
                // the front moves at about c_min, so x* is reached near (x* - x0)/c_min (+/- 2 days)
                assertEquals((depth - 0.5) / FisherKppModel.minimalSpeed(p), row[3], 2.0, "depth " + depth);
            }
            previous = row[3];
        }
        settings[2] = 7.0;
        sim.solve(p, Regimen.none(), T_END, settings, null, row, 0);
        assertTrue(Double.isNaN(row[3]), "beyond L_x: " + row[3]);
    }

    /**
     * A front that reaches the far boundary (6 mm at about 0.36 mm/day: near day 15 of 30): samples
     * after that are dropped, the speed comes from those before (window from the start), and there is
     * no front inside the grid at the horizon.
     */
    @Test
    void frontLeavingTheDomainStopsTheFit() {
        final double[] p = params();
        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-8), MODEL.dimension(p));
        final double[] settings = sim.defaultEndpointSettings();
        settings[1] = 0.0; // front_fit_from: the whole run
        settings[2] = DEPTH;
        final double[] row = new double[8];
        assertEquals(SolveStatus.OK, sim.solve(p, Regimen.none(), 30, settings, null, row, 0));
        // the front exits after (6 - 0.5)/0.36 = 15.4 days plus its delay: 100 to 140 of 201 samples
        assertTrue(row[1] > 100 && row[1] < 140, "samples " + row[1]);
        assertEquals(FisherKppModel.minimalSpeed(p), row[0], 0.1 * FisherKppModel.minimalSpeed(p));
        assertTrue(Double.isNaN(row[2]), "front position " + row[2]);
        assertTrue(row[4] > 0.9, "cleared " + row[4]);
    }

    /** A patient whose grid exceeds the simulator's capacity is refused, with NaN endpoints. */
    @Test
    void gridLargerThanCapacityIsInvalidNotACrash() {
        final double[] small = params();
        final PatientSimulator sim = PatientSimulator.create(MODEL, IntegratorSettings.of(1e-6), MODEL.dimension(small));
        final double[] settings = sim.defaultEndpointSettings();
        settings[2] = DEPTH;
        final double[] row = new double[8];
        assertEquals(SolveStatus.OK, sim.solve(small, Regimen.none(), 5, settings, null, row, 0));
        final double[] large = params();
        large[FisherKppModel.P_N_X] = 400;
        assertEquals(SolveStatus.INVALID_PARAMETERS, sim.solve(large, Regimen.none(), 5, settings, null, row, 0));
        for (int i = 0; i < 5; i++) {
            assertTrue(Double.isNaN(row[i]), "column " + i + " = " + row[i]);
        }
    }
}
