package org.vtrial.engine.model.builtin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.endpoint.CartEndpoints;
import org.vtrial.engine.model.GrowthLaw;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.ode.EventAction;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.Regimen;

/**
 * {@code cart}: the mechanistic virtual-patient model of MODELS.md §3, exactly its eight states,
 * parameter names and equations. With antigen load {@code A = Tpos}:
 *
 * <pre>
 *   Ttot = Tpos + Tneg
 *   act  = A / (K_act + A)            exh = A / (K_exh + A)        mem = K_mem / (K_mem + A)
 *   hom  = alpha_h * Cy / (K_C + Cy)  kill = E / (h + Ttot)        phi = growth law of §1 on Ttot
 *
 *   dTpos/dt = r_pos * phi * Tpos - k_A   * kill * Tpos - mu_esc * Tpos
 *   dTneg/dt = r_neg * phi * Tneg - k_off * kill * Tneg + mu_esc * Tpos
 *   dE/dt    = rho * act * E + hom * E - d_E * E - gamma * exh * E - mu * mem * E + omega * act * M
 *   dM/dt    = mu * mem * E - omega * act * M + hom * M - d_M * M
 *   dX/dt    = gamma * exh * E - d_X * X
 *   dL/dt    = s_L - d_L * L - lambda_LD(t) * L
 *   dCy/dt   = s_C - d_C * Cy - c_L * Cy * (L + E + M) / N_ref
 *   dIL6/dt  = q_6 * act * E / N_ref - d_6 * IL6
 * </pre>
 *
 * <p><b>Time and conditioning.</b> The solve starts at {@code min(t_LD, 0)} with {@code L} and
 * {@code Cy} at their steady state without conditioning ({@code L* = s_L/d_L},
 * {@code Cy* = s_C / (d_C + c_L L* / N_ref)}), {@code E = M = X = IL6 = 0} and the tumor at
 * {@code Tpos0}, {@code Tneg0}. {@code lambda_LD(t) = lambda_LD} on {@code t_LD <= t < t_LD + LD_days}
 * (right-continuous). Both switch times are scheduled discontinuities: the simulator integrates
 * piecewise and the integrator evaluates the stages of a step that ends a piece strictly before the
 * piece's end, so every stage sees the value of its own piece.
 *
 * <p><b>Infusions.</b> Each dose {@code (day, cells)} of the regimen adds {@code cells * (1 - f_mem)}
 * to {@code E} and {@code cells * f_mem} to {@code M} at exactly that day. An empty regimen means
 * MODELS.md's default, a single dose of {@code dose_cells} (added parameter, default 1e8, the dose of
 * MODELS.md's starting point) at day 0; with a non-empty regimen {@code dose_cells} is not used.
 * Doses before the start time {@code min(t_LD, 0)} are outside the simulated interval.
 *
 * <p><b>Extinction and positivity.</b> Every loss term is proportional to its own state and every
 * source is non-negative at non-negative states, so the exact flow keeps each state non-negative
 * and a state at exactly 0 without source stays exactly 0 in every Runge–Kutta stage. Located state
 * events ({@link #events()}, all falling) make this hold for the numerical solution:
 * <ul>
 * <li>{@code Tpos} or {@code Tneg} falling through {@code extinction_cells} is set to exactly 0
 * (MODELS.md); a population at 0 stays at 0 unless fed ({@code Tneg} by escape while {@code Tpos > 0}).</li>
 * <li>{@code E}, {@code M}, {@code X} falling through {@link #NEGLIGIBLE_CELLS} and {@code IL6} falling
 * through {@link #NEGLIGIBLE_PG_PER_ML} are set to 0: such values are far below any meaning and below
 * the solve's absolute tolerance. Without this, a state that decays faster than the slow tail's step
 * allows (IL-6 with {@code d_6 = 2/day} once the tumor is gone) sits at tolerance-level noise of either
 * sign, keeps the step size at the method's stability limit, and its interpolant dips below 0.</li>
 * <li>Any state falling through 0 (one below its level, {@code L}, {@code Cy}) is set to 0: a
 * decaying state far below its tolerance that the step size no longer keeps stable changes sign at a
 * step end before it grows to noise, and stays 0 from then on when it has no source. An event
 * restarts from a located, interpolated state: every state of that restart state is projected onto
 * {@code >= 0}, which changes only values far below their tolerance.</li>
 * </ul>
 * <p><b>Added parameters</b> (MODELS.md allows additions that keep the named meanings):
 * {@code dose_cells} (above), and the blood-concentration constants of MODELS.md §3
 * {@code f_blood = 0.02}, {@code V_blood_uL = 5e6}:
 * {@code blood_cells_per_uL = (E + M + X) * f_blood / V_blood_uL}.
 *
 * <p><b>Defaults</b> are MODELS.md's "starting point" (common values), the {@code 4-1BB} preset and
 * the {@code standard} conditioning. <b>Bundles</b>: costimulation presets {@code CD28} and
 * {@code 4-1BB} (kind {@code preset}) with the values of MODELS.md's starting-point table; their
 * kinetics follow the published pictures of a CD28 product (axicabtagene ciloleucel: peak blood
 * CAR-T around days 7–14 and rapid decline; Neelapu et al., NEJM 2017; Kochenderfer et al., JCO
 * 2017) and of a 4-1BB product (tisagenlecleucel: Tmax 9.3 days, terminal half-life about 220 days;
 * Stein et al., CPT Pharmacometrics Syst Pharmacol 2019). Conditioning regimens (kind
 * {@code conditioning}): {@code none} ({@code lambda_LD = 0}); {@code standard}
 * ({@code lambda_LD = 0.8/day, t_LD = -5, LD_days = 3}: MODELS.md's starting point, the three days of
 * fludarabine/cyclophosphamide on days -5 to -3 of ZUMA-1, Neelapu et al., NEJM 2017);
 * {@code intensified} ({@code lambda_LD = 1.0/day, t_LD = -7, LD_days = 5}: longer and deeper
 * depletion, after the high-intensity cyclophosphamide/fludarabine regimens with up to five days of
 * fludarabine of Turtle et al., Sci Transl Med 2016, whose conditioning raised expansion and, with
 * Hay et al., Blood 2017, the CRS risk). None of these values is calibrated to a trial.
 */
