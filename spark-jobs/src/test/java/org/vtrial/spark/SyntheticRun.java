package org.vtrial.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic runs for the aggregate tests, independent of any model: patient rows with the schema of
 * the simulation job and MODELS.md §5 endpoint columns, drawn from known rules with common random
 * numbers (a patient's draws depend on (replicate, patient_index) only; the arm shifts thresholds).
 */
final class SyntheticRun {

    static final double HORIZON = 730;

    /** One patient row, as written. */
    record Patient(String arm, int replicate, long index, String status, String bestResponse, Double timeToResponse,
                   Double relapseDay, Boolean relapseEvent, String relapseAntigen, Long crsGrade, Double cmax,
                   Double cmaxBlood, Double tmax, Double auc, Double expansionFold, Double persistence) {

        boolean ok() {
            return "OK".equals(status);
        }

        boolean responder() {
            return ok() && ("CR".equals(bestResponse) || "PR".equals(bestResponse));
        }

        boolean complete() {
            return ok() && "CR".equals(bestResponse);
        }

        /** @return kinetics endpoint k in {@link AggregateJob#kineticsEndpoints()} order */
        Double kinetic(int k) {
            return switch (k) {
                case 0 -> cmax;
                case 1 -> cmaxBlood;
                case 2 -> tmax;
                case 3 -> auc;
                case 4 -> expansionFold;
                case 5 -> persistence;
                default -> throw new IllegalArgumentException("kinetics endpoint " + k);
            };
        }
    }

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("arm", DataTypes.StringType, false),
            DataTypes.createStructField("replicate", DataTypes.IntegerType, false),
            DataTypes.createStructField("patient_index", DataTypes.LongType, false),
            DataTypes.createStructField("r_pos", DataTypes.DoubleType, true),
            DataTypes.createStructField("cmax", DataTypes.DoubleType, true),
            DataTypes.createStructField("cmax_blood", DataTypes.DoubleType, true),
            // unit metadata as the simulation job writes it (the other columns have none)
            DataTypes.createStructField("tmax", DataTypes.DoubleType, true,
                    new org.apache.spark.sql.types.MetadataBuilder().putString("unit", "day (synthetic)").build()),
            DataTypes.createStructField("auc_0_28", DataTypes.DoubleType, true),
            DataTypes.createStructField("expansion_fold", DataTypes.DoubleType, true),
            DataTypes.createStructField("persistence_days", DataTypes.DoubleType, true),
            DataTypes.createStructField("exposure", DataTypes.DoubleType, true),
            DataTypes.createStructField("best_response", DataTypes.StringType, true),
            DataTypes.createStructField("time_to_response", DataTypes.DoubleType, true),
            DataTypes.createStructField("relapse_day", DataTypes.DoubleType, true),
            DataTypes.createStructField("relapse_event", DataTypes.BooleanType, true),
            DataTypes.createStructField("relapse_antigen", DataTypes.StringType, true),
            DataTypes.createStructField("il6_peak", DataTypes.DoubleType, true),
            DataTypes.createStructField("crs_grade", DataTypes.LongType, true),
            DataTypes.createStructField("steps", DataTypes.LongType, true),
            DataTypes.createStructField("rejected_steps", DataTypes.LongType, true),
            DataTypes.createStructField("evaluations", DataTypes.LongType, true),
            DataTypes.createStructField("status", DataTypes.StringType, true)));

    private SyntheticRun() {
    }

    /**
     * Patients of every arm and replicate. Arm {@code k} (position in {@code arms}) raises the CR and
     * PR thresholds by 0.1·k, lengthens relapse times by 30% per k and doubles cmax per k. Patient
     * {@code i} fails with MAX_EVALUATIONS when {@code i % 50 == 49} and INVALID_PARAMETERS when
     * {@code i % 97 == 96}, in every arm. Relapse days are whole days (ties), censored at 730.
     */
    static List<Patient> patients(long seed, List<String> arms, int replicates, int perArm) {
        final List<Patient> out = new ArrayList<>();
        for (int k = 0; k < arms.size(); k++) {
            for (int r = 0; r < replicates; r++) {
                for (long i = 0; i < perArm; i++) {
                    out.add(patient(seed, arms.get(k), k, r, i));
                }
            }
        }
        return out;
    }

    static Patient patient(long seed, String arm, int k, int r, long i) {
        final SplittableRandom g = new SplittableRandom(seed * 1_000_003L + r * 65_537L + i);
        final double u = g.nextDouble();
        final double v = g.nextDouble();
        final double w = g.nextDouble();
        final double z = g.nextGaussian();
        final double z2 = g.nextGaussian();
        final double c = g.nextDouble();
        final double ttr = 10 + 20 * g.nextDouble();
        final double p = g.nextDouble();
        final String status = i % 50 == 49 ? "MAX_EVALUATIONS" : i % 97 == 96 ? "INVALID_PARAMETERS" : "OK";
        if (!status.equals("OK")) {
            return new Patient(arm, r, i, status, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }
        final String best = u < 0.35 + 0.1 * k ? "CR" : u < 0.6 + 0.1 * k ? "PR" : u < 0.8 ? "SD" : "PD";
        final boolean responder = best.equals("CR") || best.equals("PR");
        Double day = null;
        Boolean event = null;
        String antigen = null;
        if (best.equals("CR")) {
            final double t = Math.floor((40 + 900 * v) * (1 + 0.3 * k));
            event = t < HORIZON;
            day = event ? t : HORIZON;
            antigen = event ? (w < 0.7 ? "negative" : "positive") : null;
        }
        final double cmax = 1e8 * Math.exp(0.5 * z) * (1 << k);
        final double tmax = p < 0.05 ? 0 : Math.max(0.5, 8 + 3 * z2);
        final double persistence = p > 0.9 ? 0 : 30 + 600 * v;
        final long grade = Math.min(4, (long) Math.floor(5 * c * c));
        return new Patient(arm, r, i, status, best, responder ? ttr : null, day, event, antigen, grade, cmax,
                cmax * 0.02 / 5e6, tmax, cmax * 10, cmax / 1e7, persistence);
    }

    static Row row(Patient p) {
        return RowFactory.create(p.arm(), p.replicate(), p.index(), 0.06, p.cmax(), p.cmaxBlood(), p.tmax(), p.auc(),
                p.expansionFold(), p.persistence(), p.ok() ? 1.0 : null, p.bestResponse(), p.timeToResponse(),
                p.relapseDay(), p.relapseEvent(), p.relapseAntigen(), p.crsGrade() == null ? null : 100.0 * (1 + p.crsGrade()),
                p.crsGrade(), 100L, 3L, 700L, p.status());
    }

    /**
     * Writes the patients in the simulation job's layout, {@code patients/arm=NAME/*.parquet} (zstd, the
     * arm only in the directory name), three files per arm, and the manifest if given. Parquet's own
     * writer is used: a Spark write job would only add fixed cost to every test.
     */
    static Path write(Path run, List<Patient> patients, String manifestJson) throws IOException {
        final StructType fileSchema = DataTypes.createStructType(Arrays.copyOfRange(SCHEMA.fields(), 1,
                SCHEMA.fields().length));
        final Map<String, List<List<Row>>> files = new LinkedHashMap<>();
        for (Patient p : patients) {
            final List<List<Row>> parts = files.computeIfAbsent(p.arm(), a -> List.of(new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
            final Row full = row(p);
            final Object[] values = new Object[full.size() - 1];
            for (int i = 1; i < full.size(); i++) {
                values[i - 1] = full.get(i);
            }
            parts.get((int) (p.index() % 3)).add(RowFactory.create(values));
        }
        final Configuration conf = SparkTestSupport.spark().sparkContext().hadoopConfiguration();
        for (Map.Entry<String, List<List<Row>>> e : files.entrySet()) {
            for (int f = 0; f < 3; f++) {
                ParquetTables.writeFile(conf, new org.apache.hadoop.fs.Path(run.resolve("patients")
                        .resolve("arm=" + e.getKey()).resolve("part-0000" + f + ".zstd.parquet").toString()),
                        fileSchema, e.getValue().get(f));
            }
        }
        if (manifestJson != null) {
            Files.writeString(run.resolve("manifest.json"), manifestJson);
        }
        return run;
    }
}
