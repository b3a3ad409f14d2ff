package org.vtrial.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Allocation and cost of {@code cart} patients, endpoints included: at most 64 bytes per patient after
 * warm-up (the allocation counter of the current thread, {@code com.sun.management.ThreadMXBean}),
 * over 2,000 random patients ({@link CartCohort}). Prints the median steps and microseconds per
 * patient quoted in docs/CART.md.
 */
class CartAllocationTest {

    @Test
    void atMost64BytesPerPatientWithEndpoints() {
        final int n = 2000;
        final SplittableRandom rnd = new SplittableRandom(7L);
        final double[][] patients = new double[n][];
        for (int i = 0; i < n; i++) {
            patients[i] = CartCohort.sample(rnd);
        }
        final PatientSimulator sim = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(1e-6));
        final double[] settings = sim.defaultEndpointSettings();
        final double[] row = new double[sim.endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size()];
        final int stepsColumn = sim.endpointColumns().size();
        final Regimen regimen = Regimen.none();
        // warm-up: the first 500 patients (JIT compilation, class loading)
        for (int i = 0; i < 500; i++) {
            assertEquals(SolveStatus.OK, sim.solve(patients[i], regimen, 730, settings, null, row, 0));
        }
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final double[] steps = new double[n];
        final long[] nanos = new long[n];
        final long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < n; i++) {
            final long t0 = System.nanoTime();
            sim.solve(patients[i], regimen, 730, settings, null, row, 0);
            nanos[i] = System.nanoTime() - t0;
            steps[i] = row[stepsColumn];
        }
        final long allocated = mx.getThreadAllocatedBytes(thread) - before;
        Arrays.sort(steps);
        Arrays.sort(nanos);
        long total = 0;
        for (long t : nanos) {
            total += t;
        }
        System.out.printf(Locale.ROOT, "cart: %d patients, %.1f bytes/patient, median %.0f steps, median %.1f us,"
                + " mean %.1f us, p90 %.1f us%n", n, (double) allocated / n, steps[n / 2], nanos[n / 2] / 1e3,
                total / 1e3 / n, nanos[n * 9 / 10] / 1e3);
        assertTrue(allocated <= 64L * n, allocated + " bytes for " + n + " patients");
    }
}
