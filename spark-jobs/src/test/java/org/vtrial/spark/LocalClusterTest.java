package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.sim.PatientKernelFactory;

/** The job on separate executor JVMs (local-cluster) gives the same rows as the plain loop. */
class LocalClusterTest {

    @TempDir
    Path dir;

    @AfterAll
    static void backToLocal() {
        SparkTestSupport.spark();
    }

    @Test
    void separateExecutorJvmsProduceTheSameRows() throws IOException {
        final PatientKernelFactory factory = TestKernels.tumorControl(7, 2, 200, 1, 13, -1);
        final SimulateJob.Result r = SimulateJob.run(SparkTestSupport.cluster(), factory,
                SimulateJob.Options.to(dir.resolve("cluster").toString()).withPartitions(4), null);
        assertEquals(SparkTestSupport.inProcess(factory),
                SparkTestSupport.readSorted(r.run() + "/patients", factory.create().columns()));
    }
}
