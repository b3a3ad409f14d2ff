package org.vtrial.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.vtrial.engine.gsa.Design;
import org.vtrial.engine.gsa.DesignOutputs;
import org.vtrial.engine.gsa.GsaPlan;
import org.vtrial.engine.gsa.IndexEstimate;
import org.vtrial.engine.gsa.MorrisDesign;
import org.vtrial.engine.gsa.OutputAnalysis;
import org.vtrial.engine.gsa.SensitivityReport;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The sensitivity-analysis job. Design points are evaluated on Spark exactly like patients: row
 * numbers from {@code spark.range}, each row computed on the executor from its number alone
 * ({@link GsaPartition}), one output row per point with its status, written as zstd Parquet under
 * {@code RUN/design/} with explicit {@code base_index} and {@code block} columns. The estimators then
 * run on the driver over the design table read back ({@code N * (k + 2)} rows for Sobol, held as
 * {@code rows * outputs} doubles: fine up to {@code N = 2^16} with {@code k ~ 10}; see
 * {@link DesignOutputs}), keyed by {@code (base_index, block)}, so the indices do not depend on the
 * partitioning. Results go to {@code RUN/sensitivity/} (one row per output, parameter and index) and
 * {@code RUN/manifest.json}; the run is published atomically ({@link RunPublisher}).
 *
 * <p>Failed points: a point whose status is not {@code OK}, or whose output is undefined, drops its
 * whole base (Saltelli base point or Morris trajectory) from the estimators of that output; the
 * counts are in the manifest and in the {@code n_used}/{@code n_dropped} columns.
 */
public final class GsaJob {

    /** Key columns of the design table, before the parameters. */
    static final int KEY_COLUMNS = 4;

    /** Run options. */
    public record Options(String out, Integer partitions, double partitionSeconds, boolean overwrite,
                          boolean progress) {

        /** Defaults: automatic partitions of ~{@value SimulateJob#PARTITION_SECONDS} s of work, no overwrite, no progress bar. */
        public static Options to(String out) {
            return new Options(out, null, SimulateJob.PARTITION_SECONDS, false, false);
        }

        public Options withPartitions(Integer value) {
            return new Options(out, value, partitionSeconds, overwrite, progress);
        }

        public Options withOverwrite(boolean value) {
            return new Options(out, partitions, partitionSeconds, value, progress);
        }

        public Options withProgress(boolean value) {
            return new Options(out, partitions, partitionSeconds, overwrite, value);
        }
    }

    /** What a finished run reports. */
    public record Result(String run, long points, int partitions, double wallSeconds, SensitivityReport report,
                         ObjectNode manifest) {
    }

    private GsaJob() {
    }

