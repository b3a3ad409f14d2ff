package org.vtrial.engine.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The cart endpoint observers fed with steps of a known analytic trajectory (exact interpolation), on
 * an irregular step grid, against closed forms or Hipparchus solvers/quadrature at 1e-13:
 * <pre>
 *   E(t)    = A exp(-(t - tp)^2 / (2 s^2))           M = X = 0
 *   Tpos(t) = T0 exp(-k t),  Tneg(t) = N0 exp(g t)
 *   IL6(t)  = B t exp(-t / tau)                       (peak B tau / e at tau)
 * </pre>
 */
class CartEndpointsSyntheticTest {

    static final double A = 1e11;
    static final double TP = 8.3;
    static final double S = 2.0;
    static final double T0 = 5e10;
    static final double K = 1.2;
    static final double N0 = 1e3;
    static final double G = 0.05;
    static final double B = 150 * Math.E / 3.1;
    static final double TAU = 3.1;
    static final double HORIZON = 400;

    static double e(double t) {
        return A * Math.exp(-(t - TP) * (t - TP) / (2 * S * S));
    }

    static double tpos(double t) {
        return T0 * Math.exp(-K * t);
    }

    static double tneg(double t) {
        return N0 * Math.exp(G * t);
    }

    static double il6(double t) {
        return B * t * Math.exp(-t / TAU);
    }

    static void state(double t, double[] y) {
        java.util.Arrays.fill(y, 0.0);
        y[CartModel.TPOS] = tpos(t);
        y[CartModel.TNEG] = tneg(t);
        y[CartModel.E] = e(t);
        y[CartModel.IL6] = il6(t);
        y[CartModel.L] = 5e11;
        y[CartModel.CY] = 19;
    }

    /** A step of the analytic trajectory: exact at every time. */
    static final class Step implements DenseStep {
        final double a;
        final double b;
        final double[] ya = new double[CartModel.DIMENSION];
        final double[] yb = new double[CartModel.DIMENSION];
        final double[] tmp = new double[CartModel.DIMENSION];

        Step(double a, double b) {
            this.a = a;
            this.b = b;
            state(a, ya);
            state(b, yb);
        }

        @Override public double start() { return a; }
        @Override public double end() { return b; }
        @Override public double[] endState() { return yb; }
        @Override public double[] startState() { return ya; }
        @Override public void interpolate(double t, double[] out) { state(t, out); }
        @Override public double interpolate(double t, int component) {
            state(t, tmp);
            return tmp[component];
        }
    }

    /** Captures the simulator's context of a patient (the only way to get one outside the sim package). */
    static PatientContext context(double[] p) {
        final PatientContext[] captured = new PatientContext[1];
        final Model cart = ModelRegistry.get("cart");
        final Endpoint capture = new Endpoint() {
            @Override public List<ColumnSpec> columns() { return List.of(ColumnSpec.real("x", "-", "-")); }
            @Override public void begin(PatientContext c, double[] s) { captured[0] = c; }
            @Override public void observe(DenseStep step) { }
            @Override public void finish(SolveStatus status, double[] out, int offset) { }
        };
        final Model wrapper = (Model) java.lang.reflect.Proxy.newProxyInstance(Model.class.getClassLoader(),
                new Class<?>[] {Model.class}, (proxy, method, args) -> method.getName().equals("newEndpoints")
                        ? List.of(capture) : method.invoke(cart, args));
        final PatientSimulator sim = PatientSimulator.create(wrapper, IntegratorSettings.of(1e-6), CartModel.DIMENSION);
        sim.solve(p, Regimen.none(), HORIZON, new double[0], null, new double[8], 0);
        return captured[0];
    }

    static double[] run(Endpoint endpoint, double[] settings, List<Step> steps, PatientContext context) {
        endpoint.begin(context, settings);
        for (Step s : steps) {
            endpoint.observe(s);
        }
        final double[] out = new double[endpoint.columns().size()];
        endpoint.finish(SolveStatus.OK, out, 0);
        return out;
    }

    static double[] defaults(Endpoint e) {
        return e.settings().stream().mapToDouble(s -> s.defaultValue()).toArray();
    }