public final class CartModel implements Model {

    // --- states ---------------------------------------------------------------------------------
    public static final int TPOS = 0;
    public static final int TNEG = 1;
    public static final int E = 2;
    public static final int M = 3;
    public static final int X = 4;
    public static final int L = 5;
    public static final int CY = 6;
    public static final int IL6 = 7;

    /** Number of states. */
    public static final int DIMENSION = 8;

    // --- parameters (order of the parameter vector) --------------------------------------------
    public static final int P_R_POS = 0;
    public static final int P_R_NEG = 1;
    public static final int P_K = 2;
    public static final int P_GROWTH = 3;
    public static final int P_K_A = 4;
    public static final int P_K_OFF = 5;
    public static final int P_H = 6;
    public static final int P_MU_ESC = 7;
    public static final int P_RHO = 8;
    public static final int P_K_ACT = 9;
    public static final int P_ALPHA_H = 10;
    public static final int P_K_C = 11;
    public static final int P_D_E = 12;
    public static final int P_GAMMA = 13;
    public static final int P_K_EXH = 14;
    public static final int P_MU = 15;
    public static final int P_K_MEM = 16;
    public static final int P_OMEGA = 17;
    public static final int P_D_M = 18;
    public static final int P_D_X = 19;
    public static final int P_S_L = 20;
    public static final int P_D_L = 21;
    public static final int P_LAMBDA_LD = 22;
    public static final int P_T_LD = 23;
    public static final int P_LD_DAYS = 24;
    public static final int P_S_C = 25;
    public static final int P_D_C = 26;
    public static final int P_C_L = 27;
    public static final int P_N_REF = 28;
    public static final int P_Q_6 = 29;
    public static final int P_D_6 = 30;
    public static final int P_F_MEM = 31;
    public static final int P_EXTINCTION = 32;
    public static final int P_TPOS0 = 33;
    public static final int P_TNEG0 = 34;
    public static final int P_DOSE_CELLS = 35;
    public static final int P_F_BLOOD = 36;
    public static final int P_V_BLOOD = 37;

    /** Largest admissible rate (1/day): far above any biology, low enough to keep steps finite. */
    private static final double RATE_MAX = 1e3;
    /** Largest admissible population (cells): a kilogram of cells is about 1e12. */
    private static final double CELLS_MAX = 1e15;
    /** Smallest admissible value of a parameter that divides. */
    private static final double POSITIVE = Double.MIN_NORMAL;

    /**
     * Resolution of the cell populations: a fraction of one cell carries no meaning, so each cell
     * state's absolute tolerance is {@code rtol} times one cell.
     */
    static final double CELL_RESOLUTION = 1.0;
    /**
     * Resolution of the cytokines (pg/mL): a thousandth of the lowest concentrations assays report
     * (about 1 pg/mL).
     */
    static final double CYTOKINE_RESOLUTION = 1e-3;

