package org.vtrial.engine.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The speed ratio of {@link IntegratorBenchmark}'s solvers measured in alternation: each round times
 * our solver and Hipparchus back to back on the same cohort and keeps their ratio; the median over
 * the rounds is printed. JMH runs one benchmark after the other, so on a shared machine whose load
 * changes over minutes its scores can be compared only loosely; alternating cancels slow drifts of
 * the load. Figures, not a test.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.InterleavedRatio 30"}.
 */
public final class InterleavedRatio {

    private InterleavedRatio() {
    }

    /** @param args number of rounds (default 30) */
    public static void main(String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        final IntegratorBenchmark bench = new IntegratorBenchmark();
        bench.setup();
        double sink = 0;
        // warm-up: a few rounds of everything
        for (int i = 0; i < 5; i++) {
            sink += bench.tumorControlOurs() + bench.tumorControlHipparchus()
                    + bench.predatorPreyOurs() + bench.predatorPreyHipparchus();
        }
        final double[] tumorRatio = new double[rounds];
        final double[] predatorRatio = new double[rounds];
        final double[] tumorOurs = new double[rounds];
        final double[] predatorOurs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink += bench.tumorControlOurs();
            long t1 = System.nanoTime();
            sink += bench.tumorControlHipparchus();
            long t2 = System.nanoTime();
            tumorRatio[r] = (double) (t2 - t1) / (t1 - t0);
            tumorOurs[r] = IntegratorBenchmark.PATIENTS * 1e9 / (t1 - t0);
            t0 = System.nanoTime();
            sink += bench.predatorPreyOurs();
            t1 = System.nanoTime();
            sink += bench.predatorPreyHipparchus();
            t2 = System.nanoTime();
            predatorRatio[r] = (double) (t2 - t1) / (t1 - t0);
            predatorOurs[r] = IntegratorBenchmark.PATIENTS * 1e9 / (t1 - t0);
        }
        System.out.printf(Locale.ROOT, "tumor-control: median ratio %.2f (quartiles %.2f-%.2f), ours median %.0f patients/s%n",
                median(tumorRatio), quantile(tumorRatio, 0.25), quantile(tumorRatio, 0.75), median(tumorOurs));
        System.out.printf(Locale.ROOT, "predator-prey: median ratio %.2f (quartiles %.2f-%.2f), ours median %.0f patients/s%n",
                median(predatorRatio), quantile(predatorRatio, 0.25), quantile(predatorRatio, 0.75), median(predatorOurs));
        if (sink == 42) {
            System.out.println(); // keep the results alive
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
