package org.vtrial.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;

/** Shared helpers of the Spark tests: one embedded session per JVM, reading rows back by key. */
final class SparkTestSupport {

    private static SparkSession session;

    private SparkTestSupport() {
    }

    private static final String LOCAL = "local[2,2]";

    /** local[2,2]: two threads, a failed task is retried once (for the injected-failure test). */
    static synchronized SparkSession spark() {
        return session(LOCAL);
    }

    /**
     * local-cluster[2,1,1024]: a master and two workers with separate executor JVMs, classes from the
     * test classpath, an empty Spark home (set by Surefire's environment).
     */
    static synchronized SparkSession cluster() {
        final String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME must be set for local-cluster tests (Surefire sets it)");
        }
        new java.io.File(home, "jars").mkdirs();
        return session("local-cluster[2,1,1024]");
    }

    private static SparkSession session(String master) {
        if (session != null && !session.sparkContext().master().equals(master)) {
            session.stop();
            session = null;
        }
        if (session == null) {
            final SparkSession.Builder b = SparkSession.builder().master(master).appName("vtrial-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config(Sessions.LOCAL_FILE_SYSTEM, ForklessLocalFileSystem.class.getName()); // as Sessions does
            if (master.startsWith("local-cluster")) {
                b.config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                        .config("spark.executor.memory", "1g");
            }
            session = b.getOrCreate();
        }
        return session;
    }

    /** Reads a run's patient rows, columns in schema order, sorted by key. */
    static List<Row> readSorted(String patientsPath, List<ColumnSpec> columns) {
        final List<Column> cols = new ArrayList<>();
        for (String n : RowSchema.patients(columns).fieldNames()) {
            cols.add(functions.col(n));
        }
        final List<Row> rows = new ArrayList<>(spark().read().parquet(patientsPath)
                .select(cols.toArray(new Column[0])).collectAsList());
        rows.sort(KEY_ORDER);
        return rows;
    }

    static final Comparator<Row> KEY_ORDER = Comparator.<Row, String>comparing(r -> r.getString(0))
            .thenComparingInt(r -> r.getInt(1)).thenComparingLong(r -> r.getLong(2));

    /** The reference: the same keys through the same kernel in a plain loop, no Spark. */
    static List<Row> inProcess(PatientKernelFactory factory) {
        final PatientKernel k = factory.create();
        final double[] values = new double[k.columns().size()];
        final List<Row> rows = new ArrayList<>();
        for (int rep = 0; rep < k.replicates(); rep++) {
            for (int arm = 0; arm < k.arms().size(); arm++) {
                for (long i = 0; i < k.patientsPerArm(); i++) {
                    k.compute(rep, arm, i, values);
                    rows.add(RowSchema.toRow(k.arms().get(arm), rep, i, k.columns(), values));
                }
            }
        }
        rows.sort(KEY_ORDER);
        return rows;
    }
}
