package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@link SimulateJob#planPartitions} times its sample robustly: a pause during one timed pass (a
 * collection, a preemption on a shared machine; here a sleep, which costs the thread no CPU time) must
 * not multiply the planned partitions. The probe
 * spins 100 µs per patient, so the 200-patient sample takes 20 ms a pass; a 400-ms pause in a pass
 * would make that pass look 21 times slower. Expected plan: 2e6 patients at 100 µs is 200 s of work,
 * 50 partitions of 4 s; the check allows 25 to 100 (the spin itself is slowed by a busy machine), far
 * from the ~1,000 a plan from the paused pass would give. And the sample covers every arm: with arms
 * of 50 and 150 µs per patient the plan must follow the mean (100 µs), not the first arm.
 */
class PartitionSampleTest {

    private static final long PATIENTS = 2_000_000L;

    @Test
    void aPauseInOneTimedPassDoesNotMultiplyThePartitions() {
        // calls 0-39: the quick look (20 untimed, 20 timed: 200 s of work, too much to stop there); then
        // the full sample: 40-239 untimed, 240-439 first timed pass, 440-639 second
        for (boolean burnsCpu : new boolean[] {false, true}) { // a sleep (off the core) or a 400-ms spin
            for (int pausedCall : new int[] {-1, 30, 40 + 200 + 50, 40 + 400 + 50}) { // none, quick look, 1st, 2nd
                final int partitions = SimulateJob.planPartitions(new SpinningKernel(pausedCall, burnsCpu),
                        PATIENTS, 4.0, 2);
                // (2e6 patients in two arms of 1e6)
                assertTrue(partitions >= 25 && partitions <= 100, "pause (" + (burnsCpu ? "spin" : "sleep")
                        + ") at call " + pausedCall + ": " + partitions + " partitions planned, expected about 50");
            }
        }
    }

    @Test
    void theSampleCoversEveryArm() {
        // arm 0 at 50 µs, arm 1 at 150 µs per patient: the mean is 100 µs, 2e6 patients 200 s, ~50 partitions;
        // a sample of arm 0 alone would see 50 µs and plan ~25
        final int partitions = SimulateJob.planPartitions(new SpinningKernel(-1, false, 50_000, 150_000), PATIENTS, 4.0, 2);
        assertTrue(partitions >= 38 && partitions <= 100, partitions + " partitions planned, expected about 50");
    }

    @Test
    void aSmallJobIsPlannedFromAQuickLook() {
        // 10,000 patients at 100 µs: 1 s of work, under half a wave of 4-s partitions on 2 cores: one
        // partition per core, after 40 solves (20 untimed, 20 timed) instead of 640
        final SpinningKernel kernel = new SpinningKernel(-1, false);
        assertEquals(2, SimulateJob.planPartitions(kernel, 10_000, 4.0, 2));
        assertEquals(2 * SimulateJob.QUICK_SAMPLE, kernel.calls);
        // 100 patients: 10 ms of work, not worth a second partition (PartitionPlan.MIN_SPLIT_SECONDS)
        assertEquals(1, SimulateJob.planPartitions(new SpinningKernel(-1, false), 100, 4.0, 2));
        // a pause in the timed quick look (the thread off its core: a collection, a preemption) costs
        // no CPU time, so it changes nothing: still 40 solves. (Timed by the wall clock, the 400-ms pause
        // made the 2-ms pass look 200 times slower and sent the planner on to the full sample.)
        final SpinningKernel paused = new SpinningKernel(30, false);
        assertEquals(2, SimulateJob.planPartitions(paused, 10_000, 4.0, 2));
        assertEquals(2 * SimulateJob.QUICK_SAMPLE, paused.calls);
    }

    /**
     * Spins a fixed time per patient (by arm; two arms of {@code PATIENTS / 2}) and pauses 400 ms once,
     * at call {@code pausedCall} (counted from 0): asleep (the thread off its core, as in a collection's
     * pause or a preemption), or spinning (CPU time this thread really spends, as in a deoptimization).
     */
    private static final class SpinningKernel implements PatientKernel {
        private final int pausedCall;
        private final boolean pauseBurnsCpu;
        private final long[] nanosByArm;
        private int calls;

        SpinningKernel(int pausedCall, boolean pauseBurnsCpu) {
            this(pausedCall, pauseBurnsCpu, 100_000, 100_000);
        }

        SpinningKernel(int pausedCall, boolean pauseBurnsCpu, long arm0Nanos, long arm1Nanos) {
            this.pausedCall = pausedCall;
            this.pauseBurnsCpu = pauseBurnsCpu;
            this.nanosByArm = new long[] {arm0Nanos, arm1Nanos};
        }

        @Override
        public List<ColumnSpec> columns() {
            return List.of(ColumnSpec.real("x", "-", "spin"));
        }

        @Override
        public List<String> arms() {
            return List.of("A", "B");
        }

        @Override
        public int replicates() {
            return 1;
        }

        @Override
        public long patientsPerArm() {
            return PATIENTS / 2;
        }

        @Override
        public void compute(int replicate, int arm, long patientIndex, double[] row) {
            if (calls++ == pausedCall) {
                if (pauseBurnsCpu) {
                    spin(400_000_000L);
                } else {
                    try {
                        Thread.sleep(400);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            spin(nanosByArm[arm]);
            row[0] = patientIndex;
        }

        private static void spin(long nanos) {
            final long until = System.nanoTime() + nanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Override
        public SolveStatus trajectory(int replicate, int arm, long patientIndex, double every, GridObserver.Sink sink) {
            throw new UnsupportedOperationException("the planner never asks for trajectories");
        }

        @Override
        public List<String> stateNames() {
            return List.of();
        }

        @Override
        public long solverNanos() {
            return 0;
        }
    }
}
