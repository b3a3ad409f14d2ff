package org.vtrial.engine.bench;

import java.util.Arrays;
import java.util.Locale;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EmbeddedRungeKuttaIntegrator;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.IntegratorSettings;

/**
 * How many steps the {@code cart} model needs under three changes of the solve that promise fewer
 * steps, each against the plain solve, on the quickstart cohort ({@link CartPatients}) with the
 * model's events, rtol 1e-6: Hipparchus' integrators, whose per-component tolerances allow them.
 *
 * <ul>
 * <li>{@code log}: cell populations (and optionally IL-6, or every state) integrated as
 * {@code u = ln(y + s)}, {@code s = atol / rtol} (one cell, 1e-3 pg/mL), with absolute tolerance rtol
 * on {@code u} and no relative one: to first order the same accuracy norm as the plain solve
 * ({@code |du| = |dy| / (y + s)} and {@code atol + rtol y = rtol (y + s)}), on a scale where
 * exponential growth and decay are straight lines.</li>
 * <li>{@code stiff}: the ceiling of any stiff treatment of the cytokines (implicit, exponential):
 * IL-6, then also {@code Cy}, taken out of the error norm. IL-6 feeds no other state, so the other
 * states' steps are those a solver that handled IL-6 perfectly would take; its own values are
 * then garbage (the explicit method is unstable for it), which the printed errors show.</li>
 * <li>{@code dp853}: Dormand–Prince 8(5,3) instead of 5(4).</li>
 * </ul>
 * Each line: accepted steps and right-hand-side evaluations per patient, and the worst end-state error
 * per state in tolerance units ({@code |y - ref| / (atol + rtol |ref|)}) against the plain solve at
 * rtol 1e-10. Figures, not a test; docs/PERFORMANCE.md reports them.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartStepLevers 100"}.
 */
public final class CartStepLevers {

    private static final CartModel MODEL = CartSolvers.MODEL;
    private static final int N = CartModel.DIMENSION;
    private static final double RTOL = CartSolvers.RTOL;

    private CartStepLevers() {
    }

    /** One way of solving: which states are on the log scale, which leave the error norm, which method. */
    private record Variant(String name, boolean[] log, boolean[] free, boolean dp853) {
    }

    /** @param args number of patients (default 100) */
    public static void main(String[] args) {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        final CartPatients cohort = CartPatients.quickstart(size);
        final boolean[] none = new boolean[N];
        final Variant reference = new Variant("reference", none, none, false);
        final double[][] ref = solve(cohort, reference, 1e-10, new long[2][size]);
        final boolean[] cells = mask(CartModel.TPOS, CartModel.TNEG, CartModel.E, CartModel.M, CartModel.X);
        final boolean[] cellsIl6 = mask(CartModel.TPOS, CartModel.TNEG, CartModel.E, CartModel.M, CartModel.X,
                CartModel.IL6);
        final boolean[] all = new boolean[N];
        Arrays.fill(all, true);
        final Variant[] variants = {
            new Variant("plain DP54", none, none, false),
            new Variant("log: cells", cells, none, false),
            new Variant("log: cells and IL-6", cellsIl6, none, false),
            new Variant("log: every state", all, none, false),
            new Variant("stiff ceiling: IL-6 out of the norm", none, mask(CartModel.IL6), false),
            new Variant("stiff ceiling: IL-6 and Cy out", none, mask(CartModel.IL6, CartModel.CY), false),
            new Variant("DP853", none, none, true),
        };
        final double[] atol = new double[N];
        MODEL.absoluteTolerance(MODEL.parameters().defaults(), RTOL, new double[N], atol);
        System.out.printf(Locale.ROOT, "%d quickstart patients with events, rtol %.0e; worst end-state error per "
                + "state (Tpos Tneg E M X L Cy IL6) in tolerance units against rtol 1e-10%n", size, RTOL);
        for (Variant v : variants) {
            final long[][] counts = new long[2][size];
            final double[][] end = solve(cohort, v, RTOL, counts);
            final StringBuilder errors = new StringBuilder();
            for (int j = 0; j < N; j++) {
                double worst = 0;
                for (int k = 0; k < size; k++) {
                    worst = Math.max(worst, Math.abs(end[k][j] - ref[k][j]) / (atol[j] + RTOL * Math.abs(ref[k][j])));
                }
                errors.append(String.format(Locale.ROOT, " %.3g", worst));
            }
            // medians as well as means: one patient whose events chatter can carry the mean alone
            int worstPatient = 0;
            for (int k = 0; k < size; k++) {
                worstPatient = counts[0][k] > counts[0][worstPatient] ? k : worstPatient;
            }
            System.out.printf(Locale.ROOT, "%-38s steps per patient: mean %7.1f, median %5d, largest %6d (patient %d); "
                            + "evaluations: mean %8.1f, median %5d; errors%s%n", v.name(), mean(counts[0]),
                    median(counts[0]), counts[0][worstPatient], worstPatient, mean(counts[1]), median(counts[1]), errors);
        }
    }

