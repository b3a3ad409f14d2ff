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

    @Test
    void aToleranceOverrideChangesTheSolvesNotThePatients() throws Exception {
        final Path trial = Path.of("..", "conf", "quickstart.json");
        final TrialSnapshot defaults = TrialSnapshot.capture(trial, null, 10L);
        final TrialSnapshot loose = TrialSnapshot.capture(trial, null, 10L, 1e-4);
        assertEquals(defaults.digest(), TrialSnapshot.capture(trial, null, 10L, null).digest(),
                "no override, the same digest as before overrides of the tolerance existed");
        assertTrue(!defaults.digest().equals(loose.digest()), "the override is part of the run's identity");
        assertEquals(1e-4, loose.trial().relativeTolerance(), 0.0);
        final List<Row> a = SparkTestSupport.inProcess(defaults);
        final List<Row> b = SparkTestSupport.inProcess(loose);
        assertEquals(SparkTestSupport.inProcess(TrialSnapshot.capture(trial, null, 10L, 1e-4)), b);
        final List<ColumnSpec> columns = defaults.create().columns();
        final List<String> names = columns.stream().map(ColumnSpec::name).toList();
        final List<String> sampled = defaults.trial().sampledParameters();
        // rows: arm, replicate, patient_index, then the kernel's columns
        final int steps = 3 + names.indexOf("steps");
        long stepsDefault = 0;
        long stepsLoose = 0;
        for (int i = 0; i < a.size(); i++) {
            for (String parameter : sampled) {
                // the same virtual patients: the tolerance changes the solve only
                final int j = 3 + names.indexOf(parameter);
                assertEquals(a.get(i).get(j), b.get(i).get(j), parameter);
            }
            stepsDefault += a.get(i).getLong(steps);
            stepsLoose += b.get(i).getLong(steps);
        }
        assertTrue(stepsLoose < stepsDefault, stepsLoose + " steps at rtol 1e-4, " + stepsDefault + " at 1e-6");
    }

    @Test
    void aMethodOverrideChangesTheSolvesNotThePatients() throws Exception {
        final Path trial = Path.of("..", "conf", "quickstart.json");
        final TrialSnapshot defaults = TrialSnapshot.capture(trial, null, 10L);
        final TrialSnapshot high = TrialSnapshot.capture(trial, null, 10L, null, "dp853");
        assertEquals(defaults.digest(), TrialSnapshot.capture(trial, null, 10L, null, null).digest(),
                "no override, the same digest as before the method existed");
        assertTrue(!defaults.digest().equals(high.digest()), "the override is part of the run's identity");
        assertEquals(high.digest(), TrialSnapshot.capture(trial, null, 10L, null, "DP853").digest(), "one name, one digest");
        assertEquals(org.vtrial.engine.ode.OdeMethod.DP853, high.trial().method());
        final List<Row> a = SparkTestSupport.inProcess(defaults);
        final List<Row> b = SparkTestSupport.inProcess(high);
        final List<String> names = defaults.create().columns().stream().map(ColumnSpec::name).toList();
        final int steps = 3 + names.indexOf("steps");
        final int cmax = 3 + names.indexOf("cmax");
        long stepsDefault = 0;
        long stepsHigh = 0;
        for (int i = 0; i < a.size(); i++) {
            for (String parameter : defaults.trial().sampledParameters()) {
                final int j = 3 + names.indexOf(parameter);
                assertEquals(a.get(i).get(j), b.get(i).get(j), parameter);
            }
            // both solves converge to one solution: the peaks agree to a few tolerance units (1e-6)
            assertEquals(a.get(i).getDouble(cmax), b.get(i).getDouble(cmax), 1e-5 * a.get(i).getDouble(cmax));
            stepsDefault += a.get(i).getLong(steps);
            stepsHigh += b.get(i).getLong(steps);
        }
        assertTrue(stepsHigh < stepsDefault / 2, stepsHigh + " steps with dp853, " + stepsDefault + " with dp54");
        final org.vtrial.engine.io.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.vtrial.engine.io.BadInputException.class, () -> TrialSnapshot.capture(trial, null, 10L, null, "rk45"));
        assertTrue(e.getMessage().contains("--method: unknown integration method 'rk45' (choose dp54, tsit5 or dp853)"),
                e.getMessage());
    }
}
