package org.vtrial.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.model.builtin.PredatorPreyModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/** Behaviour of the {@code cart} model in the scenarios of its specification. */
class CartScenarioTest {

    @Test
    void reducesToPredatorPreyWithEverythingButTumorAndEffectorsSwitchedOff() {
        // With Tneg0 = mu_esc = 0, no memory (f_mem = mu = 0), no exhaustion (gamma = 0), no
        // lymphocytes or cytokine (s_L = s_C = 0), no conditioning, cart reads
        //   dTpos = r_pos phi Tpos - k_A E Tpos/(h + Tpos),  dE = rho Tpos/(K_act + Tpos) E - d_E E,
        // which is predator-prey (k = k_A/h, p = rho/K_act) in the limit h, K_act -> infinity. The
        // parameter ranges stop at 1e15 cells, so the test shows the limit: at h = K_act = H with
        // k_A = k H and rho = p H, cart differs from predator-prey by O(Tpos/H); ten times larger H
        // must give about ten times smaller differences (measured ratios 0.10), and at H = 1e15 they
        // are below 1e-2 of the solution's range (measured 5e-3 at most, exponential growth).
        // Reference: PredatorPreyModel solved by the same integrator at rtol 1e-10.
        final double k = 1e-12;
        final double pp = 1e-12;
        for (String growth : GrowthLaw.LABELS) {
            final PredatorPreyModel ppModel = new PredatorPreyModel();
            final double[] q = ppModel.parameters().defaults();
            q[PredatorPreyModel.P_R] = 0.05;
            q[PredatorPreyModel.P_K] = 1e11;
            q[PredatorPreyModel.P_KILL] = k;
            q[PredatorPreyModel.P_P] = pp;
            q[PredatorPreyModel.P_D] = 0.02;
            q[PredatorPreyModel.P_B0] = 3e10;
            q[PredatorPreyModel.P_C0] = 1e9;
            q[PredatorPreyModel.P_GROWTH] = GrowthLaw.LABELS.indexOf(growth);
            final List<double[]> b = grid(ppModel, q, 1000);
            double bMax = 0;
            double cMax = 0;
            for (double[] row : b) {
                bMax = Math.max(bMax, row[1]);
                cMax = Math.max(cMax, row[2]);
            }
            assertTrue(cMax > 10 * 1e9, growth + ": effectors expand (" + cMax + ")");
            final double[] error = new double[2];
            for (int e = 0; e < 2; e++) {
                final double big = e == 0 ? 1e14 : 1e15;
                final double[] cart = CartRuns.params("4-1BB", "none", "t_LD=0", "Tneg0=0", "mu_esc=0", "f_mem=0",
                        "mu=0", "gamma=0", "s_L=0", "s_C=0", "alpha_h=0", "h=" + big, "K_act=" + big,
                        "k_A=" + k * big, "rho=" + pp * big, "d_E=0.02", "r_pos=0.05", "K=1e11", "growth=" + growth,
                        "Tpos0=3e10", "dose_cells=1e9", "extinction_cells=0");
                final List<double[]> a = grid(CartRuns.MODEL, cart, 1000);
                assertEquals(b.size(), a.size());
                for (int n = 0; n < a.size(); n++) {
                    assertEquals(b.get(n)[0], a.get(n)[0], 0.0);
                    error[e] = Math.max(error[e], Math.abs(b.get(n)[1] - a.get(n)[1 + CartModel.TPOS]) / bMax);
                    error[e] = Math.max(error[e], Math.abs(b.get(n)[2] - a.get(n)[1 + CartModel.E]) / cMax);
                    assertEquals(0.0, a.get(n)[1 + CartModel.M] + a.get(n)[1 + CartModel.X]
                            + a.get(n)[1 + CartModel.TNEG], 0.0);
                }
            }
            assertTrue(error[1] < 1e-2, growth + ": " + error[1]);
            assertTrue(error[1] < 0.15 * error[0] && error[1] > 0.05 * error[0],
                    growth + ": first-order convergence to predator-prey, " + error[0] + " -> " + error[1]);
        }
    }

    private static List<double[]> grid(Model model, double[] p, double tEnd) {
        final PatientSimulator sim = PatientSimulator.create(model, IntegratorSettings.of(1e-10));
        final List<double[]> rows = new ArrayList<>();
        final int n = model.dimension(p);
        final GridObserver grid = new GridObserver(n, (t, y) -> {
            final double[] row = new double[n + 1];
            row[0] = t;
            System.arraycopy(y, 0, row, 1, n);
            rows.add(row);
        });
        grid.reset(0, 25, tEnd);
        assertEquals(SolveStatus.OK, sim.solve(p, Regimen.none(), tEnd, sim.defaultEndpointSettings(), grid,
                new double[64], 0));
        grid.finish(sim.integrator().time(), sim.integrator().state());
        return rows;
    }