    private static final List<StateSpec> STATES = List.of(
            new StateSpec("Tpos", "cells", "antigen-positive tumor cells"),
            new StateSpec("Tneg", "cells", "antigen-negative tumor cells (escaped)"),
            new StateSpec("E", "cells", "effector CAR T-cells"),
            new StateSpec("M", "cells", "memory CAR T-cells"),
            new StateSpec("X", "cells", "exhausted CAR T-cells"),
            new StateSpec("L", "cells", "endogenous lymphocytes (the cytokine sink)"),
            new StateSpec("Cy", "pg/mL", "homeostatic cytokine (IL-7/IL-15)"),
            new StateSpec("IL6", "pg/mL", "inflammatory cytokine (CRS marker)"));

    private static final ParameterSpace PARAMETERS = ParameterSpace.of(
            rate("r_pos", 0.06, "growth rate of antigen-positive tumor"),
            rate("r_neg", 0.05, "growth rate of antigen-negative tumor"),
            ParameterSpec.real("K", "cells", 1e12, POSITIVE, CELLS_MAX, "tumor carrying capacity (logistic, gompertz)"),
            ParameterSpec.choice("growth", "logistic", GrowthLaw.LABELS, "tumor growth law, applied to Ttot"),
            rate("k_A", 1.0, "killing rate of antigen-positive cells per unit kill pressure"),
            rate("k_off", 0.002, "off-target killing rate of antigen-negative cells per unit kill pressure"),
            ParameterSpec.real("h", "cells", 1e9, POSITIVE, CELLS_MAX, "tumor size at which kill pressure per target halves"),
            ParameterSpec.real("mu_esc", "1/day", 1e-6, 0, 1, "antigen-escape rate (Tpos to Tneg)"),
            rate("rho", 0.9, "antigen-driven proliferation gain of effectors"),
            ParameterSpec.real("K_act", "cells", 2e8, POSITIVE, CELLS_MAX, "antigen level of half-maximal activation"),
            rate("alpha_h", 0.3, "maximal homeostatic (cytokine-driven) proliferation rate"),
            ParameterSpec.real("K_C", "pg/mL", 100, POSITIVE, 1e9, "cytokine level of half-maximal homeostatic proliferation"),
            rate("d_E", 0.20, "effector death rate"),
            rate("gamma", 0.03, "maximal exhaustion rate"),
            ParameterSpec.real("K_exh", "cells", 1e10, POSITIVE, CELLS_MAX, "antigen level of half-maximal exhaustion drive"),
            rate("mu", 0.06, "maximal memory differentiation rate"),
            ParameterSpec.real("K_mem", "cells", 1e8, POSITIVE, CELLS_MAX, "antigen level that halves memory formation"),
            rate("omega", 0.05, "antigen-driven reactivation rate of memory into effectors"),
            rate("d_M", 0.05, "memory death rate"),
            rate("d_X", 0.2, "exhausted-cell death rate"),
            ParameterSpec.real("s_L", "cells/day", 5e9, 0, CELLS_MAX, "endogenous lymphocyte production"),
            ParameterSpec.real("d_L", "1/day", 0.01, POSITIVE, RATE_MAX, "endogenous lymphocyte turnover"),
            rate("lambda_LD", 0.8, "lymphodepletion kill rate while conditioning lasts"),
            ParameterSpec.real("t_LD", "day", -5, -365, 365, "start of conditioning (negative: before infusion at day 0)"),
            ParameterSpec.real("LD_days", "day", 3, 0, 365, "duration of conditioning"),
            ParameterSpec.real("s_C", "pg/mL/day", 20, 0, 1e9, "homeostatic cytokine production"),
            ParameterSpec.real("d_C", "1/day", 0.05, POSITIVE, RATE_MAX, "homeostatic cytokine clearance"),
            rate("c_L", 1.0, "cytokine consumption by lymphocytes and CAR T-cells, per N_ref cells"),
            ParameterSpec.real("N_ref", "cells", 5e11, POSITIVE, CELLS_MAX, "reference cell number of consumption and IL-6 release"),
            ParameterSpec.real("q_6", "pg/mL/day", 50, 0, 1e9, "IL-6 release by activated effectors, per N_ref cells"),
            rate("d_6", 2, "IL-6 clearance"),
            ParameterSpec.real("f_mem", "-", 0.1, 0, 1, "memory fraction of the infused product"),
            ParameterSpec.real("extinction_cells", "cells", 1, 0, CELLS_MAX, "a tumor population falling through this level is set to 0"),
            ParameterSpec.real("Tpos0", "cells", 5e10, 0, CELLS_MAX, "initial antigen-positive tumor"),
            ParameterSpec.real("Tneg0", "cells", 0, 0, CELLS_MAX, "initial antigen-negative tumor"),
            ParameterSpec.real("dose_cells", "cells", 1e8, POSITIVE, CELLS_MAX, "cells of the default single dose at day 0 (used only when the regimen is empty)"),
            ParameterSpec.real("f_blood", "-", 0.02, 0, 1, "fraction of CAR T-cells circulating in blood"),
            ParameterSpec.real("V_blood_uL", "uL", 5.0e6, POSITIVE, 1e9, "blood volume"));

