package org.vtrial.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vtrial.engine.io.BadInputException;

/**
 * The trajectory sample of a run ({@code RUN/trajectories/}, replicate 0), digested on Spark for the
 * report: per arm, the blood CAR-T concentration's median and 5th/95th percentiles per grid day, the
 * concentration of the first {@link #MAX_LINES} patients, and each patient's best tumor change.
 *
 * <p>Only patients whose row in {@code RUN/patients/} has status OK are used. Blood concentration is
 * {@code (E + M + X) * f_blood / V_blood_uL} with the patient's own factor {@code f_blood / V_blood_uL}
 * taken as {@code cmax_blood / cmax} of the patient row: the simulation writes
 * {@code cmax_blood = cmax * f_blood / V_blood_uL} with the patient's values, whether they are the
 * model defaults, an arm override, a preset or sampled per patient.
 *
 * <p>Best tumor change is {@code min Ttot(t) / Ttot(0) - 1} over the grid days of the assessment
 * window, {@code Ttot = Tpos + Tneg}; {@code Ttot(0)} is the grid value at day 0, or the linear
 * interpolation between the grid days around day 0 when the grid does not hit it. The patient table
 * has no best ratio column (only the category {@code best_response}, computed on the continuous
 * solution), hence this digest of the daily grid.
 */
final class TrajectoryDigest {

    /** Individual concentration curves drawn per arm (the first patients of the sample). */
    static final int MAX_LINES = 50;
    /** Waterfall bars per arm (the first patients of the sample). */
    static final int MAX_BARS = 500;
    /** Grid days kept per curve for the concentration plots; beyond, later days are thinned. */
    static final int MAX_DAYS = 1000;
    /** Percentiles of the band and its median. */
    static final double[] PERCENTILES = {0.05, 0.5, 0.95};

    /** States the digest reads; concentration uses the CAR-T states, tumor change the tumor states. */
    static final List<String> STATES = List.of("Tpos", "Tneg", "E", "M", "X");

    /**
     * Blood concentration of one arm's sample on the (possibly thinned) grid days {@code > 0}.
     *
     * @param days      grid days (days since infusion, ascending)
     * @param p5        5th percentile per day (cells/uL)
     * @param p50       median per day
     * @param p95       95th percentile per day
     * @param n         patients with a value per day
     * @param lineIds   patient_index of each drawn curve
     * @param lines     concentration of each drawn curve per day (NaN where absent)
     */
    record Kinetics(double[] days, double[] p5, double[] p50, double[] p95, long[] n, long[] lineIds,
                    double[][] lines) {
    }

    /** One waterfall bar: best change of {@code Ttot} from day 0, in percent, and the patient's best_response. */
    record Bar(long patient, double changePercent, String response) {
    }

    /**
     * @param sampled    patients of the arm in the trajectory sample
     * @param used       of which OK patients with a blood factor (those in the plots)
     * @param excluded   why the others were left out: reason and count
     * @param kinetics   concentration digest (empty days when no patient is usable)
     * @param waterfall  bars of the first {@link #MAX_BARS} usable patients, by patient_index
     * @param withChange usable patients with a best change (the bars before the cap)
     */
    record Arm(String arm, long sampled, long used, Map<String, Long> excluded, Kinetics kinetics, List<Bar> waterfall,
               long withChange) {
    }

    private TrajectoryDigest() {
    }

