package org.vtrial.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.sim.Regimen;

/**
 * Independent reference solve of a {@code cart} patient: the equations of MODELS.md §3 written a
 * second time (parameters read by name, not through the model's index constants), solved by
 * Hipparchus {@link DormandPrince853Integrator} at relative tolerance 1e-12, piecewise: one
 * integration per interval between conditioning switches and infusion days, with {@code lambda_LD}
 * fixed for the whole interval (so no stage can see the wrong piece), doses added between intervals,
 * and the state events of {@link CartModel} (extinction at {@code extinction_cells}, negligible
 * levels, zero floors) located by Hipparchus' own event detection with state reset. A ninth component
 * integrates {@code k_A * act * E}, the exposure endpoint, as an ODE state.
 */
final class CartReference {

    /** Reference relative tolerance. */
    static final double RTOL = 1e-12;

    /** Result: states (9 components, the ninth the exposure integral) at the requested times. */
    static final class Result {
        final double[] times;
        final double[][] states;
        final List<double[]> events = new ArrayList<>();
        final double[] finalState;

        Result(double[] times, double[][] states, double[] finalState) {
            this.times = times;
            this.states = states;
            this.finalState = finalState;
        }
    }

    private CartReference() {
    }

    /**
     * Solves one patient and samples the state at {@code times} (sorted). A time equal to an infusion
     * day gets the state before the infusion (the left limit), as a step ending there does.
     */
    static Result solve(double[] p, Regimen regimen, double tEnd, double[] times, double[] absTolPerRtol) {
        final ParameterSpace s = new CartModel().parameters();
        final Rhs rhs = new Rhs(p, s);
        final double tLd = p[s.require("t_LD")];
        final double ldEnd = tLd + p[s.require("LD_days")];
        final double lambda = p[s.require("lambda_LD")];
        final double t0 = Math.min(tLd, 0.0);
        final TreeSet<Double> breaks = new TreeSet<>();
        if (lambda > 0 && p[s.require("LD_days")] > 0) {
            breaks.add(tLd);
            breaks.add(ldEnd);
        }
        if (regimen.size() == 0) {
            breaks.add(0.0);
        } else {
            for (int i = 0; i < regimen.size(); i++) {
                breaks.add(regimen.day(i));
            }
        }
        breaks.add(tEnd);
        final double lStar = p[s.require("s_L")] / p[s.require("d_L")];
        double[] y = new double[9];
        y[0] = p[s.require("Tpos0")];
        y[1] = p[s.require("Tneg0")];
        y[5] = lStar;
        y[6] = p[s.require("s_C")] / (p[s.require("d_C")] + p[s.require("c_L")] * lStar / p[s.require("N_ref")]);
        final double[][] out = new double[times.length][];
        final double[] absTol = new double[9];
        final double[] relTol = new double[9];
        for (int i = 0; i < 9; i++) {
            absTol[i] = absTolPerRtol[Math.min(i, absTolPerRtol.length - 1)] * RTOL;
            relTol[i] = RTOL;
        }
        final double[] levels = {
            p[s.require("extinction_cells")], p[s.require("extinction_cells")],
            CartModel.NEGLIGIBLE_CELLS, CartModel.NEGLIGIBLE_CELLS, CartModel.NEGLIGIBLE_CELLS, 0.0, 0.0,
            CartModel.NEGLIGIBLE_PG_PER_ML};
        final Result result = new Result(times, out, new double[9]);
        final int[] next = {0};
        while (next[0] < times.length && times[next[0]] < t0) {
            next[0]++;
        }
        double t = t0;
        addInfusions(p, s, regimen, t, y);
        for (double b : breaks) {
            if (b <= t || b > tEnd) {
                continue;
            }
            rhs.lambda = t >= tLd && t < ldEnd ? lambda : 0.0;
            final DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-14, 1e6, absTol, relTol);
            for (int i = 0; i < 8; i++) {
                integrator.addEventDetector(new Floor(i, levels[i], result.events));
            }
            integrator.addStepHandler(new ODEStepHandler() {
                @Override
                public void handleStep(ODEStateInterpolator interpolator) {
                    final double hi = interpolator.getCurrentState().getTime();
                    while (next[0] < times.length && times[next[0]] <= hi) {
                        out[next[0]] = interpolator.getInterpolatedState(times[next[0]]).getPrimaryState();
                        next[0]++;
                    }
                }
            });
            y = integrator.integrate(rhs, new ODEState(t, y), b).getPrimaryState().clone();
            t = b;
            if (t < tEnd) {
                addInfusions(p, s, regimen, t, y);
            }
        }
        System.arraycopy(y, 0, result.finalState, 0, 9);
        for (int k = 0; k < out.length; k++) {
            if (out[k] == null) {
                throw new IllegalStateException("sample " + times[k] + " not reached; last " + Arrays.toString(times));
            }
        }
        return result;
    }

    private static void addInfusions(double[] p, ParameterSpace s, Regimen regimen, double t, double[] y) {
        final double fMem = p[s.require("f_mem")];
        if (regimen.size() == 0) {
            if (t == 0.0) {
                y[2] += p[s.require("dose_cells")] * (1 - fMem);
                y[3] += p[s.require("dose_cells")] * fMem;
            }
            return;
        }
        for (int i = 0; i < regimen.size(); i++) {
            if (regimen.day(i) == t) {
                y[2] += regimen.cells(i) * (1 - fMem);
                y[3] += regimen.cells(i) * fMem;
            }
        }
    }

    /** MODELS.md §3 equations, lambda_LD fixed per interval, plus the exposure integrand. */
    private static final class Rhs implements OrdinaryDifferentialEquation {
        final double rPos, rNeg, capacity, kA, kOff, h, muEsc, rho, kAct, alphaH, kC, dE, gamma, kExh, mu, kMem,
                omega, dM, dX, sL, dL, sC, dC, cL, nRef, q6, d6;
        final int growth;
        double lambda;

        Rhs(double[] p, ParameterSpace s) {
            rPos = p[s.require("r_pos")];
            rNeg = p[s.require("r_neg")];
            capacity = p[s.require("K")];
            growth = (int) p[s.require("growth")];
            kA = p[s.require("k_A")];
            kOff = p[s.require("k_off")];
            h = p[s.require("h")];
            muEsc = p[s.require("mu_esc")];
            rho = p[s.require("rho")];
            kAct = p[s.require("K_act")];
            alphaH = p[s.require("alpha_h")];
            kC = p[s.require("K_C")];
            dE = p[s.require("d_E")];
            gamma = p[s.require("gamma")];
            kExh = p[s.require("K_exh")];
            mu = p[s.require("mu")];
            kMem = p[s.require("K_mem")];
            omega = p[s.require("omega")];
            dM = p[s.require("d_M")];
            dX = p[s.require("d_X")];
            sL = p[s.require("s_L")];
            dL = p[s.require("d_L")];
            sC = p[s.require("s_C")];
            dC = p[s.require("d_C")];
            cL = p[s.require("c_L")];
            nRef = p[s.require("N_ref")];
            q6 = p[s.require("q_6")];
            d6 = p[s.require("d_6")];
        }

        @Override
        public int getDimension() {
            return 9;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            final double tp = y[0], tn = y[1], e = y[2], m = y[3], x = y[4], l = y[5], cy = y[6], il6 = y[7];
            final double tt = tp + tn;
            final double phi;
            if (growth == 0) {
                phi = 1;
            } else if (growth == 1) {
                phi = 1 - tt / capacity;
            } else {
                phi = tt > 0 ? Math.log(capacity / tt) : 0;
            }
            final double act = tp / (kAct + tp);
            final double exh = tp / (kExh + tp);
            final double mem = kMem / (kMem + tp);
            final double hom = alphaH * cy / (kC + cy);
            final double kill = e / (h + tt);
            return new double[] {
                rPos * phi * tp - kA * kill * tp - muEsc * tp,
                rNeg * phi * tn - kOff * kill * tn + muEsc * tp,
                rho * act * e + hom * e - dE * e - gamma * exh * e - mu * mem * e + omega * act * m,
                mu * mem * e - omega * act * m + hom * m - dM * m,
                gamma * exh * e - dX * x,
                sL - dL * l - lambda * l,
                sC - dC * cy - cL * cy * (l + e + m) / nRef,
                q6 * act * e / nRef - d6 * il6,
                kA * act * e};
        }
    }

    /** State {@code index} falling through {@code level}: set to exactly 0. */
    private static final class Floor implements ODEEventDetector, ODEEventHandler {
        private final int index;
        private final double level;
        private final List<double[]> log;

        Floor(int index, double level, List<double[]> log) {
            this.index = index;
            this.level = level;
            this.log = log;
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return AdaptableInterval.of(0.25);
        }

        @Override
        public int getMaxIterationCount() {
            return 1000;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return new BracketingNthOrderBrentSolver(1e-13, 5);
        }

        @Override
        public ODEEventHandler getHandler() {
            return this;
        }

        @Override
        public double g(ODEStateAndDerivative state) {
            return state.getPrimaryState()[index] - level;
        }

        @Override
        public Action eventOccurred(ODEStateAndDerivative state, ODEEventDetector detector, boolean increasing) {
            return increasing ? Action.CONTINUE : Action.RESET_STATE;
        }

        @Override
        public ODEState resetState(ODEEventDetector detector, ODEStateAndDerivative state) {
            final double[] y = state.getPrimaryState().clone();
            log.add(new double[] {state.getTime(), index, y[index]});
            y[index] = 0.0;
            return new ODEState(state.getTime(), y);
        }
    }
}
