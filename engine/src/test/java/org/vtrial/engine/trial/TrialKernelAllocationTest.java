package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vtrial.engine.ode.OdeMethod;

/**
 * The per-patient path of a trial, {@link TrialKernel#compute} (sampling, regimen, solve, endpoints,
 * row), allocates nothing after warm-up: the quickstart trial's patients, counted by the JVM's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}). One object per patient
 * would be at least 16 bytes each (a regimen built per call was 88-152 bytes); the bound, 16 bytes per
 * patient on average, leaves room only for the counter's own noise. Measured: 0 bytes.
 */
class TrialKernelAllocationTest {

    @ParameterizedTest
    @EnumSource(OdeMethod.class)
    void computeAllocatesNothingPerPatient(OdeMethod method) throws Exception {
        final TrialSpec trial = TrialLoader.load(ProjectFiles.root().resolve("conf/quickstart.json")).withMethod(method);
        final TrialKernel kernel = TrialKernel.of(trial);
        final double[] row = new double[kernel.columns().size()];
        final int arms = trial.arms().size();
        for (int i = 0; i < 600; i++) {
            kernel.compute(0, i % arms, i / arms, row);
        }
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final int n = 1000;
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) {
            kernel.compute(0, i % arms, 300 + i / arms, row);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated <= 16L * n, method + ": " + allocated + " bytes for " + n + " patients");
    }
}