    /**
     * @param windowStart first day of the assessment window (clipped at 0)
     * @param windowEnd   last day of the assessment window (clipped at the horizon)
     * @param maxDays     grid days kept per curve (thinning beyond, see {@link #keptDays})
     * @return per arm of {@code arms} (in that order) its digest; arms without trajectories have
     *         {@code sampled = 0}
     * @throws BadInputException when a column the digest needs is missing, or the trajectories name
     *                           an arm the run does not have
     */
    static Map<String, Arm> compute(SparkSession spark, String trajectoriesPath, String patientsPath,
                                    List<String> arms, double windowStart, double windowEnd, int maxDays)
            throws BadInputException {
        final Dataset<Row> traj = readWithStringArm(spark, trajectoriesPath,
                concat(List.of("replicate", "patient_index", "day"), STATES)).where(col("replicate").equalTo(0));
        final Dataset<Row> patients = readWithStringArm(spark, patientsPath,
                List.of("replicate", "patient_index", "status", "best_response", "cmax", "cmax_blood"));

        // Job 1, per patient of the sample: lowest tumor in the window, the grid around day 0, the grid's extent.
        final Column tumor = col("Tpos").plus(col("Tneg"));
        final List<Row> perPatient = traj.groupBy("arm", "patient_index").agg(
                min(when(col("day").geq(windowStart).and(col("day").leq(windowEnd)), tumor)).as("best"),
                max(when(col("day").leq(0), col("day"))).as("d_before"),
                min(when(col("day").geq(0), col("day"))).as("d_after"),
                max_by(tumor, when(col("day").leq(0), col("day"))).as("t_before"),
                min_by(tumor, when(col("day").geq(0), col("day"))).as("t_after"),
                count(when(col("day").gt(0), lit(1))).as("days"),
                max(col("day")).as("last_day")).collectAsList();
        long maxIndex = -1;
        long gridDays = 0;
        double lastDay = 0;
        for (Row r : perPatient) {
            if (!arms.contains(r.getString(0))) {
                throw new BadInputException(trajectoriesPath + ": arm " + r.getString(0) + " is not an arm of the run "
                        + arms);
            }
            maxIndex = Math.max(maxIndex, r.getLong(1));
            gridDays = Math.max(gridDays, r.getLong(7));
            lastDay = Math.max(lastDay, r.getDouble(8));
        }
        // Job 2: their patient rows (the sample is the first patients of each arm: a filter, no shuffle).
        final Map<String, Map<Long, Row>> rows = new LinkedHashMap<>();
        arms.forEach(a -> rows.put(a, new TreeMap<>()));
        for (Row r : patients.where(col("replicate").equalTo(0).and(col("patient_index").leq(maxIndex)))
                .select(col("arm"), col("patient_index").cast(DataTypes.LongType), col("status"), col("best_response"),
                        col("cmax").cast(DataTypes.DoubleType), col("cmax_blood").cast(DataTypes.DoubleType))
                .collectAsList()) {
            if (rows.containsKey(r.getString(0))) {
                rows.get(r.getString(0)).put(r.getLong(1), r);
            }
        }
        // Who is usable, with which blood factor; waterfall bars.
        final Map<String, Long> sampled = new LinkedHashMap<>();
        final Map<String, Map<String, Long>> excluded = new LinkedHashMap<>();
        final Map<String, TreeMap<Long, Double>> usable = new LinkedHashMap<>();
        final Map<String, TreeMap<Long, Bar>> bars = new LinkedHashMap<>();
        for (String a : arms) {
            sampled.put(a, 0L);
            excluded.put(a, new LinkedHashMap<>());
            usable.put(a, new TreeMap<>());
            bars.put(a, new TreeMap<>());
        }
        for (Row t : perPatient) {
            final String arm = t.getString(0);
            final long index = t.getLong(1);
            sampled.merge(arm, 1L, Long::sum);
            final Row p = rows.get(arm).get(index);
            final String status = p == null || p.isNullAt(2) ? null : p.getString(2);
            final double factor = p == null ? Double.NaN : num(p, 5) / num(p, 4);
            final String reason = p == null ? "no patient row"
                    : !"OK".equals(status) ? "status " + status
                    : !(factor > 0 && Double.isFinite(factor)) ? "no cmax_blood/cmax" : null;
            if (reason != null) {
                excluded.get(arm).merge(reason, 1L, Long::sum);
                continue;
            }
            usable.get(arm).put(index, factor);
            final double change = 100 * (num(t, 2) / baseline(num(t, 3), num(t, 4), num(t, 5), num(t, 6)) - 1);
            if (Double.isFinite(change)) {
                bars.get(arm).put(index, new Bar(index, change, p.isNullAt(3) ? null : p.getString(3)));
            }
        }

        // Job 3, per arm and grid day > 0: band, median and the drawn patients' concentrations.
        final List<Row> factors = new ArrayList<>();
        for (String a : arms) {
            int line = 0;
            for (Map.Entry<Long, Double> e : usable.get(a).entrySet()) {
                factors.add(RowFactory.create(a, e.getKey(), e.getValue(), line++ < MAX_LINES));
            }
        }
        final StructType factorSchema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("arm", DataTypes.StringType, false),
            DataTypes.createStructField("patient_index", DataTypes.LongType, false),
            DataTypes.createStructField("factor", DataTypes.DoubleType, false),
            DataTypes.createStructField("line", DataTypes.BooleanType, false)});
        final Column c = col("E").plus(col("M")).plus(col("X")).multiply(col("factor"));
        final String pct = "percentile(c, array(" + PERCENTILES[0] + ", " + PERCENTILES[1] + ", " + PERCENTILES[2] + "))";
        final Map<String, TreeMap<Double, Row>> byDay = new LinkedHashMap<>();
        arms.forEach(a -> byDay.put(a, new TreeMap<>()));
        for (Row r : traj.where(col("day").gt(0).and(keptDays(gridDays, lastDay, maxDays)))
                .join(broadcast(spark.createDataFrame(factors, factorSchema)), scalaSeq("arm", "patient_index"))
                .withColumn("c", c).groupBy("arm", "day")
                .agg(expr(pct).as("q"), count(lit(1)).as("n"),
                        collect_list(when(col("line"), struct(col("patient_index"), col("c")))).as("lines"))
                .collectAsList()) {
            byDay.get(r.getString(0)).put(r.getDouble(1), r);
        }
        final Map<String, Arm> out = new LinkedHashMap<>();
        for (String a : arms) {
            final TreeMap<Double, Row> days = byDay.get(a);
            final int nd = days.size();
            final double[] d = new double[nd];
            final double[][] q = new double[3][nd];
            final long[] n = new long[nd];
            final long[] ids = usable.get(a).keySet().stream().limit(MAX_LINES).mapToLong(Long::longValue).toArray();
            final Map<Long, Integer> line = new LinkedHashMap<>();
            for (int k = 0; k < ids.length; k++) {
                line.put(ids[k], k);
            }
            final double[][] curves = new double[ids.length][nd];
            for (double[] curve : curves) {
                Arrays.fill(curve, Double.NaN);
            }
            int i = 0;
            for (Map.Entry<Double, Row> e : days.entrySet()) {
                d[i] = e.getKey();
                final List<Double> v = e.getValue().getList(2);
                for (int j = 0; j < 3; j++) {
                    q[j][i] = v.get(j) == null ? Double.NaN : v.get(j);
                }
                n[i] = e.getValue().getLong(3);
                for (Row p : e.getValue().<Row>getList(4)) {
                    curves[line.get(p.getLong(0))][i] = p.isNullAt(1) ? Double.NaN : p.getDouble(1);
                }
                i++;
            }
            final List<Bar> waterfall = new ArrayList<>(bars.get(a).values());
            out.put(a, new Arm(a, sampled.get(a), usable.get(a).size(), excluded.get(a),
                    new Kinetics(d, q[0], q[1], q[2], n, ids, curves),
                    List.copyOf(waterfall.subList(0, Math.min(MAX_BARS, waterfall.size()))), waterfall.size()));
        }
        return out;
    }

    /**
     * Grid days drawn: all when the grid has at most {@code maxDays} days after infusion; otherwise
     * the first fifth of {@code maxDays} days one by one (expansion and contraction), then every
     * {@code step}-th day (the grid is daily: {@code floor(day)} steps by one) and the last day. On
     * the report's logarithmic time axis the late days lie close together.
     */
    static Column keptDays(long gridDays, double lastDay, int maxDays) {
        if (gridDays <= maxDays) {
            return lit(true);
        }
        final int early = maxDays / 5;
        final long step = (long) Math.ceil((gridDays - early) / (double) (maxDays - early - 1));
        return col("day").leq(early).or(functions.floor(col("day")).mod(step).equalTo(0))
                .or(col("day").geq(lastDay));
    }

    /**
     * {@code Ttot(0)}: the grid value at day 0, else the linear interpolation between the last grid
     * day before and the first after; NaN when day 0 is not inside the grid.
     */
    static double baseline(double dayBefore, double dayAfter, double before, double after) {
        if (dayBefore == 0) {
            return before;
        }
        if (dayAfter == 0) {
            return after;
        }
        if (!(dayBefore < 0 && dayAfter > 0)) {
            return Double.NaN;
        }
        return before + (after - before) * (0 - dayBefore) / (dayAfter - dayBefore);
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }

    /** Reads a partitioned table with {@code arm} as a string whatever its directory names look like. */
    private static Dataset<Row> readWithStringArm(SparkSession spark, String path, List<String> required)
            throws BadInputException {
        final StructType found;
        try {
            found = spark.read().parquet(path).schema();
        } catch (Exception e) {
            // Spark's AnalysisException is checked but undeclared (e.g. a directory without Parquet files)
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw new BadInputException(path + ": no readable Parquet table ("
                        + ((org.apache.spark.sql.AnalysisException) e).getSimpleMessage() + ")");
            }
            throw e;
        }
        final List<String> names = Arrays.asList(found.fieldNames());
        final List<String> missing = new ArrayList<>();
        for (String c : concat(List.of("arm"), required)) {
            if (!names.contains(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(path + ": column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " missing");
        }
        final List<StructField> fields = new ArrayList<>();
        for (StructField f : found.fields()) {
            fields.add(f.name().equals("arm") ? DataTypes.createStructField("arm", DataTypes.StringType, false) : f);
        }
        return spark.read().schema(DataTypes.createStructType(fields)).parquet(path);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
    }
}
