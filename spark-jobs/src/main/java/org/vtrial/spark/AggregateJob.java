package org.vtrial.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.stats.Confidence;
import org.vtrial.engine.stats.Estimate;
import org.vtrial.engine.stats.LogRank;
import org.vtrial.engine.stats.PairedBinary;
import org.vtrial.engine.stats.Quantiles;

/**
 * The aggregate job: reads a run's patient rows and writes the summary tables of
 * {@link SummaryTables} as Parquet under {@code RUN/summary/} (staged, then moved into place only when
 * complete; a previous summary is replaced only then), and returns the per-arm numbers.
 *
 * <p>One Spark pass per arm accumulates counts, relapse times, kinetics values and the patient bits
 * that pair arms on (replicate, patient_index) ({@link ArmAccumulator}); the statistics are then
 * computed on the driver by the engine's {@code org.vtrial.engine.stats} and the small tables written
 * with Parquet's own writer ({@link ParquetTables}). Kinetics and time-to-response quantiles are exact (type 7) for arms of
 * up to {@link Options#exactLimit()} patients; beyond, Spark's {@code approxQuantile} with relative
 * error {@link Options#relativeError()} is used and the {@code exact} column says so. Relapse times
 * of complete responders are always collected (8 bytes each).
 */
public final class AggregateJob {

    /** Days at which relapse-free probability and cumulative incidence are tabulated. */
    public static final double[] FIXED_DAYS = {90, 180, 365, 730};
    /** Default largest arm (patients) with exact quantiles: about 60 bytes per patient reach the driver. */
    public static final long DEFAULT_EXACT_LIMIT = 5_000_000L;
    /** Default relative rank error of approximate quantiles beyond the exact limit. */
    public static final double DEFAULT_RELATIVE_ERROR = 1e-4;
    /** Bins per decade of the kinetics histograms. */
    public static final int BINS_PER_DECADE = 10;
    static final double LEVEL = Confidence.LEVEL_95;
    /** Rates compared and spread over replicates. */
    static final List<String> RATES = List.of("orr", "cr", "crs_any", "crs_grade3");

    /**
     * @param run              run directory (holding patients/ and, usually, manifest.json)
     * @param exactLimit       largest arm, in patients, whose quantiles are exact
     * @param relativeError    relative rank error of approximate quantiles, in (0, 1)
     * @param failAfterTables  fault injection for tests: fail after writing this many tables (-1: never)
     */
    public record Options(String run, long exactLimit, double relativeError, int failAfterTables) {

        /** Validates the options. */
        public Options {
            if (run == null || run.isBlank()) {
                throw new IllegalArgumentException("run directory is required");
            }
            if (exactLimit < 0) {
                throw new IllegalArgumentException("exact quantile limit must be >= 0, got " + exactLimit);
            }
            if (!(relativeError > 0 && relativeError < 1)) {
                throw new IllegalArgumentException("relative error must be in (0, 1), got " + relativeError);
            }
        }

        /** @return the default options for a run directory */
        public static Options of(String run) {
            return new Options(run, DEFAULT_EXACT_LIMIT, DEFAULT_RELATIVE_ERROR, -1);
        }

        public Options withExactLimit(long value) {
            return new Options(run, value, relativeError, failAfterTables);
        }

        public Options withRelativeError(double value) {
            return new Options(run, exactLimit, value, failAfterTables);
        }

        public Options withInjectedFailure(int afterTables) {
            return new Options(run, exactLimit, relativeError, afterTables);
        }
    }

    /**
     * The numbers of one arm (all replicates pooled), as written to the summary tables.
     *
     * @param kinetics            per endpoint of {@link #kineticsEndpoints()}: p5, p10, p25, p50, p75, p90, p95
     * @param timeToResponse      p5 .. p95 of the time to response (days)
     * @param replicateIntervals  per rate (orr, cr, crs_any, crs_grade3): mean and 2.5/97.5 percentiles
     *                            across replicates; empty with one replicate
     */
    public record ArmResult(String arm, long patients, long failed, Map<String, Long> statusCounts,
                            long responders, Estimate orr, long completeResponses, Estimate cr,
                            long crsEvaluable, Estimate crsAnyGrade, Estimate crsGrade3Plus,
                            long relapses, long relapsesNegative, long relapsesPositive, Estimate medianRfs,
                            Map<String, double[]> kinetics, double[] timeToResponse, boolean exactQuantiles,
                            Map<String, Estimate> replicateIntervals) {
    }

