package org.vtrial.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;

/**
 * The simulation job: one row per virtual patient, computed by the engine in {@code mapPartitions}
 * over keys from {@code spark.range}, written as zstd Parquet partitioned by arm under
 * {@code RUN/patients/}, with an optional trajectory sample under {@code RUN/trajectories/} and
 * {@code RUN/manifest.json} written last; the run is published atomically (see
 * {@link RunPublisher}) only after its row counts were verified.
 */
public final class SimulateJob {

    /**
     * Default work per partition, seconds of one core: a partition costs ~70 ms of fixed work (task,
     * kernel, Parquet writers, commit; measured with {@code bench --rows-only}, docs/PERFORMANCE.md),
     * so 4 s keeps that under 2% while the last wave's tail stays a few seconds.
     */
    public static final double PARTITION_SECONDS = 4.0;

    /** Run options. */
    public record Options(String out, Integer partitions, double partitionSeconds, boolean overwrite,
                          int trajectorySample, double trajectoryEvery, boolean progress,
                          int failFirstAttemptOfPartition) {

        /** Defaults: automatic partitions of ~{@value #PARTITION_SECONDS} s of work, no trajectories, no progress bar. */
        public static Options to(String out) {
            return new Options(out, null, PARTITION_SECONDS, false, 0, 1.0, false, -1);
        }

        public Options withPartitions(Integer value) {
            return new Options(out, value, partitionSeconds, overwrite, trajectorySample, trajectoryEvery, progress,
                    failFirstAttemptOfPartition);
        }

        public Options withPartitionSeconds(double value) {
            return new Options(out, partitions, value, overwrite, trajectorySample, trajectoryEvery, progress,
                    failFirstAttemptOfPartition);
        }

        public Options withOverwrite(boolean value) {
            return new Options(out, partitions, partitionSeconds, value, trajectorySample, trajectoryEvery, progress,
                    failFirstAttemptOfPartition);
        }

        public Options withTrajectories(int sample, double every) {
            return new Options(out, partitions, partitionSeconds, overwrite, sample, every, progress,
                    failFirstAttemptOfPartition);
        }

        public Options withProgress(boolean value) {
            return new Options(out, partitions, partitionSeconds, overwrite, trajectorySample, trajectoryEvery, value,
                    failFirstAttemptOfPartition);
        }

        public Options withInjectedFailure(int partition) {
            return new Options(out, partitions, partitionSeconds, overwrite, trajectorySample, trajectoryEvery, progress,
                    partition);
        }
    }

    /** What a finished run reports. */
    public record Result(String run, long patients, int partitions, double wallSeconds, double solverSeconds,
                         Map<String, Map<String, Long>> countsByArmAndStatus, ObjectNode manifest) {

        /** @return patients per second of wall time */
        public double patientsPerSecond() {
            return patients / wallSeconds;
        }
    }

    private SimulateJob() {
    }

