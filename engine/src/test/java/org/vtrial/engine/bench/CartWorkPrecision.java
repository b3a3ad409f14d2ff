package org.vtrial.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.ColumnType;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Accuracy against cost of the {@code cart} endpoints, by relative tolerance (a work–precision
 * table): the quickstart's first patients solved by the production path ({@link PatientSimulator}:
 * events and every endpoint) at rtol 1e-3 to 1e-8, each endpoint compared with the same solve at
 * rtol 1e-11 (itself checked against an independent DP853 solve at 1e-12 by the model tests, e.g.
 * {@code CartIl6PeakTest}). Per tolerance: steps and evaluations per patient, CPU time per patient
 * (median of rounds, alternated over the tolerances so that all see the same load) and its ratio to
 * the default rtol 1e-6, then per endpoint the worst error over the patients: relative for amounts, in days for
 * times, and for a category or flag the number of patients whose value changed. Figures, not a test.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartWorkPrecision 400 7"} (patients, rounds).
 */
public final class CartWorkPrecision {

    private static final double[] TOLERANCES = {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};
    private static final double REFERENCE_RTOL = 1e-11;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static double sink;

    private CartWorkPrecision() {
    }

    /** @param args patients (default 400), timing rounds (default 7) */
    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        final CartPatients patients = CartPatients.quickstart(n);
        final double[][] reference = solveAll(simulator(REFERENCE_RTOL), patients);
        final PatientSimulator[] sims = new PatientSimulator[TOLERANCES.length];
        final double[][][] rows = new double[TOLERANCES.length][][];
        for (int r = 0; r < TOLERANCES.length; r++) {
            sims[r] = simulator(TOLERANCES[r]);
            rows[r] = solveAll(sims[r], patients); // also the JIT's warm-up
        }
        final double[][] micros = new double[TOLERANCES.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < TOLERANCES.length; r++) {
                final long cpu0 = THREADS.getCurrentThreadCpuTime();
                sink += solveAll(sims[r], patients)[0][0];
                micros[r][round] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
            }
        }
        final List<ColumnSpec> endpoints = sims[0].endpointColumns();
        final int stepsColumn = endpoints.size();
        final int evaluationsColumn = endpoints.size() + 2;
        System.out.printf(Locale.ROOT, "%d quickstart patients, production solve (events, all endpoints), one thread; "
                + "CPU time per patient, median of %d rounds; worst error against rtol %.0e over the patients "
                + "(amounts relative, times in days, categories and flags: patients changed)%n", n, rounds,
                REFERENCE_RTOL);
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s %7s %7s %8s %6s",
                "rtol", "steps", "evals", "us/pt", "cost"));
        for (ColumnSpec c : endpoints) {
            header.append(' ').append(String.format(Locale.ROOT, "%" + width(c) + "s", c.name()));
        }
        System.out.println(header);
        double baseline = Double.NaN;
        for (int r = 0; r < TOLERANCES.length; r++) {
            if (TOLERANCES[r] == IntegratorSettings.DEFAULT_RELATIVE_TOLERANCE) {
                baseline = median(micros[r]);
            }
        }
        for (int r = 0; r < TOLERANCES.length; r++) {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.0e %7.1f %7.0f %8.1f %6.2f",
                    TOLERANCES[r], mean(rows[r], stepsColumn), mean(rows[r], evaluationsColumn), median(micros[r]),
                    median(micros[r]) / baseline));
            for (int j = 0; j < endpoints.size(); j++) {
                line.append(' ').append(String.format(Locale.ROOT, "%" + width(endpoints.get(j)) + "s",
                        worst(endpoints.get(j), rows[r], reference, j)));
            }
            System.out.println(line);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static PatientSimulator simulator(double rtol) {
        return PatientSimulator.create(CartSolvers.MODEL, IntegratorSettings.of(rtol));
    }

    private static double[][] solveAll(PatientSimulator sim, CartPatients patients) {
        final double[] settings = sim.defaultEndpointSettings();
        final int width = sim.endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size();
        final double[][] rows = new double[patients.size()][width];
        for (int k = 0; k < patients.size(); k++) {
            final SolveStatus status = sim.solve(patients.params[k], patients.regimens[k], patients.horizon, settings,
                    null, rows[k], 0);
            if (status != SolveStatus.OK) {
                throw new IllegalStateException("patient " + k + ": " + status);
            }
        }
        return rows;
    }

    private static int width(ColumnSpec c) {
        return Math.max(c.name().length(), 8);
    }

    /** @return the worst error of column {@code j} against the reference, formatted */
    private static String worst(ColumnSpec c, double[][] rows, double[][] reference, int j) {
        final boolean discrete = c.type() != ColumnType.DOUBLE;
        final boolean days = "day".equals(c.unit());
        double worst = 0;
        int changed = 0;
        for (int k = 0; k < rows.length; k++) {
            final double x = rows[k][j];
            final double ref = reference[k][j];
            if (Double.compare(x, ref) == 0) {
                continue;
            }
            if (discrete || Double.isNaN(x) || Double.isNaN(ref)) {
                changed++; // a category, a flag, or a time that exists in one solve only (a relapse, a response)
                continue;
            }
            worst = Math.max(worst, days ? Math.abs(x - ref) : Math.abs(x - ref) / Math.abs(ref));
        }
        if (discrete) {
            return Integer.toString(changed);
        }
        final String value = String.format(Locale.ROOT, days ? "%.1ed" : "%.1e", worst);
        return changed == 0 ? value : value + "+" + changed;
    }

    private static double mean(double[][] rows, int column) {
        double s = 0;
        for (double[] row : rows) {
            s += row[column];
        }
        return s / rows.length;
    }

    private static double median(double[] values) {
        final double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
