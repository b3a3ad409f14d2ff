package org.vtrial.engine.bench;

import java.util.function.Supplier;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.AdaptiveIntegrator;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The three ways the benchmarks solve a {@code cart} patient, all piecewise across the same schedule
 * (conditioning switches, infusion days, with the infusions added between pieces) at the same
 * tolerances (rtol 1e-6, the model's per-state atol). Each returns a checksum of the end state.
 *
 * <ul>
 * <li>{@link Ours}: our Dormand–Prince 5(4) (or another of our methods) with or without the model's fourteen state events
 * (extinction, negligible levels, zero floors), no endpoints: the integrator's work.</li>
 * <li>{@link Hipparchus}: Hipparchus' {@link DormandPrince54Integrator} on the same right-hand side
 * ({@link CartModel#derivatives} wrapped as an {@link OrdinaryDifferentialEquation}, with stage times
 * kept below the end of the piece as ours keeps them), with or without the same fourteen events as
 * Hipparchus event detectors (checked at step ends only, as ours, located to 1e-9 days, state reset).
 * Differences that remain: Hipparchus starts every piece with a new initial-step estimate (ours
 * keeps its step size across a jump), and it also locates the few rising crossings of the event
 * functions (a population growing through its level), which it then ignores, where ours filters
 * by direction before locating.</li>
 * <li>{@link Simulator}: the production path, {@link PatientSimulator} (events and all endpoints).</li>
 * </ul>
 */
public final class CartSolvers {

    /** Relative tolerance of every solver here (the trial kernel's). */
    public static final double RTOL = 1e-6;

    static final CartModel MODEL = new CartModel();

    private CartSolvers() {
    }

    /** Sorted distinct schedule times of a patient (as the simulator builds them). */
    static int schedule(double[] p, Regimen regimen, double[] out) {
        final int n = MODEL.schedule(p, regimen, out);
        java.util.Arrays.sort(out, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || out[i] != out[m - 1]) {
                out[m++] = out[i];
            }
        }
        return m;
    }

    /** Our integrator, no endpoints. One instance per thread. */
    public static final class Ours {
        final AdaptiveIntegrator ode;
        final double[] y0 = new double[CartModel.DIMENSION];
        final double[] atol = new double[CartModel.DIMENSION];
        final double[] times = new double[16];
        final double rtol;
        long steps;
        long evaluations;

        /** Our Dormand–Prince 5(4), Hipparchus' twin. */
        public Ours() {
            this(OdeMethod.DP54);
        }

        /** @param method the integration method */
        public Ours(OdeMethod method) {
            this(method, RTOL);
        }

        /**
         * @param method the integration method
         * @param rtol   relative tolerance (the model derives the absolute ones from it)
         */
        public Ours(OdeMethod method, double rtol) {
            this.rtol = rtol;
            ode = method.create(CartModel.DIMENSION, IntegratorSettings.of(rtol));
        }

        /** @return the sum of the end state (NaN if the solve failed) */
        public double solve(double[] p, Regimen regimen, double tEnd, boolean events) {
            final EventFunctions ev = events ? MODEL.events() : EventFunctions.NONE;
            MODEL.initialState(p, y0);
            MODEL.absoluteTolerance(p, rtol, y0, atol);
            ode.begin(MODEL, p, MODEL.startTime(p), y0, CartModel.DIMENSION, atol);
            final int count = schedule(p, regimen, times);
            int next = 0;
            while (true) {
                final double now = ode.time();
                while (next < count && times[next] <= now) {
                    if (times[next] == now) {
                        MODEL.applyScheduled(now, ode.state(), p, regimen);
                        ode.stateChanged();
                    }
                    next++;
                }
                if (now >= tEnd) {
                    break;
                }
                final double target = next < count ? Math.min(times[next], tEnd) : tEnd;
                if (ode.advanceTo(target, StepObserver.NONE, ev) != Outcome.OK) {
                    return Double.NaN;
                }
            }
            steps += ode.acceptedSteps();
            evaluations += ode.evaluations();
            return sum(ode.state());
        }
    }

    /** The production solve: events and every endpoint. One instance per thread. */
    public static final class Simulator {
        final PatientSimulator simulator = PatientSimulator.create(MODEL, IntegratorSettings.of(RTOL));
        final double[] settings = simulator.defaultEndpointSettings();
        final double[] row = new double[simulator.endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size()];

        /** @return the sum of the end state (NaN if the solve failed) */
        public double solve(double[] p, Regimen regimen, double tEnd) {
            if (simulator.solve(p, regimen, tEnd, settings, null, row, 0) != SolveStatus.OK) {
                return Double.NaN;
            }
            return sum(simulator.integrator().state());
        }
    }

    /** Hipparchus 4.0.2 DormandPrince54Integrator on the same problem. One instance per thread. */
    public static final class Hipparchus {
        final Rhs rhs = new Rhs();
        final DormandPrince54Integrator withEvents;
        final DormandPrince54Integrator withoutEvents;
        final double[] times = new double[16];
        long evaluations;
        /** When set, receives the end state of the next solve (checks only). */
        double[] endStateInto;

        public Hipparchus() {
            final IntegratorSettings s = IntegratorSettings.of(RTOL);
            final double[] atol = new double[CartModel.DIMENSION];
            MODEL.absoluteTolerance(MODEL.parameters().defaults(), RTOL, new double[CartModel.DIMENSION], atol);
            final double[] rtol = new double[CartModel.DIMENSION];
            java.util.Arrays.fill(rtol, RTOL);
            withEvents = new DormandPrince54Integrator(s.minStep(), s.maxStep(), atol, rtol);
            withoutEvents = new DormandPrince54Integrator(s.minStep(), s.maxStep(), atol, rtol);
            withEvents.setMaxEvaluations((int) s.maxEvaluations());
            withoutEvents.setMaxEvaluations((int) s.maxEvaluations());
            final double tolerance = s.eventTimeTolerance();
            for (int i = 0; i < MODEL.events().eventCount(); i++) {
                withEvents.addEventDetector(new Event(i, rhs, tolerance));
            }
        }

        /** @return the sum of the end state */
        public double solve(double[] p, Regimen regimen, double tEnd, boolean events) {
            final DormandPrince54Integrator integrator = events ? withEvents : withoutEvents;
            rhs.p = p;
            final double[] y = new double[CartModel.DIMENSION];
            MODEL.initialState(p, y);
            double t = MODEL.startTime(p);
            final int count = schedule(p, regimen, times);
            int next = 0;
            double[] state = y;
            while (true) {
                while (next < count && times[next] <= t) {
                    if (times[next] == t) {
                        MODEL.applyScheduled(t, state, p, regimen);
                    }
                    next++;
                }
                if (t >= tEnd) {
                    break;
                }
                final double target = next < count ? Math.min(times[next], tEnd) : tEnd;
                rhs.cap = Math.nextDown(target);
                final ODEStateAndDerivative end = integrator.integrate(rhs, new ODEState(t, state), target);
                evaluations += integrator.getEvaluations();
                state = end.getPrimaryState().clone();
                t = target;
            }
            if (endStateInto != null) {
                System.arraycopy(state, 0, endStateInto, 0, CartModel.DIMENSION);
            }
            return sum(state);
        }
    }

    /** {@link CartModel#derivatives} as Hipparchus sees it: a new array per call; stage times below the piece end. */
    static final class Rhs implements OrdinaryDifferentialEquation {
        double[] p;
        double cap;

        @Override
        public int getDimension() {
            return CartModel.DIMENSION;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            final double[] yDot = new double[CartModel.DIMENSION];
            MODEL.derivatives(Math.min(t, cap), y, p, yDot);
            return yDot;
        }
    }

    /** How a solver's state maps to the model's (identity, or a change of variables such as a log scale). */
    interface StateView {
        StateView IDENTITY = new StateView() {
            @Override
            public double[] toModel(double[] state) {
                return state;
            }

            @Override
            public double[] fromModel(double[] y) {
                return y;
            }
        };

        /** @return the model's state for a solver state (may be the same array) */
        double[] toModel(double[] state);

        /** @return the solver's state for a model state (may be the same array) */
        double[] fromModel(double[] y);
    }

    /** One of the model's event functions as a Hipparchus detector: falling crossings reset the state. */
    static final class Event implements ODEEventDetector, ODEEventHandler {
        private final int index;
        private final Supplier<double[]> params;
        private final StateView view;
        private final BracketedUnivariateSolver<UnivariateFunction> solver;

        Event(int index, Rhs rhs, double tolerance) {
            this(index, () -> rhs.p, StateView.IDENTITY, tolerance);
        }

        Event(int index, Supplier<double[]> params, StateView view, double tolerance) {
            this.index = index;
            this.params = params;
            this.view = view;
            this.solver = new BracketingNthOrderBrentSolver(0, tolerance, 0, 5);
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            // one check per step, at its end, as our integrator does
            return AdaptableInterval.of(Double.POSITIVE_INFINITY);
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return solver;
        }

        @Override
        public ODEEventHandler getHandler() {
            return this;
        }

        @Override
        public double g(ODEStateAndDerivative state) {
            final double g = MODEL.events().g(index, state.getTime(), view.toModel(state.getPrimaryState()), params.get());
            // The zero floors are y + Double.MIN_VALUE: Hipparchus' bracketing solver multiplies end
            // values, and MIN_VALUE times a small negative g underflows to 0 ("does not bracket").
            // A floor of 1e-300 keeps the sign of every value and moves no crossing by a meaningful amount.
            return g > 0 && g < 1e-300 ? 1e-300 : g;
        }

        @Override
        public Action eventOccurred(ODEStateAndDerivative state, ODEEventDetector detector, boolean increasing) {
            return increasing ? Action.CONTINUE : Action.RESET_STATE;
        }

        @Override
        public ODEState resetState(ODEEventDetector detector, ODEStateAndDerivative state) {
            final double[] y = view.toModel(state.getPrimaryState()).clone();
            MODEL.events().apply(index, state.getTime(), y, params.get());
            return new ODEState(state.getTime(), view.fromModel(y));
        }
    }

    static double sum(double[] y) {
        double s = 0;
        for (int i = 0; i < CartModel.DIMENSION; i++) {
            s += y[i];
        }
        return s;
    }
}
