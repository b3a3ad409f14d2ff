package org.vtrial.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The speed ratios of {@link CartBenchmark}'s solvers measured in alternation, as
 * {@link InterleavedRatio} does for the small models: each round times our integrator and Hipparchus
 * back to back (about half a second each) by wall clock and by process CPU time (all threads of this
 * JVM, so Hipparchus' garbage collection counts), and the median of the per-round ratios is printed,
 * with and without the model's events; then our production solve (events and endpoints) and the
 * trial kernel (sampling, solve, endpoints, row) in patients per CPU-second. Figures, not a test.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartRatio 15"}.
 */
public final class CartRatio {

    private static final long HALF_ROUND_NANOS = 500_000_000L;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static double sink;

    private CartRatio() {
    }

    /** @param args number of rounds (default 15) */
    public static void main(String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        final CartBenchmark bench = new CartBenchmark();
        bench.setup();
        for (int i = 0; i < 5; i++) { // warm-up: JIT compilation of every path
            sink += bench.oursEvents() + bench.oursTsit5Events() + bench.hipparchusEvents() + bench.oursNoEvents()
                    + bench.oursTsit5NoEvents() + bench.hipparchusNoEvents() + bench.oursEndpoints() + bench.trialKernel();
        }
        report("cart with events", rounds, bench::oursEvents, bench::hipparchusEvents);
        report("cart with events, ours Tsit5 (the default)", rounds, bench::oursTsit5Events, bench::hipparchusEvents);
        report("cart without events", rounds, bench::oursNoEvents, bench::hipparchusNoEvents);
        report("cart without events, ours Tsit5 (the default)", rounds, bench::oursTsit5NoEvents,
                bench::hipparchusNoEvents);
        final double[] production = new double[rounds];
        final double[] kernel = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            production[r] = 1e9 / measure(bench::oursEndpoints)[1];
            kernel[r] = 1e9 / measure(bench::trialKernel)[1];
        }
        System.out.printf(Locale.ROOT, "patients per CPU-second, median of %d rounds: ours with endpoints %.0f, "
                + "trial kernel (sampling, solve, endpoints, row) %.0f%n", rounds, quantile(production, 0.5),
                quantile(kernel, 0.5));
        if (sink == 42) {
            System.out.println(); // keeps the results alive
        }
    }

    private static void report(String what, int rounds, DoubleSupplier ours, DoubleSupplier hipparchus) {
        final double[] wallRatio = new double[rounds];
        final double[] cpuRatio = new double[rounds];
        final double[] oursPerSecond = new double[rounds];
        final double[] hipparchusPerSecond = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            final double[] a = measure(ours);
            final double[] b = measure(hipparchus);
            wallRatio[r] = b[0] / a[0];
            cpuRatio[r] = b[1] / a[1];
            oursPerSecond[r] = 1e9 / a[1];
            hipparchusPerSecond[r] = 1e9 / b[1];
        }
        System.out.printf(Locale.ROOT, "%s: ours/Hipparchus speed ratio, median of %d rounds: CPU time %.2f "
                        + "(quartiles %.2f-%.2f), wall clock %.2f (quartiles %.2f-%.2f); "
                        + "patients per CPU-second: ours %.0f, Hipparchus %.0f%n",
                what, rounds, quantile(cpuRatio, 0.5), quantile(cpuRatio, 0.25), quantile(cpuRatio, 0.75),
                quantile(wallRatio, 0.5), quantile(wallRatio, 0.25), quantile(wallRatio, 0.75),
                quantile(oursPerSecond, 0.5), quantile(hipparchusPerSecond, 0.5));
    }

    /** @return {wall ns, process CPU ns} per patient, over about half a second of repetitions */
    private static double[] measure(DoubleSupplier cohort) {
        final long cpu0 = OS.getProcessCpuTime();
        final long wall0 = System.nanoTime();
        long invocations = 0;
        long wall;
        do {
            sink += cohort.getAsDouble();
            invocations++;
            wall = System.nanoTime() - wall0;
        } while (wall < HALF_ROUND_NANOS);
        final long cpu = OS.getProcessCpuTime() - cpu0;
        final double patients = (double) invocations * CartBenchmark.PATIENTS;
        return new double[] {wall / patients, cpu / patients};
    }

    private static double quantile(double[] values, double q) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