    /**
     * Runs the job.
     *
     * @param spark    session
     * @param factory  kernel recipe (all that travels to executors)
     * @param options  run options
     * @param manifest extra manifest fields (trial hash, seed, ...), copied into manifest.json
     */
    public static Result run(SparkSession spark, PatientKernelFactory factory, Options options, ObjectNode manifest)
            throws IOException {
        final long t0 = System.nanoTime();
        final RunPublisher publisher = RunPublisher.prepare(spark.sparkContext().hadoopConfiguration(),
                options.out(), options.overwrite());
        final PatientKernel probe = factory.create();
        final List<ColumnSpec> columns = probe.columns();
        final List<String> arms = probe.arms();
        final long total = probe.patientsPerArm() * arms.size() * probe.replicates();
        final int partitions = options.partitions() != null ? options.partitions()
                : planPartitions(probe, total, options.partitionSeconds(), spark.sparkContext().defaultParallelism());
        final StructType schema = RowSchema.patients(columns);
        final LongAccumulator solverNanos = spark.sparkContext().longAccumulator("solverNanos");
        final List<String> statuses = columns.get(PatientPartition.statusColumn(columns)).labels();
        final RowTally tally = new RowTally(arms.size(), statuses.size());
        spark.sparkContext().register(tally, "rows by arm and status");
        final ProgressListener progress = options.progress() && System.console() != null
                ? new ProgressListener(total, System.err) : null;
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            final Dataset<Row> rows = spark.range(0, total, 1, partitions)
                    .mapPartitions(new PatientPartition(factory, solverNanos, tally,
                                    options.failFirstAttemptOfPartition(), PatientPartition.interleaves(partitions,
                                    spark.sparkContext().defaultParallelism())),
                            Encoders.row(schema));
            rows.write().mode(SaveMode.ErrorIfExists).option("compression", "zstd")
                    .partitionBy(RowSchema.ARM).parquet(publisher.staging() + "/patients");
            if (progress != null) {
                progress.finish();
            }
            if (options.trajectorySample() > 0) {
                writeTrajectories(spark, factory, probe, options, publisher.staging() + "/trajectories");
            }
            final Map<String, Map<String, Long>> counts = verify(spark.sparkContext().hadoopConfiguration(),
                    publisher.staging() + "/patients", arms, statuses, tally, probe.patientsPerArm() * probe.replicates());
            final double wall = (System.nanoTime() - t0) / 1e9;
            final double solver = solverNanos.value() / 1e9;
            final ObjectNode m = manifest == null ? JsonNodeFactory.instance.objectNode() : manifest.deepCopy();
            m.put("created", Instant.now().toString());
            m.put("engine_version", engineVersion());
            m.put("spark_version", spark.version());
            m.put("spark_master", spark.sparkContext().master());
            m.put("partitions", partitions);
            m.put("patients", total);
            m.put("patients_per_arm", probe.patientsPerArm());
            m.put("replicates", probe.replicates());
            m.put("wall_seconds", wall);
            m.put("solver_seconds_all_tasks", solver);
            m.put("patients_per_second", total / wall);
            final ObjectNode c = m.putObject("rows_by_arm_and_status");
            counts.forEach((arm, byStatus) -> {
                final ObjectNode a = c.putObject(arm);
                byStatus.forEach(a::put);
            });
            final com.fasterxml.jackson.databind.node.ArrayNode tables = m.putArray("tables").add("patients");
            if (options.trajectorySample() > 0) {
                tables.add("trajectories");
            }
            writeJson(spark, publisher.staging() + "/manifest.json", m);
            publisher.publish(options.overwrite());
            return new Result(options.out(), total, partitions, wall, solver, counts, m);
        } catch (Throwable e) {
            // Spark throws its (checked) SparkException undeclared: catch everything, clean, rethrow.
            publisher.abandon();
            throw e;
        } finally {
            if (progress != null) {
                progress.finish();
                spark.sparkContext().removeSparkListener(progress);
            }
        }
    }

    /**
     * Chooses the number of partitions ({@link PartitionPlan}) from the work of the whole cohort,
     * estimated on a small sample of the trial's own patients.
     */
    static int planPartitions(PatientKernel probe, long total, double seconds, int parallelism) {
        // the sample takes the first patients of every arm in turn: arms may cost differently
        final int arms = probe.arms().size();
        final int available = (int) Math.min(Integer.MAX_VALUE, probe.patientsPerArm() * arms);
        final double[] row = new double[probe.columns().size()];
        // A quick look first: QUICK_SAMPLE patients, once untimed, once timed. A cold JVM only ever makes
        // an estimate larger, so when even this estimate fits in half a wave of partitions the plan is one
        // partition per core whatever the precision, and the driver has spent ~10 ms on planning instead
        // of ~0.2 s (600 solves), a tenth of a 10^4-patient run.
        final int quick = Math.min(QUICK_SAMPLE, available);
        timedPass(probe, quick, arms, row);
        final double quickPerPatient = timedPass(probe, quick, arms, row) / 1e9 / Math.max(1, quick);
        if (quickPerPatient * total <= 0.5 * parallelism * seconds) {
            return PartitionPlan.count(quickPerPatient * total, total, seconds, parallelism);
        }
        // Three passes over the full sample. The first is not timed: on a fresh JVM it runs interpreted
        // and would overestimate the cost 4-17 times. Of the other two the faster counts: what noise is
        // left in a thread's CPU time (a deoptimization, caches shared with other work) only ever adds,
        // and an overestimate plans many short partitions whose fixed cost (~70-90 ms of a core each,
        // docs/PERFORMANCE.md) then dominates (measured: one slow pass planned 170 partitions for 250 s of
        // work, not ~60).
        final int sample = Math.min(FULL_SAMPLE, available);
        long fastest = Long.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            final long nanos = timedPass(probe, sample, arms, row);
            if (pass > 0) {
                fastest = Math.min(fastest, nanos);
            }
        }
        final double perPatient = fastest / 1e9 / Math.max(1, sample);
        return PartitionPlan.count(perPatient * total, total, seconds, parallelism);
    }

    /** Patients in the planner's quick look. */
    static final int QUICK_SAMPLE = 20;
    /** Patients in the planner's timed sample when the job is large. */
    static final int FULL_SAMPLE = 200;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Solves the first {@code sample} patients (arms in turn); returns the nanoseconds of this thread's
     * CPU time it took (wall time where the JVM cannot measure it). CPU time, because a timed pass
     * lasts only milliseconds: a collection's pause (G1 pauses of 5-12 ms come in bursts right after a
     * run's garbage) or a preemption by the JIT's compiler threads or another process would otherwise
     * count as the patients' cost; measured in 10^4-patient runs after a warm-up, the driver's wall-timed
     * quick look saw 140-1,040 µs per patient where the tasks solved at ~200-250, and the larger
     * estimates sent the planner on to 600 more solves (docs/PERFORMANCE.md, "Planning a small job").
     */
    private static long timedPass(PatientKernel probe, int sample, int arms, double[] row) {
        final boolean cpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        final long start = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        for (int i = 0; i < sample; i++) {
            probe.compute(0, i % arms, i / arms, row);
        }
        return (cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start;
    }

    /**
     * The row-count check before publication: the rows in the written files, per arm, from the Parquet
     * footers (no data is read back), must equal both the expected count and the rows the successful
     * tasks handed to the writer ({@link RowTally}), whose per-status breakdown is returned for the
     * manifest. A file that is missing, unreadable, duplicated by a retry or outside the arms fails the
     * run, which is then not published.
     *
     * @throws IOException naming each arm whose count differs, or a file that is not part of any arm
     */
    static Map<String, Map<String, Long>> verify(Configuration conf, String patients, List<String> arms,
                                                 List<String> statuses, RowTally tally, long expectedPerArm)
            throws IOException {
        final Map<String, Long> onDisk = footerRowCounts(conf, new Path(patients));
        final List<String> problems = new ArrayList<>();
        for (String dir : onDisk.keySet()) {
            if (!arms.contains(dir)) {
                problems.add("rows under " + RowSchema.ARM + "=" + dir + ", which is not an arm of the trial");
            }
        }
        final Map<String, Map<String, Long>> byArm = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            final String arm = arms.get(a);
            final long written = onDisk.getOrDefault(arm, 0L);
            final long produced = tally.rows(a);
            if (written != expectedPerArm || produced != expectedPerArm) {
                problems.add("arm " + arm + ": " + written + " rows in its files, " + produced
                        + " rows produced by the tasks, expected " + expectedPerArm);
            }
            final Map<String, Long> byStatus = new LinkedHashMap<>();
            for (int st = 0; st <= statuses.size(); st++) {
                final long n = tally.rows(a, st);
                if (n > 0) {
                    byStatus.put(st < statuses.size() ? statuses.get(st) : "null", n);
                }
            }
            byArm.put(arm, byStatus);
        }
        if (!problems.isEmpty()) {
            throw new IOException("row count check failed, run not published: " + String.join("; ", problems));
        }
        return byArm;
    }

    /** @return rows per arm directory ({@code arm=NAME}, unescaped) summed over its Parquet files' footers */
    private static Map<String, Long> footerRowCounts(Configuration conf, Path patients) throws IOException {
        final FileSystem fs = patients.getFileSystem(conf);
        final Map<String, Long> rows = new LinkedHashMap<>();
        final String prefix = RowSchema.ARM + "=";
        // Parquet's defaults, built once: only the footer's row count is read. Options built from the
        // Hadoop configuration per file (ParquetFileReader.open(InputFile)) re-read a dozen keys of it
        // each time, ~11 ms per file here (0.9 s for the 80 files of a 40-partition run, 2026-11-27).
        final ParquetReadOptions footerOnly = ParquetReadOptions.builder().build();
        for (FileStatus dir : fs.listStatus(patients)) {
            final String name = dir.getPath().getName();
            if (!dir.isDirectory()) {
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    throw new IOException("row count check failed, run not published: unexpected file " + name
                            + " beside the arm folders of " + patients);
                }
                continue;
            }
            if (!name.startsWith(prefix)) {
                throw new IOException("row count check failed, run not published: unexpected folder " + name
                        + " in " + patients);
            }
            final String arm = ExternalCatalogUtils.unescapePathName(name.substring(prefix.length()));
            long sum = 0;
            for (FileStatus file : fs.listStatus(dir.getPath())) {
                final String fileName = file.getPath().getName();
                if (file.isDirectory() || fileName.startsWith("_") || fileName.startsWith(".")) {
                    continue;
                }
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf), footerOnly)) {
                    sum += reader.getRecordCount();
                } catch (IOException | RuntimeException e) {
                    throw new IOException("row count check failed, run not published: cannot read the Parquet footer of "
                            + file.getPath() + ": " + e.getMessage(), e);
                }
            }
            rows.merge(arm, sum, Long::sum);
        }
        return rows;
    }

    private static void writeTrajectories(SparkSession spark, PatientKernelFactory factory, PatientKernel probe,
                                          Options options, String path) {
        final List<String> states = probe.stateNames();
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(RowSchema.ARM, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(RowSchema.REPLICATE, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(RowSchema.PATIENT_INDEX, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("day", DataTypes.DoubleType, false));
        for (String s : states) {
            fields.add(DataTypes.createStructField(s, DataTypes.DoubleType, true));
        }
        final StructType schema = DataTypes.createStructType(fields);
        final long k = Math.min(options.trajectorySample(), probe.patientsPerArm());
        final int arms = probe.arms().size();
        final double every = options.trajectoryEvery();
        final FlatMapFunction<Long, Row> solve = key -> {
            final PatientKernel kernel = factory.create();
            final int arm = (int) (key / k);
            final long index = key % k;
            final String armName = kernel.arms().get(arm);
            final List<Row> out = new ArrayList<>();
            kernel.trajectory(0, arm, index, every, (t, y) -> {
                final Object[] o = new Object[4 + states.size()];
                o[0] = armName;
                o[1] = 0;
                o[2] = index;
                o[3] = t;
                for (int j = 0; j < states.size(); j++) {
                    o[4 + j] = y[j];
                }
                out.add(RowFactory.create(o));
            });
            return out.iterator();
        };
        // keys straight from a range split over the cores: no shuffle stage for a few hundred keys
        final long keys = k * arms;
        spark.range(0, keys, 1, (int) Math.max(1, Math.min(keys, spark.sparkContext().defaultParallelism())))
                .flatMap(solve, Encoders.row(schema))
                .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd")
                .partitionBy(RowSchema.ARM).parquet(path);
    }

    static void writeJson(SparkSession spark, String path, ObjectNode node) throws IOException {
        final Path p = new Path(path);
        final FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream os = fs.create(p, false)) {
            os.write(StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    static String engineVersion() {
        final String v = SimulateJob.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
