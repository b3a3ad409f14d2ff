package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.sim.SolveStatus;

/** The per-point path (design point, inverse CDFs, evaluator) allocates nothing after warm-up. */
class KernelAllocationTest {

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** @return bytes allocated by this thread while computing {@code count} points from {@code first} */
    private static long allocated(GsaPlan plan, GsaPlan.Kernel kernel, int first, int count) {
        final Design d = plan.design();
        final long thread = Thread.currentThread().getId();
        final long before = MX.getThreadAllocatedBytes(thread);
        for (int i = first; i < first + count; i++) {
            final long row = i % d.rows();
            if (kernel.compute(d.baseOf(row), d.blockOf(row)) != SolveStatus.OK) {
                throw new AssertionError("point " + row + " failed");
            }
        }
        return MX.getThreadAllocatedBytes(thread) - before;
    }

    /**
     * The least of three measurements of 20,000 points: a per-point allocation shows in every one
     * (at least 16 bytes per point, 320,000 bytes), while one-off allocations of the JIT or of
     * class initialisation during a measurement do not repeat.
     */
    private static long perRun(GsaPlan plan, GsaPlan.Kernel kernel) {
        allocated(plan, kernel, 0, 20_000);
        long least = Long.MAX_VALUE;
        for (int run = 1; run <= 3; run++) {
            least = Math.min(least, allocated(plan, kernel, run * 20_000, 20_000));
        }
        return least;
    }

    private static final String EVERY_DISTRIBUTION = """
            {
              "name": "alloc",
              "model": {"name": "ishigami"},
              "parameters": [
                {"name": "x1", "distribution": {"type": "uniform", "min": -3, "max": 3}},
                {"name": "x2", "distribution": {"type": "normal", "mean": 0, "sd": 1}},
                {"name": "x3", "distribution": {"type": "lognormal", "log_mean": 0, "log_sd": 0.5}}
              ],
              "outputs": ["y"],
              "method": %s
            }
            """;

    @Test
    void analyticPointsOfBothDesignsAllocateNothing() throws BadInputException {
        for (String method : new String[] {"{\"type\": \"sobol\", \"N\": 1024, \"seed\": 1}",
            "{\"type\": \"morris\", \"trajectories\": 500, \"seed\": 1}"}) {
            final GsaPlan plan = GsaSpecReader.parse("alloc.json", EVERY_DISTRIBUTION.formatted(method));
            assertEquals(0, perRun(plan, plan.newKernel()), "bytes for 20,000 points, " + plan.method());
        }
        final GsaPlan logUniform = GsaSpecReader.parse("alloc.json", EVERY_DISTRIBUTION.formatted(
                "{\"type\": \"sobol\", \"N\": 1024, \"seed\": 1}").replace("\"type\": \"uniform\"", "\"type\": \"log-uniform\"")
                .replace("\"min\": -3", "\"min\": 0.1"));
        assertEquals(0, perRun(logUniform, logUniform.newKernel()), "bytes for 20,000 points, log-uniform");
    }

    @Test
    void cartPatientsStayWithinTheModelsAllocationBound() throws BadInputException {
        // the cart model's own bound (CartAllocationTest): at most 64 bytes per patient
        final GsaPlan plan = GsaSpecReader.read(Path.of("..", "conf", "gsa-cart.json"));
        final GsaPlan.Kernel kernel = plan.newKernel();
        allocated(plan, kernel, 0, 300);
        final long bytes = allocated(plan, kernel, 300, 300);
        assertTrue(bytes <= 64L * 300, bytes + " bytes for 300 patients");
    }
}
