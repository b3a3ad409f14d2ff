package org.vtrial.engine.calibration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.trial.TrialKernel;
import org.vtrial.engine.trial.TrialSpec;

/**
 * Simulates the first {@code n} patients of some arms of a trial in this process, on a few threads,
 * with the trial kernel the Spark simulation job runs ({@link TrialKernel}): patient {@code i} of
 * arm {@code a} (replicate 0) gets exactly the row it gets in {@code vtrial simulate}, whatever the
 * number of threads, since each row is a pure function of the patient's key.
 *
 * <p>Used by calibration, where every evaluation of the objective is a cohort of a few hundred
 * patients: in-process, an evaluation costs the solves alone instead of a Spark job's scheduling
 * and Parquet round trip. One evaluator may run many simulations; {@link #close} stops its threads.
 */
public final class CohortEvaluator implements AutoCloseable {

    /** Grid interval (days) of the trajectories that CAR-T totals at given days are read from. */
    static final double TRAJECTORY_EVERY = 1.0;

    private final int threads;
    private final ExecutorService pool;

    /** @param threads worker threads (at least 1) */
    public CohortEvaluator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        final AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            final Thread t = new Thread(r, "vtrial-calibrate-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * Simulates patients {@code 0..n-1} of each listed arm (replicate 0).
     *
     * @param carDays days at which each patient's CAR-T total {@code E + M + X} is recorded (from a
     *                second, trajectory solve; empty for none)
     * @return per listed arm, its sample (same order as {@code arms})
     */
    public ArmSample[] simulate(TrialSpec trial, int n, int[] arms, double[] carDays) {
        final List<ColumnSpec> columns = TrialKernel.of(trial).columns();
        final double[][][] rows = new double[arms.length][n][];
        final double[][][] totals = new double[arms.length][carDays.length][n];
        final List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int first = t;
            tasks.add(() -> {
                final TrialKernel kernel = TrialKernel.of(trial);
                final CarTotalSink sink = carDays.length == 0 ? null : new CarTotalSink(kernel.stateNames(), carDays);
                for (int a = 0; a < arms.length; a++) {
                    for (int i = first; i < n; i += threads) {
                        final double[] row = new double[columns.size()];
                        kernel.compute(0, arms[a], i, row);
                        rows[a][i] = row;
                        if (sink != null) {
                            sink.reset();
                            kernel.trajectory(0, arms[a], i, TRAJECTORY_EVERY, sink);
                            for (int d = 0; d < carDays.length; d++) {
                                totals[a][d][i] = sink.value(d);
                            }
                        }
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            final Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException(c);
        }
        final ArmSample[] out = new ArmSample[arms.length];
        for (int a = 0; a < arms.length; a++) {
            final Map<Double, double[]> byDay = new HashMap<>();
            for (int d = 0; d < carDays.length; d++) {
                byDay.put(carDays[d], totals[a][d]);
            }
            out[a] = new ArmSample(columns, rows[a], byDay);
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * Reads {@code E + M + X} at given days from a grid trajectory: log-linear interpolation between
     * the grid points around each day (exact for an exponential decline; linear when a neighbour is
     * 0). NaN for a day the trajectory does not reach.
     */
    static final class CarTotalSink implements org.vtrial.engine.sim.GridObserver.Sink {
        private final int[] states;
        private final double[] days;
        private final double[] values;
        private double lastT;
        private double lastC;

        CarTotalSink(List<String> stateNames, double[] days) {
            this.states = new int[] {stateNames.indexOf("E"), stateNames.indexOf("M"), stateNames.indexOf("X")};
            for (int s : states) {
                if (s < 0) {
                    throw new IllegalArgumentException("CAR-T totals need states E, M and X; the model has " + stateNames);
                }
            }
            this.days = days.clone();
            this.values = new double[days.length];
        }

        void reset() {
            java.util.Arrays.fill(values, Double.NaN);
            lastT = Double.NaN;
        }

        double value(int d) {
            return values[d];
        }

        @Override
        public void row(double t, double[] y) {
            final double c = y[states[0]] + y[states[1]] + y[states[2]];
            for (int d = 0; d < days.length; d++) {
                if (t == days[d]) {
                    values[d] = c;
                } else if (!Double.isNaN(lastT) && lastT < days[d] && days[d] < t) {
                    final double w = (days[d] - lastT) / (t - lastT);
                    values[d] = lastC > 0 && c > 0 ? Math.exp(Math.log(lastC) + w * Math.log(c / lastC))
                            : lastC + w * (c - lastC);
                }
            }
            lastT = t;
            lastC = c;
        }
    }
}