    @Test
    void escapeWithWeakOffTargetKillingRelapsesAntigenNegative() {
        // Default patient: mu_esc = 1e-6 > 0 and k_off = 0.002 << k_A = 1. The tumor is cleared, the
        // escaped Tneg seeded during the response grows back: relapse with antigen-negative disease.
        final double[] p = CartRuns.params("4-1BB", "standard");
        assertTrue(p[CartModel.P_MU_ESC] > 0 && p[CartModel.P_K_OFF] < 0.01 * p[CartModel.P_K_A]);
        final CartRuns.Run run = CartRuns.run(p, Regimen.none(), 730, 1e-6);
        assertEquals("CR", run.label("best_response"));
        assertEquals(1.0, run.endpoint("relapse_event"));
        assertEquals("negative", run.label("relapse_antigen"));
        final double day = run.endpoint("relapse_day");
        // at relapse the tumor is all Tneg: Tpos went extinct during the response
        for (int k = 0; k < run.times.size(); k++) {
            if (run.times.get(k) >= day) {
                assertEquals(0.0, run.states.get(k)[CartModel.TPOS], 0.0);
                assertTrue(run.states.get(k)[CartModel.TNEG] > 0);
            }
        }
    }

    @Test
    void weakProductWithoutEscapeRelapsesAntigenPositive() {
        // mu_esc = 0: no antigen-negative cells ever. A weak product (effectors and memory short-lived,
        // d_E = 0.5, d_M = 0.3; activation needs more antigen, K_act = 1e9; kill saturating at larger
        // tumors, h = 1e11) brings the tumor below the CR level without extinguishing it; the tumor
        // regrows once the CAR T-cells have contracted.
        final double[] p = CartRuns.params("CD28", "none", "mu_esc=0", "h=1e11", "K_act=1e9", "d_M=0.3", "d_E=0.5");
        final CartRuns.Run run = CartRuns.run(p, Regimen.none(), 730, 1e-6);
        assertEquals(SolveStatus.OK, run.status);
        assertEquals("CR", run.label("best_response"));
        assertEquals(1.0, run.endpoint("relapse_event"));
        assertEquals("positive", run.label("relapse_antigen"));
        for (double[] y : run.states) {
            assertEquals(0.0, y[CartModel.TNEG], 0.0);
        }
        double min = Double.POSITIVE_INFINITY;
        for (double[] y : run.states) {
            min = Math.min(min, y[CartModel.TPOS]);
        }
        assertTrue(min > 1, "never extinct: min " + min);
    }

    @Test
    void curedPatientStaysExactlyCuredWhileNumericalDustWouldRegrow() {
        // CD28 without escape and with kill saturating at larger tumors (h = 1e11): the tumor goes
        // extinct around day 13, then the CAR T-cells contract. With the extinction event, Tpos is
        // exactly 0 from then on, at every step end and inside every step. Without it
        // (extinction_cells = 0), the exact solution only decays towards 0: the tumor bottoms out at
        // a fraction of a cell and grows back by orders of magnitude once the kill pressure fades.
        final String[] sets = {"mu_esc=0", "h=1e11"};
        final PatientSimulator sim = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(1e-6));
        final CartRuns.Run cured = CartRuns.runWithInterior(sim, CartRuns.params("CD28", "none", sets), Regimen.none(), 730);
        int extinct = -1;
        for (int k = 0; k < cured.times.size(); k++) {
            if (cured.states.get(k)[CartModel.TPOS] == 0.0) {
                extinct = k;
                break;
            }
        }
        assertTrue(extinct > 0 && cured.times.get(extinct) < 20, "extinct at step " + extinct);
        for (int k = extinct; k < cured.times.size(); k++) {
            assertEquals(0.0, cured.states.get(k)[CartModel.TPOS], 0.0, "t=" + cured.times.get(k));
            assertEquals(0.0, cured.states.get(k)[CartModel.TNEG], 0.0);
        }
        for (int k = 7 * (extinct + 1); k < cured.inner.size(); k++) {
            assertEquals(0.0, cured.inner.get(k)[CartModel.TPOS], 0.0);
        }
        assertEquals(0.0, cured.endpoint("relapse_event"));