    private static boolean[] mask(int... states) {
        final boolean[] m = new boolean[N];
        for (int s : states) {
            m[s] = true;
        }
        return m;
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static long median(long[] values) {
        final long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** @return each patient's end state (plain scale); counts[0][k], counts[1][k]: patient k's accepted steps, evaluations */
    private static double[][] solve(CartPatients cohort, Variant v, double rtol, long[][] counts) {
        final IntegratorSettings s = IntegratorSettings.of(rtol);
        final double[] atolY = new double[N];
        MODEL.absoluteTolerance(MODEL.parameters().defaults(), rtol, new double[N], atolY);
        final Scale scale = new Scale(v.log(), atolY, rtol);
        final double[] atol = new double[N];
        final double[] rt = new double[N];
        for (int j = 0; j < N; j++) {
            atol[j] = v.free()[j] ? 1e300 : v.log()[j] ? rtol : atolY[j];
            rt[j] = v.free()[j] || v.log()[j] ? 0 : rtol;
        }
        final EmbeddedRungeKuttaIntegrator integrator = v.dp853()
                ? new DormandPrince853Integrator(s.minStep(), s.maxStep(), atol, rt)
                : new DormandPrince54Integrator(s.minStep(), s.maxStep(), atol, rt);
        integrator.setMaxEvaluations(Integer.MAX_VALUE);
        final ScaledRhs rhs = new ScaledRhs(scale);
        for (int i = 0; i < MODEL.events().eventCount(); i++) {
            integrator.addEventDetector(new CartSolvers.Event(i, () -> rhs.p, scale, s.eventTimeTolerance()));
        }
        final long[] steps = {0};
        integrator.addStepHandler(interpolator -> steps[0]++);
        final double[][] ends = new double[cohort.params.length][];
        final double[] times = new double[16];
        for (int k = 0; k < cohort.params.length; k++) {
            final double[] p = cohort.params[k];
            rhs.p = p;
            double[] y = new double[N];
            MODEL.initialState(p, y);
            double t = MODEL.startTime(p);
            final int count = CartSolvers.schedule(p, cohort.regimens[k], times);
            int next = 0;
            while (true) {
                while (next < count && times[next] <= t) {
                    if (times[next] == t) {
                        MODEL.applyScheduled(t, y, p, cohort.regimens[k]);
                    }
                    next++;
                }
                if (t >= cohort.horizon) {
                    break;
                }
                final double target = next < count ? Math.min(times[next], cohort.horizon) : cohort.horizon;
                rhs.cap = Math.nextDown(target);
                final ODEStateAndDerivative end = integrator.integrate(rhs, new ODEState(t, scale.toU(y)), target);
                y = scale.toY(end.getPrimaryState());
                t = target;
            }
            ends[k] = y;
            counts[0][k] = steps[0];
            counts[1][k] = rhs.evaluations;
            steps[0] = 0;
            rhs.evaluations = 0;
        }
        return ends;
    }

    /** {@code u = ln(y + s)} on the flagged states, {@code u = y} elsewhere. */
    private record Scale(boolean[] log, double[] shift) implements CartSolvers.StateView {

        Scale(boolean[] log, double[] atol, double rtol) {
            this(log, shiftOf(atol, rtol));
        }

        private static double[] shiftOf(double[] atol, double rtol) {
            final double[] s = new double[atol.length];
            for (int j = 0; j < s.length; j++) {
                s[j] = atol[j] / rtol;
            }
            return s;
        }

        @Override
        public double[] toModel(double[] u) {
            return toY(u);
        }

        @Override
        public double[] fromModel(double[] y) {
            return toU(y);
        }

        double[] toY(double[] u) {
            final double[] y = new double[N];
            for (int j = 0; j < N; j++) {
                y[j] = log[j] ? Math.exp(u[j]) - shift[j] : u[j];
            }
            return y;
        }

        double[] toU(double[] y) {
            final double[] u = new double[N];
            for (int j = 0; j < N; j++) {
                u[j] = log[j] ? Math.log(y[j] + shift[j]) : y[j];
            }
            return u;
        }
    }

    /** The model's right-hand side in the scaled variables: {@code du/dt = (dy/dt) / (y + s)}. */
    private static final class ScaledRhs implements OrdinaryDifferentialEquation {
        private final Scale scale;
        double[] p;
        double cap;
        long evaluations;

        ScaledRhs(Scale scale) {
            this.scale = scale;
        }

        @Override
        public int getDimension() {
            return N;
        }

        @Override
        public double[] computeDerivatives(double t, double[] u) {
            evaluations++;
            final double[] y = scale.toY(u);
            final double[] d = new double[N];
            MODEL.derivatives(Math.min(t, cap), y, p, d);
            for (int j = 0; j < N; j++) {
                if (scale.log()[j]) {
                    d[j] /= y[j] + scale.shift()[j];
                }
            }
            return d;
        }
    }
}
