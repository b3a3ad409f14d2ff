package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.cli.VTrial;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.sim.PatientKernelFactory;

/**
 * {@link RunComparison} and {@code vtrial compare-runs}: identical runs (same kernel, other
 * partitioning) compare equal; a copy with planted differences reports exactly those. The expected
 * counts follow from what was planted.
 */
class RunComparisonTest {

    @TempDir
    static Path dir;

    private static final PatientKernelFactory FACTORY = TestKernels.tumorControl(11, 2, 100, 1, 9, -1);
    private static String runA;
    private static String runB;

    @BeforeAll
    static void runs() throws Exception {
        runA = SimulateJob.run(SparkTestSupport.spark(), FACTORY,
                SimulateJob.Options.to(dir.resolve("a").toString()).withPartitions(3), null).run();
        runB = SimulateJob.run(SparkTestSupport.spark(), FACTORY,
                SimulateJob.Options.to(dir.resolve("b").toString()).withPartitions(5), null).run();
    }

    @Test
    void runsOfTheSameTrialWithOtherPartitioningAreIdentical() throws Exception {
        final RunComparison.Result r = RunComparison.compare(SparkTestSupport.spark(), runA, runB, "patients",
                RunComparison.PATIENT_KEY, 5);
        assertTrue(r.identical(), r.toString());
        assertEquals(200, r.rowsA());
        assertEquals(200, r.rowsB());
        assertEquals(200, r.compared());
        assertEquals(FACTORY.create().columns().size(), r.byColumn().size());
        assertTrue(r.byColumn().values().stream().allMatch(n -> n == 0));
    }

    @Test
    void plantedDifferencesAreFoundExactly() throws Exception {
        final SparkSession spark = SparkTestSupport.spark();
        final Dataset<Row> a = spark.read().parquet(runA + "/patients");
        final StructType schema = a.schema();
        final int tEnd = schema.fieldIndex("T_end");
        final List<Row> rows = new ArrayList<>();
        Row duplicated = null;
        for (Row r : a.collectAsList()) {
            final String arm = r.getString(schema.fieldIndex(RowSchema.ARM));
            final long index = r.getLong(schema.fieldIndex(RowSchema.PATIENT_INDEX));
            if (arm.equals("armA") && index == 7) {
                continue; // dropped: one key only in A
            }
            if (arm.equals("armB") && index == 3) {
                // one unit in the last place: bit identity must notice it
                final Object[] v = new Object[r.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get(i);
                }
                v[tEnd] = Math.nextUp(r.getDouble(tEnd));
                rows.add(RowFactory.create(v));
                continue;
            }
            if (arm.equals("armB") && index == 50) {
                duplicated = r;
            }
            rows.add(r);
        }
        rows.add(duplicated);
        final String runC = dir.resolve("c").toString();
        spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).partitionBy(RowSchema.ARM)
                .parquet(runC + "/patients");

        final RunComparison.Result r = RunComparison.compare(spark, runA, runC, "patients",
                RunComparison.PATIENT_KEY, 5);
        assertFalse(r.identical());
        assertEquals(200, r.rowsA());
        assertEquals(200, r.rowsB()); // 200 - 1 dropped + 1 duplicate
        assertEquals(1, r.onlyInA());
        assertEquals(0, r.onlyInB());
        assertEquals(0, r.duplicateKeysA());
        assertEquals(1, r.duplicateKeysB());
        // 198 keys match once, the duplicated key twice
        assertEquals(200, r.compared());
        assertEquals(1, r.differingRows());
        assertEquals(1L, r.byColumn().get("T_end"));
        assertEquals(1L, r.byColumn().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(1, r.examples().size());
        assertEquals(List.of("armB", 0, 3L), r.examples().get(0).key());
        assertEquals(Map.of("T_end", List.of(a.filter("arm = 'armB' and patient_index = 3").first().getDouble(tEnd),
                Math.nextUp(a.filter("arm = 'armB' and patient_index = 3").first().getDouble(tEnd)))),
                r.examples().get(0).columns());
    }

    @Test
    void aMissingColumnIsASchemaDifference() throws Exception {
        final SparkSession spark = SparkTestSupport.spark();
        final String runD = dir.resolve("d").toString();
        spark.read().parquet(runA + "/patients").drop("T_end").write().partitionBy(RowSchema.ARM)
                .parquet(runD + "/patients");
        final RunComparison.Result r = RunComparison.compare(spark, runA, runD, "patients",
                RunComparison.PATIENT_KEY, 0);
        assertEquals(List.of("column T_end only in A"), r.schemaProblems());
        assertEquals(200, r.compared());
        assertEquals(0, r.differingRows());
        assertFalse(r.identical());
    }

    @Test
    void aMissingTableOrKeyColumnIsBadInput() {
        final BadInputException e = assertThrows(BadInputException.class, () -> RunComparison.compare(
                SparkTestSupport.spark(), runA, dir.resolve("nothing").toString(), "patients",
                RunComparison.PATIENT_KEY, 0));
        assertTrue(e.getMessage().contains("no table 'patients'"), e.getMessage());
        final BadInputException k = assertThrows(BadInputException.class, () -> RunComparison.compare(
                SparkTestSupport.spark(), runA, runB, "patients", List.of("arm", "visit"), 0));
        assertTrue(k.getMessage().contains("no key column 'visit'"), k.getMessage());
    }

    @Test
    void theCommandExitsWithZeroWhenIdenticalOneWhenNotTwoOnBadInput() {
        // the command runs on this JVM's session: same master as the other Spark tests
        final String master = SparkTestSupport.spark().sparkContext().master();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, VTrial.execute(new String[] {"compare-runs", "--master", master, runA, runB},
                new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertTrue(out.toString().contains("rows: A 200, B 200; compared 200 by key (arm, replicate, patient_index)"),
                out.toString());
        assertTrue(out.toString().trim().endsWith("identical"), out.toString());
        // these runs have no trajectory table: bad input
        assertEquals(2, VTrial.execute(new String[] {"compare-runs", "--master", master, "--table", "trajectories",
            runA, runB}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("no table 'trajectories'"), err.toString());

        final String runE = dir.resolve("e").toString();
        SparkTestSupport.spark().read().parquet(runA + "/patients").filter("patient_index <> 0").write()
                .partitionBy(RowSchema.ARM).parquet(runE + "/patients");
        final StringWriter out2 = new StringWriter();
        assertEquals(1, VTrial.execute(new String[] {"compare-runs", "--master", master, runA, runE},
                new PrintWriter(out2), new PrintWriter(err)));
        assertTrue(out2.toString().contains("keys only in A: 2; only in B: 0"), out2.toString());
        assertTrue(out2.toString().trim().endsWith("DIFFERENT"), out2.toString());
    }
}