    private static final List<ParameterBundle> BUNDLES = List.of(
            bundle("preset", "CD28",
                    "MODELS.md section 3 starting-point table (CD28: the hare); kinetics after axicabtagene "
                            + "ciloleucel, Neelapu et al. NEJM 2017, Kochenderfer et al. JCO 2017",
                    "rho", 1.2, "K_act", 5e7, "gamma", 0.12, "mu", 0.02, "d_M", 0.10, "d_E", 0.25),
            bundle("preset", "4-1BB",
                    "MODELS.md section 3 starting-point table (4-1BB: the tortoise); kinetics after "
                            + "tisagenlecleucel, Stein et al. CPT Pharmacometrics Syst Pharmacol 2019",
                    "rho", 0.9, "K_act", 2e8, "gamma", 0.03, "mu", 0.06, "d_M", 0.05, "d_E", 0.20),
            bundle("conditioning", "none", "no lymphodepletion",
                    "lambda_LD", 0.0),
            bundle("conditioning", "standard",
                    "MODELS.md section 3 starting point; fludarabine/cyclophosphamide on days -5 to -3 "
                            + "(ZUMA-1, Neelapu et al. NEJM 2017)",
                    "lambda_LD", 0.8, "t_LD", -5.0, "LD_days", 3.0),
            bundle("conditioning", "intensified",
                    "deeper and longer depletion after high-intensity cyclophosphamide/fludarabine "
                            + "(Turtle et al. Sci Transl Med 2016; Hay et al. Blood 2017); not calibrated",
                    "lambda_LD", 1.0, "t_LD", -7.0, "LD_days", 5.0));

    /** CAR T-cell populations below this many cells are set to 0 (see the class documentation). */
    public static final double NEGLIGIBLE_CELLS = 1e-6;
    /** IL-6 below this concentration (pg/mL) is set to 0 (see the class documentation). */
    public static final double NEGLIGIBLE_PG_PER_ML = 1e-6;

    /** Number of state events: a level event for six states, a zero floor for all eight. */
    private static final int EVENT_COUNT = 14;

    /**
     * Events 0..5: {@code Tpos}, {@code Tneg} falling through {@code extinction_cells}, {@code E},
     * {@code M}, {@code X} through {@link #NEGLIGIBLE_CELLS}, {@code IL6} through
     * {@link #NEGLIGIBLE_PG_PER_ML}. Events 6..13: state {@code index - 6} falling through 0 (for a
     * state already below its level, or without one). Each sets its state to exactly 0.
     */
    private static final EventFunctions EVENTS = new EventFunctions() {
        @Override
        public int eventCount() {
            return EVENT_COUNT;
        }

        @Override
        public double g(int index, double t, double[] y, double[] p) {
            switch (index) {
                case 0:
                case 1:
                    return y[index] - p[P_EXTINCTION];
                case 2:
                case 3:
                case 4:
                    return y[index] - NEGLIGIBLE_CELLS;
                case 5:
                    return y[IL6] - NEGLIGIBLE_PG_PER_ML;
                default:
                    // + MIN_VALUE: a state at exactly 0 (g > 0) that a step would take below 0 also
                    // counts as falling through 0
                    return y[index - 6] + Double.MIN_VALUE;
            }
        }

        /** The values of {@link #g} for all fourteen events in one pass (called once per step). */
        @Override
        public void values(double t, double[] y, double[] p, double[] out) {
            final double extinction = p[P_EXTINCTION];
            out[0] = y[TPOS] - extinction;
            out[1] = y[TNEG] - extinction;
            out[2] = y[E] - NEGLIGIBLE_CELLS;
            out[3] = y[M] - NEGLIGIBLE_CELLS;
            out[4] = y[X] - NEGLIGIBLE_CELLS;
            out[5] = y[IL6] - NEGLIGIBLE_PG_PER_ML;
            for (int i = 0; i < DIMENSION; i++) {
                out[6 + i] = y[i] + Double.MIN_VALUE;
            }
        }

        @Override
        public int direction(int index) {
            return -1;
        }

        @Override
        public EventAction apply(int index, double t, double[] y, double[] p) {
            y[stateOf(index)] = 0.0;
            // The event truncated the step at a located time: every state there is an interpolated
            // value, and one far below its tolerance may sit an ulp-scale noise below 0. The restart
            // state is projected onto the non-negative orthant (a no-op for meaningful values).
            for (int i = 0; i < DIMENSION; i++) {
                if (y[i] < 0) {
                    y[i] = 0.0;
                }
            }
            return EventAction.RESET_STATE;
        }
    };