    @Test
    void endpointsOfAnAnalyticTrajectory() throws Exception {
        final Model cart = ModelRegistry.get("cart");
        final ParameterSpace space = cart.parameters();
        final double[] p = space.defaults();
        p[space.require("lambda_LD")] = 0;
        p[space.require("t_LD")] = 0;
        final PatientContext context = context(p);
        assertEquals(0.0, context.startTime());
        // irregular steps: 0.05..0.6 days over the first 40 days, 0.5..6 days afterwards
        final SplittableRandom rnd = new SplittableRandom(3L);
        final List<Step> steps = new ArrayList<>();
        double t = 0;
        while (t < HORIZON) {
            final double h = t < 40 ? rnd.nextDouble(0.05, 0.6) : rnd.nextDouble(0.5, 6);
            final double next = Math.min(HORIZON, t + h);
            steps.add(new Step(t, next));
            t = next;
        }
        final BrentSolver brent = new BrentSolver(1e-14, 1e-13);

        // peak: at TP exactly, value A; blood = A * f_blood / V_blood_uL; fold = A / dose_cells
        final double[] peak = run(new CarTPeak(), new double[0], steps, context);
        assertEquals(A, peak[0], 1e-12 * A);
        assertEquals(A * 0.02 / 5e6, peak[1], 1e-12 * A * 0.02 / 5e6);
        assertEquals(TP, peak[2], 1e-6);
        assertEquals(A / 1e8, peak[3], 1e-12 * A / 1e8);

        // AUC 0-28 of the Gaussian: A s sqrt(pi/2) [erf((28-tp)/(s sqrt2)) - erf(-tp/(s sqrt2))]
        final double auc = A * S * Math.sqrt(Math.PI / 2)
                * (Erf.erf((28 - TP) / (S * Math.sqrt(2))) - Erf.erf(-TP / (S * Math.sqrt(2))));
        assertEquals(auc, run(new CarTAuc(), new double[0], steps, context)[0], 1e-9 * auc);

        // persistence: blood E crosses 0.1 cells/uL downward at tp + s sqrt(2 ln(A b / 0.1))
        final double blood = 0.02 / 5e6;
        final double last = TP + S * Math.sqrt(2 * Math.log(A * blood / 0.1));
        final CarTPersistence persistence = new CarTPersistence();
        assertEquals(last, run(persistence, defaults(persistence), steps, context)[0], 1e-8);

        // exposure: k_A * act * E integrated by Hipparchus Gauss-Legendre (iterative, 1e-13)
        final double kA = p[space.require("k_A")];
        final double kAct = p[space.require("K_act")];
        final IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(5, 1e-13, 1e-3);
        double exposure = 0;
        for (double x = 0; x < HORIZON; x += 1) {
            exposure += quad.integrate(10_000_000, u -> kA * tpos(u) / (kAct + tpos(u)) * e(u), x, x + 1);
        }
        // three-point Gauss-Legendre per step on this non-polynomial integrand (act falls from 1 to 0
        // within days): measured relative error 3.5e-9 with steps up to 0.6 day; bound 1e-8
        assertEquals(exposure, run(new Exposure(), new double[0], steps, context)[0], 1e-8 * exposure);

        // response: Ttot / T0 reaches pr_ratio 0.5 at the root of Ttot = 0.5 T0 (time to response)
        // and cr_ratio 0.05 later: CR; relapse at the second root of Ttot = 0.05 T0, antigen-negative
        final BestResponse response = new BestResponse();
        final Relapse relapse = new Relapse(response);
        final double[] rs = defaults(response);
        response.begin(context, rs);
        relapse.begin(context, new double[0]);
        for (Step s : steps) {
            response.observe(s);
            relapse.observe(s);
        }
        final double[] r = new double[2];
        final double[] q = new double[3];
        response.finish(SolveStatus.OK, r, 0);
        relapse.finish(SolveStatus.OK, q, 0);
        final double ttr = brent.solve(1000, u -> tpos(u) + tneg(u) - 0.5 * T0, 0, 5);
        final double relapseDay = brent.solve(1000, u -> tpos(u) + tneg(u) - 0.05 * T0, 100, HORIZON);
        assertEquals(BestResponse.CR, r[0]);
        assertEquals(ttr, r[1], 1e-8);
        assertEquals(relapseDay, q[0], 1e-8);
        assertEquals(1.0, q[1]);
        assertEquals(Relapse.NEGATIVE, q[2]);

        // IL-6 peak B tau / e = 150 pg/mL at tau: grade 2 with the default cut-offs (100 <= 150 < 1000)
        final CytokineRelease crs = new CytokineRelease();
        final double[] c = run(crs, defaults(crs), steps, context);
        assertEquals(150.0, c[0], 1e-10);
        assertEquals(2.0, c[1]);
    }
}