    /** @return the design table's schema: keys, parameter values, outputs, status */
    public static StructType designSchema(GsaPlan plan, List<ColumnSpec> outputs) {
        final List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("row", DataTypes.LongType, false, doc("-", "design row number")));
        f.add(DataTypes.createStructField("base_index", DataTypes.IntegerType, false,
                doc("-", plan.method() == GsaPlan.Method.SOBOL ? "Saltelli base point" : "Morris trajectory")));
        f.add(DataTypes.createStructField("block", DataTypes.StringType, false,
                doc("-", plan.method() == GsaPlan.Method.SOBOL ? "A, B or AB_j (j counted from 1)"
                        : "step_s of the trajectory (s from 0)")));
        f.add(DataTypes.createStructField("block_parameter", DataTypes.StringType, true,
                doc("-", plan.method() == GsaPlan.Method.SOBOL ? "parameter taken from B in AB_j"
                        : "parameter moved to reach this step")));
        for (int j = 0; j < plan.parameters().size(); j++) {
            f.add(DataTypes.createStructField(plan.parameters().get(j), DataTypes.DoubleType, false,
                    doc("-", "varied parameter, " + plan.marginals().get(j))));
        }
        for (ColumnSpec c : outputs) {
            f.add(DataTypes.createStructField(c.name(), DataTypes.DoubleType, true, doc(c.unit(), c.description())));
        }
        f.add(DataTypes.createStructField("status", DataTypes.StringType, false, doc("-", "OK or why the point failed")));
        return DataTypes.createStructType(f);
    }

    /** @return the sensitivity table's schema */
    public static StructType sensitivitySchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("endpoint", DataTypes.StringType, false, doc("-", "analysed output")),
                DataTypes.createStructField("parameter", DataTypes.StringType, false, doc("-", "varied parameter")),
                DataTypes.createStructField("index", DataTypes.StringType, false,
                        doc("-", "S1, ST (Sobol) or mu_star, mu, sigma (Morris)")),
                DataTypes.createStructField("value", DataTypes.DoubleType, true,
                        doc("-", "estimate from all usable bases; null when undefined")),
                DataTypes.createStructField("lo", DataTypes.DoubleType, true, doc("-", "percentile bootstrap interval, lower end")),
                DataTypes.createStructField("hi", DataTypes.DoubleType, true, doc("-", "percentile bootstrap interval, upper end")),
                DataTypes.createStructField("n_used", DataTypes.IntegerType, false,
                        doc("-", "bases (base points or trajectories) used")),
                DataTypes.createStructField("n_dropped", DataTypes.IntegerType, false,
                        doc("-", "bases dropped because a point failed or the output was undefined"))));
    }

    private static Metadata doc(String unit, String description) {
        return new MetadataBuilder().putString("unit", unit).putString("comment", description).build();
    }

    /**
     * Runs the analysis.
     *
     * @param spark    session
     * @param plan     the analysis (all that travels to executors)
     * @param options  run options
     * @param manifest extra manifest fields (spec file, its hash, ...), copied into manifest.json
     */
    public static Result run(SparkSession spark, GsaPlan plan, Options options, ObjectNode manifest)
            throws IOException {
        final long t0 = System.nanoTime();
        final RunPublisher publisher = RunPublisher.prepare(spark.sparkContext().hadoopConfiguration(),
                options.out(), options.overwrite());
        final Design design = plan.design();
        final long total = design.rows();
        final GsaPlan.Kernel probe = plan.newKernel();
        final List<ColumnSpec> outputs = probe.outputColumns();
        final int partitions = options.partitions() != null ? options.partitions()
                : planPartitions(probe, design, options.partitionSeconds(), spark.sparkContext().defaultParallelism());
        final StructType schema = designSchema(plan, outputs);
        final LongAccumulator nanos = spark.sparkContext().longAccumulator("gsaEvaluatorNanos");
        final ProgressListener progress = options.progress() && System.console() != null
                ? new ProgressListener(total, System.err) : null;
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            final String designPath = publisher.staging() + "/design";
            spark.range(0, total, 1, partitions)
                    .mapPartitions(new GsaPartition(plan, nanos), Encoders.row(schema))
                    .write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").parquet(designPath);
            if (progress != null) {
                progress.finish();
            }
            final DesignOutputs evaluated = collect(spark, designPath, plan);
            final SensitivityReport report = plan.analyse(evaluated);
            final List<Row> rows = new ArrayList<>();
            for (OutputAnalysis a : report.outputs()) {
                for (IndexEstimate e : a.estimates()) {
                    rows.add(RowFactory.create(a.output(), e.parameter(), e.index(), boxed(e.value()), boxed(e.lo()),
                            boxed(e.hi()), a.used(), a.dropped()));
                }
            }
            spark.createDataFrame(rows, sensitivitySchema()).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                    .option("compression", "zstd").parquet(publisher.staging() + "/sensitivity");
            final double wall = (System.nanoTime() - t0) / 1e9;
            final ObjectNode m = manifest(spark, plan, report, manifest, partitions, wall, nanos.value() / 1e9);
            SimulateJob.writeJson(spark, publisher.staging() + "/manifest.json", m);
            publisher.publish(options.overwrite());
            return new Result(options.out(), total, partitions, wall, report, m);
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

    private static Object boxed(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * Reads the design table back into the estimators' input, by key; checks that every point is
     * there exactly once (a partial or duplicated table is an error, and nothing is published).
     */
    static DesignOutputs collect(SparkSession spark, String designPath, GsaPlan plan) throws IOException {
        final Design design = plan.design();
        final List<String> outputs = plan.outputs();
        final List<Column> cols = new ArrayList<>();
        cols.add(functions.col("base_index"));
        cols.add(functions.col("block"));
        cols.add(functions.col("status"));
        for (String o : outputs) {
            cols.add(functions.col(o));
        }
        final Dataset<Row> table = spark.read().parquet(designPath).select(cols.toArray(new Column[0]));
        final DesignOutputs evaluated = new DesignOutputs(design, outputs.size());
        final double[] y = new double[outputs.size()];
        final Iterator<Row> it = table.toLocalIterator();
        while (it.hasNext()) {
            final Row r = it.next();
            final int base = r.getInt(0);
            final int block = design.blockIndex(r.getString(1));
            if (block < 0) {
                throw new IOException("design table: unknown block '" + r.getString(1) + "' at base " + base);
            }
            final SolveStatus status = SolveStatus.valueOf(r.getString(2));
            for (int o = 0; o < y.length; o++) {
                y[o] = r.isNullAt(3 + o) ? Double.NaN : r.getDouble(3 + o);
            }
            try {
                evaluated.put(base, block, status, y);
            } catch (IllegalArgumentException e) {
                throw new IOException("design table: " + e.getMessage() + "; run not published");
            }
        }
        if (!evaluated.complete()) {
            throw new IOException("design table has " + evaluated.supplied() + " of " + design.rows()
                    + " points; run not published");
        }
        return evaluated;
    }

    /**
     * Chooses partitions so that each holds about {@code seconds} of work (cost measured on up to
     * 200 points spread over the design itself, after one warm-up pass over them so that the
     * measurement is not the JIT's), and at least the parallelism once there is more than one
     * partition of work.
     */
    static int planPartitions(GsaPlan.Kernel probe, Design design, double seconds, int parallelism) {
        final long total = design.rows();
        final int sample = (int) Math.min(200, total);
        long start = 0;
        for (int pass = 0; pass < 2; pass++) {
            start = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                final long row = i * (total / sample);
                probe.compute(design.baseOf(row), design.blockOf(row));
            }
        }
        final double perPoint = (System.nanoTime() - start) / 1e9 / Math.max(1, sample);
        return PartitionPlan.count(perPoint * total, total, seconds, parallelism);
    }

    private static ObjectNode manifest(SparkSession spark, GsaPlan plan, SensitivityReport report, ObjectNode extra,
                                      int partitions, double wall, double evaluatorSeconds) {
        final ObjectNode m = extra == null ? JsonNodeFactory.instance.objectNode() : extra.deepCopy();
        m.put("created", Instant.now().toString());
        m.put("engine_version", SimulateJob.engineVersion());
        m.put("spark_version", spark.version());
        m.put("spark_master", spark.sparkContext().master());
        m.put("analysis", plan.name());
        m.put("description", plan.description());
        m.put("model", plan.model());
        m.put("method", plan.method().label());
        final Design d = plan.design();
        final ObjectNode design = m.putObject("design");
        if (plan.method() == GsaPlan.Method.SOBOL) {
            design.put("N", d.bases());
            design.put("rule", "Saltelli: rows of [A | B] are Sobol points N .. 2N-1 of dimension 2k (Hipparchus"
                    + " direction numbers); blocks A, B, AB_1..AB_k");
        } else {
            design.put("trajectories", d.bases());
            design.put("levels", ((MorrisDesign) d).levels());
            design.put("rule", "Morris trajectories; levels at (l + 1/2)/p; moves of half the levels (delta u = 1/2)");
        }
        design.put("points", d.rows());
        final ArrayNode params = m.putArray("parameters");
        for (int j = 0; j < plan.parameters().size(); j++) {
            params.addObject().put("name", plan.parameters().get(j)).put("distribution", plan.marginals().get(j).toString());
        }
        final ArrayNode outs = m.putArray("outputs");
        for (OutputAnalysis a : report.outputs()) {
            outs.addObject().put("name", a.output()).put("bases_used", a.used()).put("bases_dropped", a.dropped());
        }
        m.putObject("bootstrap").put("resamples", plan.bootstrap().resamples())
                .put("confidence", plan.bootstrap().confidence()).put("seed", plan.bootstrap().seed())
                .put("interval", "percentile over bases resampled with replacement (Philox streams keyed by seed and resample)");
        final ObjectNode byStatus = m.putObject("points_by_status");
        for (Map.Entry<String, Long> e : report.byStatus().entrySet()) {
            byStatus.put(e.getKey(), e.getValue());
        }
        m.put("failed_points", report.failedPoints());
        m.put("failed_point_rule", "a point that failed or has an undefined output drops its whole base (base point or "
                + "trajectory) from the estimators of that output");
        m.put("partitions", partitions);
        m.put("wall_seconds", wall);
        m.put("evaluator_seconds_all_tasks", evaluatorSeconds);
        m.putArray("tables").add("design").add("sensitivity");
        return m;
    }
}