    /** Paired (common random numbers) comparison of one response measure. */
    public record Paired(long pairs, long both, long armOnly, long referenceOnly, long neither, Estimate difference,
                         double pExact, double pMid) {
    }

    /**
     * One arm against the reference arm.
     *
     * @param differences rate differences by rate name (orr, cr, crs_any, crs_grade3)
     * @param ratios      rate ratios by rate name
     * @param relapse     log-rank test and hazard ratio of relapse among complete responders
     * @param medianDifferences median differences by kinetics endpoint
     * @param paired      paired analysis by measure (orr, cr); empty when the arms do not share
     *                    random numbers
     */
    public record Comparison(String arm, String reference, Map<String, Estimate> differences,
                             Map<String, Estimate> ratios, LogRank.Result relapse,
                             Map<String, Double> medianDifferences, Map<String, Paired> paired) {
    }

    /**
     * What a finished aggregation reports.
     *
     * @param run                  run directory
     * @param summary              summary directory written
     * @param arms                 arms in trial order
     * @param referenceArm         the reference arm of the comparisons
     * @param referenceFromManifest false when the manifest names none and the first arm
     *                             alphabetically was taken
     * @param replicates           number of replicates
     * @param horizonDays          horizon used to cut the fixed-day tables
     * @param perArm               per-arm numbers, in arm order
     * @param comparisons          each non-reference arm against the reference
     * @param notes                what the user should know (choices made, approximations)
     */
    public record Result(String run, String summary, List<String> arms, String referenceArm,
                         boolean referenceFromManifest, int replicates, double horizonDays,
                         List<ArmResult> perArm, List<Comparison> comparisons, List<String> notes,
                         double wallSeconds) {

        /** @return the numbers of one arm */
        public ArmResult arm(String name) {
            for (ArmResult a : perArm) {
                if (a.arm().equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("no arm " + name + " in " + arms);
        }

        /** @return the compact per-arm table printed on the terminal */
        public String table() {
            return SummaryPrinter.format(this);
        }
    }

    /** @return the kinetics endpoints summarised, in table order */
    public static List<String> kineticsEndpoints() {
        return PatientInput.KINETICS;
    }

    private AggregateJob() {
    }

    /** Runs the job with default options. */
    public static Result run(SparkSession spark, String runDir) throws IOException, BadInputException {
        return run(spark, Options.of(runDir));
    }

    /**
     * Runs the job.
     *
     * @throws BadInputException when the run is missing, a column is missing or mistyped, the manifest
     *                           is malformed or contradicts the data, or patient rows break MODELS.md §5
     */
    public static Result run(SparkSession spark, Options options) throws IOException, BadInputException {
        final long t0 = System.nanoTime();
        final Configuration conf = spark.sparkContext().hadoopConfiguration();
        final String runDir = options.run();
        final Path patientsPath = new Path(runDir, "patients");
        final FileSystem fs = patientsPath.getFileSystem(conf);
        if (!fs.exists(new Path(runDir))) {
            throw new BadInputException("run directory " + runDir + " does not exist");
        }
        if (!fs.exists(patientsPath)) {
            throw new BadInputException("run directory " + runDir + " has no patients/ table "
                    + "(write one with the simulation job first)");
        }
        final TrialInfo trial = TrialInfo.read(conf, runDir);
        final List<String> notes = new ArrayList<>();
        final Dataset<Row> patients = PatientInput.read(spark, patientsPath.toString());

        // Arms, their order and the reference arm.
        final Map<String, Long> sizes = new LinkedHashMap<>();
        for (Row r : patients.groupBy(RowSchema.ARM).count().collectAsList()) {
            sizes.put(r.getString(0), r.getLong(1));
        }
        if (sizes.isEmpty()) {
            throw new BadInputException(patientsPath + ": no patient rows");
        }
        final List<String> arms = arms(trial, sizes, patientsPath, notes);
        final String reference = reference(trial, arms, notes);

        // One pass per arm.
        final Map<String, ArmAccumulator> acc = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        for (String arm : arms) {
            final boolean exact = sizes.get(arm) <= options.exactLimit();
            final ArmAccumulator a = accumulate(patients, arm, exact);
            acc.put(arm, a);
            if (a.violations > 0) {
                problems.add(patientsPath + ": " + a.violations + " rows of arm " + arm + " break MODELS.md §5, e.g. "
                        + String.join("; ", a.examples));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }

        final TreeSet<Integer> replicateIds = new TreeSet<>();
        acc.values().forEach(a -> replicateIds.addAll(a.replicates.keySet()));
        double horizon = trial.horizonDays();
        if (Double.isNaN(horizon)) {
            horizon = 0;
            for (ArmAccumulator a : acc.values()) {
                final double last = a.relapseTable().lastTime();
                if (!Double.isNaN(last)) {
                    horizon = Math.max(horizon, last);
                }
            }
            notes.add("manifest.json has no horizon_days: fixed-day tables stop at the last follow-up time, day "
                    + SummaryPrinter.num(horizon, 1));
        }

        final SummaryBuilder summary = new SummaryBuilder(horizon, PatientInput.kineticsUnits(patients.schema()));
        final List<ArmResult> perArm = new ArrayList<>();
        for (String arm : arms) {
            final ArmAccumulator a = acc.get(arm);
            final double[][] approx = a.collectSamples ? null : approximateQuantiles(patients, arm, options);
            if (!a.collectSamples) {
                notes.add("arm " + arm + " has " + sizes.get(arm) + " patients, above the exact limit of "
                        + options.exactLimit() + ": quantiles are approximate (rank error <= "
                        + options.relativeError() + " * n)");
            }
            perArm.add(summary.addArm(a, approx));
        }
        final List<Comparison> comparisons = new ArrayList<>();
        if (!trial.commonRandomNumbers() && arms.size() > 1) {
            notes.add("manifest.json: common_random_numbers is false, the arms do not share their patients: "
                    + "no paired analysis");
        }
        for (String arm : arms) {
            if (!arm.equals(reference)) {
                final Map<String, Paired> paired = trial.commonRandomNumbers()
                        ? paired(acc.get(arm), acc.get(reference)) : Map.of();
                comparisons.add(summary.addComparison(acc.get(arm), acc.get(reference), paired));
            }
        }

        final String target = new Path(runDir, "summary").toString();
        final RunPublisher publisher = RunPublisher.prepare(conf, target, true);
        try {
            summary.write(conf, publisher.staging(), options.failAfterTables());
            final ObjectNode m = JsonNodeFactory.instance.objectNode();
            m.put("created", Instant.now().toString());
            m.put("engine_version", SimulateJob.engineVersion());
            m.put("run", runDir);
            final ArrayNode armList = m.putArray("arms");
            arms.forEach(armList::add);
            m.put("reference_arm", reference);
            m.put("reference_arm_source", trial.referenceArm() != null ? "manifest" : "first arm alphabetically");
            m.put("replicates", replicateIds.size());
            m.put("horizon_days", horizon);
            m.put("horizon_source", Double.isNaN(trial.horizonDays()) ? "last follow-up time" : "manifest");
            m.put("common_random_numbers", trial.commonRandomNumbers());
            m.put("confidence_level", LEVEL);
            m.put("exact_quantile_limit", options.exactLimit());
            m.put("approximate_quantile_relative_error", options.relativeError());
            final ArrayNode tables = m.putArray("tables");
            SummaryTables.ALL.forEach(t -> tables.add(t.name()));
            final ArrayNode noteList = m.putArray("notes");
            notes.forEach(noteList::add);
            SimulateJob.writeJson(spark, publisher.staging() + "/summary.json", m);
            publisher.publish(true);
        } catch (Throwable e) {
            // Spark throws its (checked) SparkException undeclared: catch everything, clean, rethrow.
            publisher.abandon();
            throw e;
        }
        return new Result(runDir, target, arms, reference, trial.referenceArm() != null, replicateIds.size(), horizon,
                perArm, comparisons, List.copyOf(notes), (System.nanoTime() - t0) / 1e9);
    }

    private static List<String> arms(TrialInfo trial, Map<String, Long> sizes, Path patients, List<String> notes)
            throws BadInputException {
        final List<String> sorted = new ArrayList<>(sizes.keySet());
        Collections.sort(sorted);
        if (trial.arms() == null) {
            if (trial.found()) {
                notes.add("manifest.json lists no arms: arms are taken in alphabetical order");
            }
            return sorted;
        }
        final List<String> problems = new ArrayList<>();
        for (String a : trial.arms()) {
            if (!sizes.containsKey(a)) {
                problems.add("manifest.json lists arm " + a + " but " + patients + " has no rows for it");
            }
        }
        for (String a : sorted) {
            if (!trial.arms().contains(a)) {
                problems.add(patients + " has rows of arm " + a + ", which manifest.json does not list");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return trial.arms();
    }

    private static String reference(TrialInfo trial, List<String> arms, List<String> notes) throws BadInputException {
        if (trial.referenceArm() != null) {
            if (!arms.contains(trial.referenceArm())) {
                throw new BadInputException("manifest.json: reference_arm " + trial.referenceArm()
                        + " is not an arm of the run " + arms);
            }
            return trial.referenceArm();
        }
        final String first = arms.stream().sorted().findFirst().orElseThrow();
        notes.add((trial.found() ? "manifest.json names no reference_arm" : "the run has no manifest.json")
                + ": the reference arm is " + first + ", the first arm alphabetically");
        return first;
    }

    private static ArmAccumulator accumulate(Dataset<Row> patients, String arm, boolean exact) {
        final Dataset<Row> rows = PatientInput.project(patients.where(col(RowSchema.ARM).equalTo(arm)));
        final FlatMapFunction<Iterator<Row>, ArmAccumulator> partition = it -> {
            final ArmAccumulator a = new ArmAccumulator(arm, exact, BINS_PER_DECADE);
            while (it.hasNext()) {
                a.accept(it.next());
            }
            return List.of(a).iterator();
        };
        final List<ArmAccumulator> parts = rows.javaRDD().mapPartitions(partition).collect();
        final ArmAccumulator all = new ArmAccumulator(arm, exact, BINS_PER_DECADE);
        for (ArmAccumulator p : parts) {
            all.combine(p);
        }
        return all;
    }

    /** @return per kinetics endpoint then time to response: p5..p95 by Spark approxQuantile (NaN if no value) */
    private static double[][] approximateQuantiles(Dataset<Row> patients, String arm, Options options) {
        final Dataset<Row> ok = patients.where(col(RowSchema.ARM).equalTo(arm).and(PatientInput.ok()));
        final double[][] q = new double[PatientInput.KINETICS.size() + 1][];
        final double[][] k = ok.stat().approxQuantile(PatientInput.KINETICS.toArray(new String[0]), Quantiles.SUMMARY,
                options.relativeError());
        System.arraycopy(k, 0, q, 0, k.length);
        q[k.length] = ok.where(PatientInput.responder()).stat().approxQuantile(
                new String[] {PatientInput.TIME_TO_RESPONSE}, Quantiles.SUMMARY, options.relativeError())[0];
        for (int i = 0; i < q.length; i++) {
            if (q[i].length == 0) {
                q[i] = new double[Quantiles.SUMMARY.length];
                Arrays.fill(q[i], Double.NaN);
            }
        }
        return q;
    }

    /**
     * Pairs the arm with the reference on (replicate, patient_index), from the patient bits of both
     * arms, and counts the paired 2×2 tables of response (orr) and complete response (cr).
     */
    private static Map<String, Paired> paired(ArmAccumulator arm, ArmAccumulator reference) {
        final long[] orr = new long[4];
        final long[] cr = new long[4];
        for (Map.Entry<Integer, ArmAccumulator.Counts> e : arm.replicates.entrySet()) {
            final ArmAccumulator.Counts a = e.getValue();
            final ArmAccumulator.Counts r = reference.replicates.get(e.getKey());
            if (r != null) {
                cells(a.present, r.present, a.responding, r.responding, orr);
                cells(a.present, r.present, a.completing, r.completing, cr);
            }
        }
        final Map<String, Paired> out = new LinkedHashMap<>();
        out.put("orr", paired(PairedBinary.of(orr[0], orr[1], orr[2], orr[3])));
        out.put("cr", paired(PairedBinary.of(cr[0], cr[1], cr[2], cr[3])));
        return out;
    }

    /** Adds both, arm only, reference only and neither of one replicate to {@code cells}. */
    private static void cells(PatientBits armPresent, PatientBits refPresent, PatientBits armYes, PatientBits refYes,
                              long[] cells) {
        final long pairs = PatientBits.countBoth(armPresent, refPresent);
        final long both = PatientBits.countBoth(armYes, refYes);
        final long armOnly = PatientBits.countWithout(armYes, refYes, refPresent);
        final long refOnly = PatientBits.countWithout(refYes, armYes, armPresent);
        cells[0] += both;
        cells[1] += armOnly;
        cells[2] += refOnly;
        cells[3] += pairs - both - armOnly - refOnly;
    }

    private static Paired paired(PairedBinary t) {
        return new Paired(t.pairs(), t.both(), t.armOnly(), t.referenceOnly(), t.neither(), t.difference(LEVEL),
                t.mcnemarExactP(), t.mcnemarMidP());
    }
}
