package org.vtrial.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientSimulator;

/**
 * What the {@code cart} endpoints cost: the production solve ({@link PatientSimulator}: the model's
 * events and schedule) of the first 400 quickstart patients with all of the model's endpoints, with
 * none, and with each endpoint class alone, through the same delegating model (only
 * {@code newEndpoints()} differs, so the integration and its steps are identical), alternated in one
 * JVM round after round; prints the median and quartiles of each variant's CPU time over the
 * endpoint-free solve's. With {@code --all-only}, only the solves with all and with no endpoints run
 * (each endpoint alone would show the JIT other endpoint classes at the same call sites). Figures,
 * not a test; docs/PERFORMANCE.md reports them.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.EndpointCost 11 [--all-only]"}.
 */
public final class EndpointCost {

    private static final int ALL = -1;
    private static final int NONE = -2;

    private EndpointCost() {
    }

    /** The cart model with a chosen subset of its endpoints. */
    private static final class Subset extends CartDelegate {
        private final int only;

        /** @param only index into the model's endpoint list, {@link #ALL} or {@link #NONE} */
        Subset(int only) {
            this.only = only;
        }

        @Override
        public List<Endpoint> newEndpoints() {
            final List<Endpoint> all = cart.newEndpoints();
            return only == ALL ? all : only == NONE ? List.of() : List.of(all.get(only));
        }
    }

    /** @param args rounds (default 11), then optionally {@code --all-only} */
    public static void main(String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        final CartPatients cohort = CartPatients.quickstart(400);
        final List<Endpoint> endpoints = CartSolvers.MODEL.newEndpoints();
        // "--all-only": just the two solves, so that no other endpoint mix reaches the JIT's type profiles
        final boolean allOnly = args.length > 1 && args[1].equals("--all-only");
        final int variants = allOnly ? 2 : endpoints.size() + 2;
        final PatientSimulator[] simulators = new PatientSimulator[variants];
        final double[][] settings = new double[variants][];
        final String[] names = new String[variants];
        for (int v = 0; v < variants; v++) {
            final int only = v == 0 ? NONE : v == 1 ? ALL : v - 2;
            simulators[v] = PatientSimulator.create(new Subset(only), IntegratorSettings.of(CartSolvers.RTOL));
            settings[v] = simulators[v].defaultEndpointSettings();
            names[v] = v == 0 ? "none" : v == 1 ? "all" : endpoints.get(only).getClass().getSimpleName() + " alone";
        }
        final double[] row = new double[256];
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final double[][] ratio = new double[variants][rounds];
        final double[] cpu = new double[variants];
        for (int r = -3; r < rounds; r++) { // three unreported rounds warm every variant up
            final long[] nanos = new long[variants];
            for (int v = 0; v < variants; v++) {
                final long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < cohort.size(); i++) {
                    simulators[v].solve(cohort.params[i], cohort.regimens[i], cohort.horizon, settings[v], null, row, 0);
                }
                nanos[v] = threads.getCurrentThreadCpuTime() - start;
            }
            if (r >= 0) {
                for (int v = 0; v < variants; v++) {
                    ratio[v][r] = nanos[v] / (double) nanos[0];
                    cpu[v] += nanos[v];
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d quickstart patients, %d rounds; CPU time per patient and over the "
                + "endpoint-free solve (median, quartiles)%n", cohort.size(), rounds);
        for (int v = 0; v < variants; v++) {
            Arrays.sort(ratio[v]);
            System.out.printf(Locale.ROOT, "%-26s %7.1f us  %.3f (%.3f-%.3f)%n", names[v],
                    cpu[v] / rounds / cohort.size() / 1e3, ratio[v][rounds / 2], ratio[v][rounds / 4],
                    ratio[v][3 * rounds / 4]);
        }
    }
}