    /** @return the state an event acts on */
    static int stateOf(int event) {
        return event < 5 ? event : event == 5 ? IL6 : event - 6;
    }

    private static ParameterSpec rate(String name, double def, String description) {
        return ParameterSpec.real(name, "1/day", def, 0, RATE_MAX, description);
    }

    private static ParameterBundle bundle(String kind, String name, String source, Object... pairs) {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        final ParameterBundle b = new ParameterBundle(kind, name, values, source);
        for (String parameter : values.keySet()) {
            PARAMETERS.require(parameter);
        }
        return b;
    }

    @Override
    public String name() {
        return "cart";
    }

    @Override
    public String description() {
        return "mechanistic CAR-T virtual patient: tumor +/- antigen, effector/memory/exhausted CAR T-cells, "
                + "lymphocytes, cytokines, conditioning, dosing, escape; MODELS.md section 3";
    }

    @Override
    public List<StateSpec> states() {
        return STATES;
    }

    @Override
    public ParameterSpace parameters() {
        return PARAMETERS;
    }

    @Override
    public double startTime(double[] p) {
        return Math.min(p[P_T_LD], 0.0);
    }

    /** @return steady state of {@code L} without conditioning, {@code s_L / d_L} */
    public static double lymphocyteSteadyState(double[] p) {
        return p[P_S_L] / p[P_D_L];
    }

    /** @return steady state of {@code Cy} without conditioning and without CAR T-cells */
    public static double cytokineSteadyState(double[] p) {
        return p[P_S_C] / (p[P_D_C] + p[P_C_L] * lymphocyteSteadyState(p) / p[P_N_REF]);
    }

    @Override
    public void initialState(double[] p, double[] y) {
        y[TPOS] = p[P_TPOS0];
        y[TNEG] = p[P_TNEG0];
        y[E] = 0.0;
        y[M] = 0.0;
        y[X] = 0.0;
        y[L] = lymphocyteSteadyState(p);
        y[CY] = cytokineSteadyState(p);
        y[IL6] = 0.0;
    }

    /**
     * {@code lambda_LD(t)}: {@code lambda_LD} on {@code [t_LD, t_LD + LD_days)}, else 0. The end is
     * computed by the same expression as in {@link #schedule}, so that the piece boundary is the
     * scheduled time bit for bit.
     */
    public static double lymphodepletion(double t, double[] p) {
        final double start = p[P_T_LD];
        return t >= start && t < start + p[P_LD_DAYS] ? p[P_LAMBDA_LD] : 0.0;
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        final double tPos = y[TPOS];
        final double tNeg = y[TNEG];
        final double e = y[E];
        final double m = y[M];
        final double x = y[X];
        final double l = y[L];
        final double cy = y[CY];
        final double tTot = tPos + tNeg;

        // After extinction (most of a responder's horizon) Tpos is exactly 0: the three saturations
        // are then exactly 0, 0 and 1 (K / K), without their divisions.
        final double act;
        final double exh;
        final double mem;
        if (tPos == 0.0) {
            act = 0.0;
            exh = 0.0;
            mem = 1.0;
        } else {
            act = tPos / (p[P_K_ACT] + tPos);
            exh = tPos / (p[P_K_EXH] + tPos);
            mem = p[P_K_MEM] / (p[P_K_MEM] + tPos);
        }
        final double hom = p[P_ALPHA_H] * cy / (p[P_K_C] + cy);
        final double kill = e / (p[P_H] + tTot);
        final double phi = GrowthLaw.factor((int) p[P_GROWTH], tTot, p[P_K]);
        final double nRef = p[P_N_REF];

        final double escape = p[P_MU_ESC] * tPos;
        yDot[TPOS] = p[P_R_POS] * phi * tPos - p[P_K_A] * kill * tPos - escape;
        yDot[TNEG] = p[P_R_NEG] * phi * tNeg - p[P_K_OFF] * kill * tNeg + escape;
        final double toMemory = p[P_MU] * mem * e;
        final double reactivation = p[P_OMEGA] * act * m;
        final double exhaustion = p[P_GAMMA] * exh * e;
        yDot[E] = p[P_RHO] * act * e + hom * e - p[P_D_E] * e - exhaustion - toMemory + reactivation;
        yDot[M] = toMemory - reactivation + hom * m - p[P_D_M] * m;
        yDot[X] = exhaustion - p[P_D_X] * x;
        yDot[L] = p[P_S_L] - p[P_D_L] * l - lymphodepletion(t, p) * l;
        yDot[CY] = p[P_S_C] - p[P_D_C] * cy - p[P_C_L] * cy * (l + e + m) / nRef;
        yDot[IL6] = p[P_Q_6] * act * e / nRef - p[P_D_6] * y[IL6];
    }

