package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.cli.VTrial;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.stats.Quantiles;

/** Runs without a manifest, reruns, approximate quantiles, bad input and the command line. */
class AggregateRunsTest {

    @TempDir
    Path dir;

    private static long hidden(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void withoutManifestArmsAreNamesAndTheFirstAlphabeticallyIsTheReference() throws Exception {
        // Arm names that look like numbers stay strings: "10" sorts before "2".
        final List<SyntheticRun.Patient> ps = SyntheticRun.patients(9, List.of("2", "10"), 1, 200);
        final Path run = SyntheticRun.write(dir.resolve("r"), ps, null);
        final AggregateJob.Result r = AggregateJob.run(SparkTestSupport.spark(), run.toString());
        assertEquals(List.of("10", "2"), r.arms());
        assertEquals("10", r.referenceArm());
        assertFalse(r.referenceFromManifest());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("first arm alphabetically")), r.notes().toString());
        // no horizon in a manifest: the last follow-up time, here the censoring day 730
        assertEquals(SyntheticRun.HORIZON, r.horizonDays(), 0.0);
        assertTrue(r.table().contains("first alphabetically"));
        final List<Row> response = AggregateJobTest.read(run, SummaryTables.RESPONSE);
        assertEquals(List.of("10", "2"), response.stream().map(x -> x.getString(0)).sorted().toList());
        assertEquals(200, response.get(0).getLong(1));
        // one replicate: no between-replicate rows
        assertTrue(AggregateJobTest.read(run, SummaryTables.REPLICATE_INTERVALS).isEmpty());
        assertEquals(1, AggregateJobTest.read(run, SummaryTables.COMPARISON).stream()
                .filter(x -> x.getString(2).equals("orr")).count());
    }

    @Test
    void aRerunReplacesTheSummaryOnlyOnceComplete() throws Exception {
        final Path run = SyntheticRun.write(dir.resolve("r"), SyntheticRun.patients(3, List.of("A", "B"), 1, 150),
                "{\"reference_arm\": \"A\", \"horizon_days\": 730}");
        final AggregateJob.Options options = AggregateJob.Options.of(run.toString());
        AggregateJob.run(SparkTestSupport.spark(), options);
        final Path manifest = run.resolve("summary").resolve("summary.json");
        final String first = Files.readString(manifest);
        // a rerun that fails half-way through writing leaves the previous summary as it was
        final Exception e = assertThrows(IOException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), options.withInjectedFailure(5)));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());
        assertEquals(first, Files.readString(manifest));
        assertEquals(0, hidden(run), "staging removed");
        Thread.sleep(5);
        AggregateJob.run(SparkTestSupport.spark(), options);
        assertNotEquals(first, Files.readString(manifest), "replaced (a new creation time)");
        assertEquals(0, hidden(run), "old summary removed");
        try (Stream<Path> s = Files.list(run.resolve("summary"))) {
            // every table and summary.json (checksum files of the local filesystem are hidden)
            assertEquals(SummaryTables.ALL.size() + 1, s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .count());
        }
    }

    @Test
    void approximateQuantilesStayWithinTheirRankBound() throws Exception {
        // Spark approxQuantile (Greenwald-Khanna) guarantees for relative error e over n values that
        // the returned value x has floor((p - e) n) <= rank(x) <= ceil((p + e) n). With e = 0.05
        // the bound is wide enough to tell approximate from exact; ranks are 1-based here.
        final List<SyntheticRun.Patient> ps = SyntheticRun.patients(4, List.of("A", "B"), 1, 600);
        final Path run = SyntheticRun.write(dir.resolve("r"), ps, null);
        final double e = 0.05;
        final AggregateJob.Result r = AggregateJob.run(SparkTestSupport.spark(),
                AggregateJob.Options.of(run.toString()).withExactLimit(0).withRelativeError(e));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("approximate")), r.notes().toString());
        final List<Row> kinetics = AggregateJobTest.read(run, SummaryTables.KINETICS);
        for (String arm : List.of("A", "B")) {
            for (int k = 0; k < AggregateJob.kineticsEndpoints().size(); k++) {
                final int endpoint = k;
                final double[] v = ps.stream().filter(p -> p.arm().equals(arm) && p.ok())
                        .mapToDouble(p -> p.kinetic(endpoint)).sorted().toArray();
                final Row row = kinetics.stream().filter(x -> x.getString(0).equals(arm)
                        && x.getString(1).equals(AggregateJob.kineticsEndpoints().get(endpoint))).findFirst()
                        .orElseThrow();
                assertFalse(row.getBoolean(12));
                assertEquals(v.length, row.getLong(3), "n is exact even when quantiles are not");
                for (int q = 0; q < Quantiles.SUMMARY.length; q++) {
                    final double x = row.getDouble(5 + q);
                    final double p = Quantiles.SUMMARY[q];
                    final long below = Arrays.stream(v).filter(y -> y < x).count();
                    final long atMost = Arrays.stream(v).filter(y -> y <= x).count();
                    assertTrue(atMost > below, "a value of the sample");
                    final long lo = (long) Math.floor((p - e) * v.length);
                    final long hi = (long) Math.ceil((p + e) * v.length);
                    assertTrue(below + 1 <= hi && atMost >= lo, arm + " " + row.getString(1) + " p" + p + ": ranks "
                            + (below + 1) + ".." + atMost + " outside " + lo + ".." + hi);
                }
            }
        }
    }

    @Test
    void anArmWithoutCompleteResponsesGetsNullsAndMissingKineticsAreCounted() throws Exception {
        // Arm B: every OK patient progresses (no responder, no relapse data); cmax missing for every
        // tenth OK patient.
        final List<SyntheticRun.Patient> ps = new ArrayList<>();
        long missing = 0;
        for (SyntheticRun.Patient p : SyntheticRun.patients(8, List.of("A", "B"), 1, 100)) {
            if (p.arm().equals("B") && p.ok()) {
                final boolean drop = p.index() % 10 == 0;
                missing += drop ? 1 : 0;
                p = new SyntheticRun.Patient("B", 0, p.index(), "OK", "PD", null, null, null, null, p.crsGrade(),
                        drop ? null : p.cmax(), p.cmaxBlood(), p.tmax(), p.auc(), p.expansionFold(), p.persistence());
            }
            ps.add(p);
        }
        final Path run = SyntheticRun.write(dir.resolve("r"), ps, "{\"reference_arm\": \"A\", \"horizon_days\": 730}");
        final AggregateJob.Result r = AggregateJob.run(SparkTestSupport.spark(), run.toString());
        assertEquals(0, r.arm("B").responders());
        assertTrue(Double.isNaN(r.arm("B").medianRfs().value()));
        final Row relapse = AggregateJobTest.read(run, SummaryTables.RELAPSE).stream()
                .filter(x -> x.getString(0).equals("B")).findFirst().orElseThrow();
        assertEquals(0, relapse.getLong(1));
        assertTrue(relapse.isNullAt(6) && relapse.isNullAt(7));
        // the fixed-day rows exist, with null estimates and zero relapses
        final List<Row> atDays = AggregateJobTest.read(run, SummaryTables.KM_AT_DAYS).stream()
                .filter(x -> x.getString(0).equals("B")).toList();
        assertEquals(AggregateJob.FIXED_DAYS.length, atDays.size());
        assertTrue(atDays.stream().allMatch(x -> x.isNullAt(2)));
        final List<Row> competing = AggregateJobTest.read(run, SummaryTables.COMPETING_RISK).stream()
                .filter(x -> x.getString(0).equals("B")).toList();
        assertEquals(2 * AggregateJob.FIXED_DAYS.length, competing.size());
        assertTrue(competing.stream().allMatch(x -> x.getLong(3) == 0 && x.isNullAt(4)));
        assertTrue(AggregateJobTest.read(run, SummaryTables.KM).stream().noneMatch(x -> x.getString(0).equals("B")));
        // nobody at risk in B: the log-rank variance is 0, there is no test and no hazard ratio
        final Row lr = AggregateJobTest.read(run, SummaryTables.RELAPSE_COMPARISON).get(0);
        assertEquals(0, lr.getLong(2));
        assertTrue(lr.getLong(4) > 0, "A has relapses");
        assertEquals(0.0, lr.getDouble(6), 0.0);
        assertTrue(lr.isNullAt(7) && lr.isNullAt(8) && lr.isNullAt(9));
        final Row cmax = AggregateJobTest.read(run, SummaryTables.KINETICS).stream()
                .filter(x -> x.getString(0).equals("B") && x.getString(1).equals("cmax")).findFirst().orElseThrow();
        assertEquals(missing, cmax.getLong(4));
        assertEquals(ps.stream().filter(p -> p.arm().equals("B") && p.ok()).count() - missing, cmax.getLong(3));
    }

    @Test
    void missingAndMistypedColumnsAreNamed() throws Exception {
        final List<StructField> fields = new ArrayList<>();
        for (StructField f : SyntheticRun.SCHEMA.fields()) {
            if (f.name().equals("arm") || f.name().equals("crs_grade")) {
                continue;
            }
            fields.add(f.name().equals("relapse_event")
                    ? DataTypes.createStructField("relapse_event", DataTypes.StringType, true) : f);
        }
        final StructType schema = DataTypes.createStructType(fields);
        final Object[] values = new Object[fields.size()];
        values[0] = 0;
        values[1] = 0L;
        ParquetTables.writeFile(SparkTestSupport.spark().sparkContext().hadoopConfiguration(),
                new org.apache.hadoop.fs.Path(dir.resolve("r/patients/arm=A/part-0.parquet").toString()), schema,
                List.of(RowFactory.create(values)));
        final BadInputException e = assertThrows(BadInputException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), dir.resolve("r").toString()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("column 'crs_grade' (bigint) is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'relapse_event' has type string, expected boolean"), e.getMessage());
    }

    @Test
    void rowsThatBreakTheEndpointContractAreRefusedWithWhereTheyAre() throws Exception {
        final List<SyntheticRun.Patient> ps = new ArrayList<>(SyntheticRun.patients(2, List.of("A", "B"), 1, 60));
        // patient 0 of arm A becomes a CR without relapse data; patient 1 gets an unknown status
        final SyntheticRun.Patient p0 = ps.get(0);
        ps.set(0, new SyntheticRun.Patient(p0.arm(), 0, 0, "OK", "CR", 12.0, null, null, null, 1L, 1e8, 1.0, 5.0,
                1e9, 10.0, 100.0));
        final SyntheticRun.Patient p1 = ps.get(1);
        ps.set(1, new SyntheticRun.Patient(p1.arm(), 0, 1, "EXPLODED", null, null, null, null, null, null, null,
                null, null, null, null, null));
        final Path run = SyntheticRun.write(dir.resolve("r"), ps, null);
        final BadInputException e = assertThrows(BadInputException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), run.toString()));
        assertTrue(e.getMessage().contains("2 rows of arm A break MODELS.md"), e.getMessage());
        assertTrue(e.getMessage().contains("arm A, replicate 0, patient_index 0: CR without relapse_day"),
                e.getMessage());
        assertTrue(e.getMessage().contains("patient_index 1: status 'EXPLODED' is not one of"), e.getMessage());
        assertFalse(Files.exists(run.resolve("summary")));
    }

    @Test
    void aManifestThatContradictsTheRunIsRefused() throws Exception {
        final List<SyntheticRun.Patient> ps = SyntheticRun.patients(2, List.of("A", "B"), 1, 20);
        final Path run = SyntheticRun.write(dir.resolve("r"), ps,
                "{\"reference_arm\": \"Z\", \"horizon_days\": -5, \"arms\": [\"A\", \"B\"]}");
        final BadInputException bad = assertThrows(BadInputException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), run.toString()));
        assertTrue(bad.getMessage().contains("horizon_days must be a positive number of days, got -5"),
                bad.getMessage());
        Files.writeString(run.resolve("manifest.json"), "{\"reference_arm\": \"Z\", \"arms\": [\"A\", \"B\", \"C\"]}");
        final BadInputException arms = assertThrows(BadInputException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), run.toString()));
        assertTrue(arms.getMessage().contains("manifest.json lists arm C but"), arms.getMessage());
        Files.writeString(run.resolve("manifest.json"), "{\"reference_arm\": \"Z\"}");
        final BadInputException ref = assertThrows(BadInputException.class,
                () -> AggregateJob.run(SparkTestSupport.spark(), run.toString()));
        assertTrue(ref.getMessage().contains("reference_arm Z is not an arm of the run [A, B]"), ref.getMessage());
    }

    @Test
    void theCommandLinePrintsTheTableAndReportsBadInputWithExitCodeTwo() throws Exception {
        // arms drawn independently: no paired analysis
        final Path run = SyntheticRun.write(dir.resolve("r"), SyntheticRun.patients(6, List.of("A", "B"), 1, 80),
                "{\"reference_arm\": \"B\", \"horizon_days\": 730, \"common_random_numbers\": false}");
        SparkTestSupport.spark();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, VTrial.execute(new String[] {"aggregate", run.toString()}, new PrintWriter(out),
                new PrintWriter(err)), err::toString);
        assertTrue(out.toString().contains("reference arm B (manifest)"), out.toString());
        assertTrue(out.toString().contains("summary tables: "), out.toString());
        assertTrue(out.toString().contains("no paired analysis"), out.toString());
        assertTrue(AggregateJobTest.read(run, SummaryTables.PAIRED).isEmpty());
        final String[] a = out.toString().lines().filter(l -> l.startsWith("A ")).reduce((x, y) -> y).orElseThrow()
                .trim().split("\\s+");
        assertEquals("-", a[a.length - 1], "paired columns of the comparison line");
        final StringWriter err2 = new StringWriter();
        assertEquals(VTrial.EXIT_BAD_INPUT, VTrial.execute(new String[] {"aggregate", dir.resolve("none").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err2)));
        assertTrue(err2.toString().contains("does not exist"), err2.toString());
    }
}