        final CartRuns.Run dust = CartRuns.run(CartRuns.params("CD28", "none", "mu_esc=0", "h=1e11",
                "extinction_cells=0"), Regimen.none(), 730, 1e-6);
        double min = Double.POSITIVE_INFINITY;
        for (double[] y : dust.states) {
            min = Math.min(min, y[CartModel.TPOS]);
        }
        final double last = dust.states.get(dust.states.size() - 1)[CartModel.TPOS];
        assertTrue(min > 0 && min < 1e-3, "bottoms out at a fraction of a cell: " + min);
        assertTrue(last > 1e5, "regrows from " + min + " to " + last);
    }

    @Test
    void fractionatedDosingAddsEachInfusionAtItsDay() {
        // Split dosing 10% / 30% / 60% on days 0, 1, 2 (the fractionated schedule of CTL019 in CLL,
        // Porter et al., NEJM 2011). Reference: CartReference with the same regimen.
        final double total = 1e8;
        final Regimen split = new Regimen(List.of(new Dose(0, 0.1 * total), new Dose(1, 0.3 * total),
                new Dose(2, 0.6 * total)));
        final double[] p = CartRuns.params("4-1BB", "standard");
        final PatientSimulator sim = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(1e-6));
        final List<double[]> jumps = new ArrayList<>();
        final double[] before = new double[CartModel.DIMENSION];
        final CartRuns.Run run = new CartRuns.Run(sim, p, split, 60, false);
        assertEquals(SolveStatus.OK, run.status);
        // state right after each day equals the state right before plus the split infusion
        for (int d = 0; d < 3; d++) {
            final double day = d;
            final int k = run.times.indexOf(day);
            assertTrue(k >= 0, "a step ends at day " + day);
            System.arraycopy(run.states.get(k), 0, before, 0, CartModel.DIMENSION);
            jumps.add(before.clone());
        }
        final double[] ref = run.timesArray();
        final double[] res = CartRuns.resolution(p);
        final CartReference.Result r = CartReference.solve(p, split, 60, ref,
                new double[] {res[0], res[1], res[2], res[3], res[4], res[5], res[6], res[7], 1.0});
        for (int k = 0; k < ref.length; k++) {
            final double e = run.states.get(k)[CartModel.E];
            assertEquals(r.states[k][CartModel.E], e, 400 * (1e-6 * res[CartModel.E] + 1e-6 * Math.abs(e)), "E at " + ref[k]);
        }
        assertEquals(run.endpoint("cmax") / total, run.endpoint("expansion_fold"), 1e-12 * run.endpoint("expansion_fold"));
        // The infusion on day 1 shows as a jump in the trajectory: E just after day 1 (start of the next
        // step) exceeds E at the end of the step ending at day 1 by 0.3 * total * (1 - f_mem).
        final List<double[]> starts = new ArrayList<>();
        final PatientSimulator sim2 = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(1e-6));
        sim2.solve(p, split, 60, sim2.defaultEndpointSettings(), step -> {
            if (step.start() == 1.0) {
                starts.add(step.startState().clone());
            }
        }, new double[64], 0);
        assertEquals(1, starts.size());
        assertEquals(jumps.get(1)[CartModel.E] + 0.3 * total * 0.9, starts.get(0)[CartModel.E], 1e-9 * starts.get(0)[CartModel.E]);
        assertEquals(jumps.get(1)[CartModel.M] + 0.3 * total * 0.1, starts.get(0)[CartModel.M], 1e-9 * starts.get(0)[CartModel.M]);
    }

    @Test
    void noStateGoesNegativeAcrossARandomCohort() {
        // 200 random patients: every rate and level of the starting point scaled by a log-uniform
        // factor in [1/3, 3], random preset, conditioning and logistic or gompertz growth, tumor
        // 1e8..2e11, dose 1e6..1e9. The state the integrator carries (every step's start, after jumps
        // and events, and the final state) is never negative. Inside a step the quartic interpolant of
        // a state far below its absolute tolerance is noise of that size: it may dip below 0 by at
        // most a few of the state's absolute tolerances, never more (checked at seven
        // interior points of every step).
        final SplittableRandom rnd = new SplittableRandom(20261126L);
        final double rtol = 1e-6;
        final PatientSimulator sim = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(rtol));
        int negative = 0;
        double worstDip = 0;
        String first = "";
        for (int n = 0; n < 200; n++) {
            final double[] p = CartCohort.sample(rnd);
            final double[] res = CartRuns.resolution(p);
            final CartRuns.Run run = CartRuns.runWithInterior(sim, p, Regimen.none(), 730);
            assertEquals(SolveStatus.OK, run.status, "patient " + n);
            final List<double[]> carried = new ArrayList<>(run.starts);
            carried.add(sim.integrator().state().clone());
            for (double[] y : carried) {
                for (int i = 0; i < CartModel.DIMENSION; i++) {
                    if (!(y[i] >= 0) && negative++ == 0) {
                        first = "patient " + n + " state " + i + " = " + y[i];
                    }
                }
            }
            for (double[] y : run.inner) {
                for (int i = 0; i < CartModel.DIMENSION; i++) {
                    worstDip = Math.max(worstDip, -y[i] / (rtol * res[i]));
                }
            }
        }
        assertEquals(0, negative, "negative carried state values, first: " + first);
        // measured: 3.0 absolute tolerances at most; bound 10
        assertTrue(worstDip <= 10.0, "interpolant dips below 0 by " + worstDip + " absolute tolerances");
    }
}
