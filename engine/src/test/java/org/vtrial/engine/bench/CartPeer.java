package org.vtrial.engine.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.OdeMethod;

/**
 * Our integrators against a compiled peer, SUNDIALS CVODE (the solver family of SimBiology; LSODA, the
 * default of mrgsolve and rxode2, switches between the same Adams and BDF formulas), on the model as
 * specified: the quickstart's patients, the fourteen state events, the conditioning switches and the
 * infusions, rtol 1e-6 with the model's absolute tolerances. The peer is {@code engine/src/test/c/cvode_cart.c};
 * this class gives it its patients and the reference it is scored against, and times our side.
 *
 * <ul>
 * <li>{@code export FILE N}: writes the first {@code N} quickstart patients, one line each: start time,
 * horizon, the schedule (each time with its infusion into {@code E} and {@code M}), initial state,
 * absolute tolerances, the 38 parameters, then three end states: a reference (our Dormand–Prince
 * 8(5,3) at rtol 1e-11 with the events), our Tsitouras 5(4) and our Dormand–Prince 5(4) at rtol 1e-6.
 * Numbers in Java's shortest round-trip form, so that C's {@code strtod} reads the same doubles.</li>
 * <li>{@code time N R}: CPU time per patient of our two 5(4) methods with the events (no endpoints,
 * as the peer), one thread, median of {@code R} rounds after three warm-up rounds.</li>
 * </ul>
 *
 * <p>Run (after {@code mvn -pl engine test-compile}), from {@code engine/}: {@code mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartPeer export target/cart-peer.csv 400"};
 * docs/PERFORMANCE.md, "Against compiled peers", has the whole recipe.
 */
public final class CartPeer {

    /** Tolerance of the reference solve. */
    static final double REFERENCE_RTOL = 1e-11;

    private static double sink;

    private CartPeer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("export")) {
            export(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 3 && args[0].equals("time")) {
            time(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else {
            throw new IllegalArgumentException("usage: CartPeer export FILE N | CartPeer time N ROUNDS");
        }
    }

    static void export(Path file, int size) throws IOException {
        final CartPatients patients = CartPatients.quickstart(size);
        final CartModel model = CartSolvers.MODEL;
        final CartSolvers.Ours reference = new CartSolvers.Ours(OdeMethod.DP853, REFERENCE_RTOL);
        final CartSolvers.Ours tsit5 = new CartSolvers.Ours(OdeMethod.TSIT5);
        final CartSolvers.Ours dp54 = new CartSolvers.Ours(OdeMethod.DP54);
        final double[] times = new double[16];
        final double[] jump = new double[CartModel.DIMENSION];
        final double[] y0 = new double[CartModel.DIMENSION];
        final double[] atol = new double[CartModel.DIMENSION];
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("# " + size + " quickstart cart patients; fields: index t0 horizon nsched {time dE dM}*nsched"
                    + " y0[8] atol[8] p[" + patients.params[0].length + "] reference[8] tsit5[8] dp54[8]");
            for (int i = 0; i < size; i++) {
                final double[] p = patients.params[i];
                final StringBuilder line = new StringBuilder().append(i);
                append(line, model.startTime(p));
                append(line, patients.horizon);
                final int count = CartSolvers.schedule(p, patients.regimens[i], times);
                line.append(' ').append(count);
                for (int k = 0; k < count; k++) {
                    Arrays.fill(jump, 0.0);
                    model.applyScheduled(times[k], jump, p, patients.regimens[i]);
                    append(line, times[k]);
                    append(line, jump[CartModel.E]);
                    append(line, jump[CartModel.M]);
                }
                model.initialState(p, y0);
                model.absoluteTolerance(p, CartSolvers.RTOL, y0, atol);
                appendAll(line, y0);
                appendAll(line, atol);
                appendAll(line, p);
                for (CartSolvers.Ours solver : new CartSolvers.Ours[] {reference, tsit5, dp54}) {
                    if (Double.isNaN(solver.solve(p, patients.regimens[i], patients.horizon, true))) {
                        throw new IllegalStateException("patient " + i + " failed with " + solver.ode.method());
                    }
                    appendAll(line, solver.ode.state());
                }
                out.println(line);
            }
        }
        System.out.printf(Locale.ROOT, "%d patients written to %s%n", size, file);
    }

    static void time(int size, int rounds) {
        final CartPatients patients = CartPatients.quickstart(size);
        final CartSolvers.Ours[] solvers = {new CartSolvers.Ours(OdeMethod.TSIT5), new CartSolvers.Ours(OdeMethod.DP54)};
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] micros = new double[solvers.length][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int m = 0; m < solvers.length; m++) {
                solvers[m].steps = 0;
                solvers[m].evaluations = 0;
                final long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < size; i++) {
                    sink += solvers[m].solve(patients.params[i], patients.regimens[i], patients.horizon, true);
                }
                final long t1 = threads.getCurrentThreadCpuTime();
                if (r >= 0) {
                    micros[m][r] = (t1 - t0) / 1e3 / size;
                }
            }
        }
        for (int m = 0; m < solvers.length; m++) {
            Arrays.sort(micros[m]);
            System.out.printf(Locale.ROOT, "ours %-6s events: %7.1f steps, %7.1f evaluations per patient; CPU %.1f us "
                            + "per patient (median of %d rounds), %.0f patients per CPU-second%n",
                    solvers[m].ode.method().id(), (double) solvers[m].steps / size,
                    (double) solvers[m].evaluations / size, micros[m][rounds / 2], rounds, 1e6 / micros[m][rounds / 2]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void append(StringBuilder line, double v) {
        line.append(' ').append(v);
    }

    private static void appendAll(StringBuilder line, double[] v) {
        for (double x : v) {
            append(line, x);
        }
    }
}