    /**
     * Cell states: {@code rtol} times one cell; cytokines: {@code rtol} times 1e-3 pg/mL. The relative
     * term {@code rtol * |y|} governs every population of more than a few cells; the absolute term
     * only decides how far a population dying out (or a cytokine decaying away) is followed.
     */
    @Override
    public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        for (int i = TPOS; i <= L; i++) {
            atol[i] = rtol * CELL_RESOLUTION;
        }
        atol[CY] = rtol * CYTOKINE_RESOLUTION;
        atol[IL6] = rtol * CYTOKINE_RESOLUTION;
    }

    @Override
    public EventFunctions events() {
        return EVENTS;
    }

    @Override
    public boolean acceptsDoses() {
        return true;
    }

    @Override
    public int scheduleCapacity(Regimen regimen) {
        return 2 + Math.max(1, regimen.size());
    }

    /** Conditioning switch times (when {@code lambda_LD > 0}) and every infusion day. */
    @Override
    public int schedule(double[] p, Regimen regimen, double[] out) {
        int n = 0;
        if (p[P_LAMBDA_LD] > 0 && p[P_LD_DAYS] > 0) {
            out[n++] = p[P_T_LD];
            out[n++] = p[P_T_LD] + p[P_LD_DAYS];
        }
        final int doses = regimen.size();
        if (doses == 0) {
            out[n++] = 0.0;
        }
        for (int i = 0; i < doses; i++) {
            out[n++] = regimen.day(i);
        }
        return n;
    }

    /** Adds every infusion of day {@code t}, split into effectors and memory by {@code f_mem}. */
    @Override
    public void applyScheduled(double t, double[] y, double[] p, Regimen regimen) {
        final double fMem = p[P_F_MEM];
        final int doses = regimen.size();
        if (doses == 0) {
            if (t == 0.0) {
                y[E] += p[P_DOSE_CELLS] * (1.0 - fMem);
                y[M] += p[P_DOSE_CELLS] * fMem;
            }
            return;
        }
        for (int i = 0; i < doses; i++) {
            if (regimen.day(i) == t) {
                y[E] += regimen.cells(i) * (1.0 - fMem);
                y[M] += regimen.cells(i) * fMem;
            }
        }
    }

    /** @return total cells infused: the regimen's, or {@code dose_cells} for an empty regimen */
    public static double infusedCells(double[] p, Regimen regimen) {
        final int doses = regimen.size();
        if (doses == 0) {
            return p[P_DOSE_CELLS];
        }
        // Regimen.totalCells() in the same order, by index: no iterator on the per-patient path
        double sum = 0;
        for (int i = 0; i < doses; i++) {
            sum += regimen.cells(i);
        }
        return sum;
    }

    /** @return CAR T-cells per microlitre of blood for {@code total = E + M + X} cells */
    public static double bloodConcentration(double total, double[] p) {
        return total * p[P_F_BLOOD] / p[P_V_BLOOD];
    }

    @Override
    public List<Endpoint> newEndpoints() {
        return CartEndpoints.create();
    }

    @Override
    public List<ParameterBundle> bundles() {
        return BUNDLES;
    }

    @Override
    public boolean uses(int index, double[] p) {
        return index != P_K || (int) p[P_GROWTH] != GrowthLaw.EXPONENTIAL.ordinal();
    }
}
