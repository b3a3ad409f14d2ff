package org.vtrial.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.AdaptiveIntegrator;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Integration methods and tolerances compared on the quickstart's patients through the production
 * solve ({@link PatientSimulator}: events and all endpoints): per configuration, accepted and rejected
 * steps, events and evaluations per patient (means and medians), and CPU time per patient, one thread,
 * the configurations alternated round by round (median of the rounds; each configuration's speed-up
 * over the first, median and quartiles of the per-round ratios). Figures, not a test.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.MethodComparison 400 9 dp54:1e-6,dp853:1e-6,dp853:1e-7"}
 * (patients, rounds, configurations {@code method:rtol}).
 */
public final class MethodComparison {

    private static double sink;

    private MethodComparison() {
    }

    public static void main(String[] args) {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        final String[] configs = (args.length > 2 ? args[2] : "dp54:1e-6,dp853:1e-6").split(",");
        final CartPatients patients = CartPatients.quickstart(size);
        final String[] names = new String[configs.length];
        final PatientSimulator[] sims = new PatientSimulator[configs.length];
        for (int m = 0; m < configs.length; m++) {
            final String[] parts = configs[m].split(":");
            final OdeMethod method = OdeMethod.of(parts[0]);
            final double rtol = Double.parseDouble(parts[1]);
            names[m] = String.format(Locale.ROOT, "%s %.0e", method.id(), rtol);
            sims[m] = PatientSimulator.create(new CartModel(), IntegratorSettings.of(rtol), 8, method);
        }
        final double[] settings = sims[0].defaultEndpointSettings();
        final double[] row = new double[sims[0].endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size()];
        System.out.printf(Locale.ROOT, "%d quickstart patients, production solve (events, %d endpoint columns)%n",
                size, sims[0].endpointColumns().size());
        for (int m = 0; m < sims.length; m++) {
            final double[][] stats = new double[4][size];
            int failed = 0;
            for (int i = 0; i < size; i++) {
                if (sims[m].solve(patients.params[i], patients.regimens[i], patients.horizon, settings, null, row, 0)
                        != SolveStatus.OK) {
                    failed++;
                }
                final AdaptiveIntegrator ode = sims[m].integrator();
                stats[0][i] = ode.acceptedSteps();
                stats[1][i] = ode.rejectedSteps();
                stats[2][i] = ode.eventsTriggered();
                stats[3][i] = ode.evaluations();
            }
            System.out.printf(Locale.ROOT, "%-11s steps %7.1f (median %5.0f, largest %6.0f)  rejected %5.1f  events %4.1f"
                    + "  evaluations %7.1f (median %5.0f)  per step %4.1f  failed %d%n", names[m],
                    mean(stats[0]), median(stats[0]), max(stats[0]), mean(stats[1]), mean(stats[2]), mean(stats[3]),
                    median(stats[3]), mean(stats[3]) / mean(stats[0]), failed);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 3; w++) {
            for (PatientSimulator s : sims) {
                sink += solveAll(s, patients, settings, row);
            }
        }
        final double[][] micros = new double[sims.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < sims.length; m++) {
                final long t0 = threads.getCurrentThreadCpuTime();
                sink += solveAll(sims[m], patients, settings, row);
                micros[m][r] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / size;
            }
        }
        for (int m = 0; m < sims.length; m++) {
            final double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = micros[0][r] / micros[m][r];
            }
            final double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-11s CPU µs per patient: median %.1f; speed-up over %s: median %.2f "
                    + "(quartiles %.2f-%.2f over %d rounds)%n", names[m], median(micros[m]), names[0], median(ratio),
                    sorted[rounds / 4], sorted[(3 * rounds) / 4], rounds);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double solveAll(PatientSimulator s, CartPatients patients, double[] settings, double[] row) {
        double acc = 0;
        for (int i = 0; i < patients.size(); i++) {
            s.solve(patients.params[i], patients.regimens[i], patients.horizon, settings, null, row, 0);
            acc += row[0];
        }
        return acc;
    }

    private static double[] round1(double[] v) {
        final double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Math.round(v[i] * 10) / 10.0;
        }
        return o;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double max(double[] v) {
        double s = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            s = Math.max(s, x);
        }
        return s;
    }

    private static double median(double[] v) {
        final double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}
