package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.trial.TrialSnapshot;

/** The real trial kernel (cohort sampling + cart model + endpoints) through the Spark job. */
class TrialSimulationTest {

    @TempDir
    Path dir;

    @Test
    void quickstartRowsAreIdenticalToThePlainLoopWithAnyPartitioningAndCarryTheDeclaredColumns() throws Exception {
        final TrialSnapshot snapshot = TrialSnapshot.capture(Path.of("..", "conf", "quickstart.json"), null, 30L);
        final List<Row> reference = SparkTestSupport.inProcess(snapshot);
        assertEquals(60, reference.size());
        final List<ColumnSpec> columns = snapshot.create().columns();
        for (int partitions : new int[] {1, 7}) {
            final SimulateJob.Result r = SimulateJob.run(SparkTestSupport.spark(), snapshot,
                    SimulateJob.Options.to(dir.resolve("q" + partitions).toString()).withPartitions(partitions), null);
            assertEquals(reference, SparkTestSupport.readSorted(r.run() + "/patients", columns));
        }
        final List<String> names = columns.stream().map(ColumnSpec::name).toList();
        for (String endpoint : List.of("cmax", "cmax_blood", "tmax", "auc_0_28", "expansion_fold", "persistence_days",
                "exposure", "best_response", "time_to_response", "relapse_day", "relapse_antigen", "il6_peak",
                "crs_grade", "status")) {
            assertTrue(names.contains(endpoint), endpoint + " in " + names);
        }
    }

    @Test
    void aSeedOverrideChangesThePatientsAndTheSameSeedReproducesThem() throws Exception {
        final Path trial = Path.of("..", "conf", "quickstart.json");
        final List<Row> a = SparkTestSupport.inProcess(TrialSnapshot.capture(trial, 5L, 10L));
        final List<Row> b = SparkTestSupport.inProcess(TrialSnapshot.capture(trial, 5L, 10L));
        final List<Row> c = SparkTestSupport.inProcess(TrialSnapshot.capture(trial, 6L, 10L));
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }
}
