package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.stats.Estimate;
import org.vtrial.engine.stats.EventSample;
import org.vtrial.engine.stats.LogRank;
import org.vtrial.engine.stats.PairedBinary;
import org.vtrial.engine.stats.Proportion;
import org.vtrial.engine.stats.Quantiles;
import org.vtrial.engine.stats.RiskComparison;
import org.vtrial.spark.SummaryTables.Table;

/**
 * The summary tables of a synthetic run, read back with their explicit schemas, against numbers
 * computed directly from the patient list: counts by plain loops, Kaplan–Meier and Aalen–Johansen by
 * naive quadratic implementations of their definitions, intervals and tests by the engine's
 * statistics (themselves tested against published tables).
 */
class AggregateJobTest {

    @TempDir
    static Path dir;

    private static final List<String> ARMS = List.of("B", "A");
    private static List<SyntheticRun.Patient> patients;
    private static AggregateJob.Result result;

    @BeforeAll
    static void aggregate() throws Exception {
        patients = SyntheticRun.patients(5, ARMS, 2, 400);
        final Path run = SyntheticRun.write(dir.resolve("run"), patients,
                "{\"reference_arm\": \"A\", \"arms\": [\"B\", \"A\"], \"horizon_days\": 730}");
        result = AggregateJob.run(SparkTestSupport.spark(), run.toString());
    }

    static List<Row> read(Path run, Table t) {
        return SparkTestSupport.spark().read().schema(t.schema()).parquet(run.resolve("summary").resolve(t.name())
                .toString()).collectAsList();
    }

    private static List<Row> read(Table t) {
        return read(dir.resolve("run"), t);
    }

    private static List<SyntheticRun.Patient> arm(String arm) {
        return patients.stream().filter(p -> p.arm().equals(arm)).toList();
    }

    private static long count(List<SyntheticRun.Patient> ps, java.util.function.Predicate<SyntheticRun.Patient> f) {
        return ps.stream().filter(f).count();
    }

    private static Row only(List<Row> rows, Object... key) {
        final List<Row> hits = new ArrayList<>();
        for (Row r : rows) {
            boolean match = true;
            for (int i = 0; i < key.length; i++) {
                match &= key[i].equals(r.get(i));
            }
            if (match) {
                hits.add(r);
            }
        }
        assertEquals(1, hits.size(), () -> "rows with key " + Arrays.toString(key) + ": " + hits);
        return hits.get(0);
    }

    private static void assertEstimate(Estimate e, Row r, int at) {
        assertEquals(e.value(), r.getDouble(at), 1e-12);
        assertEquals(e.lo(), r.getDouble(at + 1), 1e-12);
        assertEquals(e.hi(), r.getDouble(at + 2), 1e-12);
    }

    @Test
    void armsFollowTheManifestAndStatusesAreCountedPerReplicate() {
        assertEquals(ARMS, result.arms());
        assertEquals("A", result.referenceArm());
        assertTrue(result.referenceFromManifest());
        assertEquals(2, result.replicates());
        final List<Row> status = read(SummaryTables.STATUS_COUNTS);
        for (String arm : ARMS) {
            for (int rep = 0; rep < 2; rep++) {
                final int r = rep;
                for (String s : List.of("OK", "MAX_EVALUATIONS", "INVALID_PARAMETERS")) {
                    final long expected = count(arm(arm), p -> p.replicate() == r && p.status().equals(s));
                    assertEquals(expected, only(status, arm, rep, s).getLong(3));
                }
            }
        }
        // 400 patients: 8 with i % 50 == 49, 4 with i % 97 == 96 (none both) -> 12 failed per replicate
        assertEquals(24, result.arm("A").failed());
        assertEquals(3 * 2 * 2, status.size());
    }

    @Test
    void responseIsIntentionToTreatAndCrsIsAmongOkPatients() {
        final List<Row> response = read(SummaryTables.RESPONSE);
        final List<Row> crs = read(SummaryTables.CRS);
        for (String arm : ARMS) {
            final List<SyntheticRun.Patient> ps = arm(arm);
            final long responders = count(ps, SyntheticRun.Patient::responder);
            final long complete = count(ps, SyntheticRun.Patient::complete);
            final Row r = only(response, arm);
            assertEquals(800, r.getLong(1));
            assertEquals(count(ps, p -> !p.ok()), r.getLong(2));
            assertEquals(responders, r.getLong(3));
            assertEstimate(Proportion.wilson(responders, 800, 0.95), r, 4);
            assertEquals(complete, r.getLong(7));
            assertEstimate(Proportion.wilson(complete, 800, 0.95), r, 8);

            final long ok = count(ps, SyntheticRun.Patient::ok);
            final Row c = only(crs, arm);
            assertEquals(ok, c.getLong(1));
            for (int g = 0; g <= 4; g++) {
                final long grade = g;
                assertEquals(count(ps, p -> p.ok() && p.crsGrade() == grade), c.getLong(2 + g));
            }
            final long any = count(ps, p -> p.ok() && p.crsGrade() >= 1);
            final long severe = count(ps, p -> p.ok() && p.crsGrade() >= 3);
            assertEstimate(Proportion.wilson(any, ok, 0.95), c, 7);
            assertEstimate(Proportion.wilson(severe, ok, 0.95), c, 10);
            assertEquals(severe / (double) ok, result.arm(arm).crsGrade3Plus().value(), 0.0);
        }
    }

    /** Naive Kaplan–Meier of the definition: product over event times <= t of (1 - d/n). */
    private static double naiveKm(List<SyntheticRun.Patient> cr, double t) {
        final TreeSet<Double> eventTimes = new TreeSet<>();
        cr.stream().filter(SyntheticRun.Patient::relapseEvent).forEach(p -> eventTimes.add(p.relapseDay()));
        double s = 1;
        for (double te : eventTimes.headSet(t, true)) {
            final long n = count(cr, p -> p.relapseDay() >= te);
            final long d = count(cr, p -> p.relapseEvent() && p.relapseDay() == te);
            s *= 1 - (double) d / n;
        }
        return s;
    }

    /** Naive Aalen–Johansen: sum over event times <= t of S(t-) · d_antigen / n. */
    private static double naiveIncidence(List<SyntheticRun.Patient> cr, String antigen, double t) {
        final TreeSet<Double> eventTimes = new TreeSet<>();
        cr.stream().filter(SyntheticRun.Patient::relapseEvent).forEach(p -> eventTimes.add(p.relapseDay()));
        double s = 1;
        double f = 0;
        for (double te : eventTimes.headSet(t, true)) {
            final long n = count(cr, p -> p.relapseDay() >= te);
            final long d = count(cr, p -> p.relapseEvent() && p.relapseDay() == te);
            final long dc = count(cr, p -> p.relapseEvent() && p.relapseDay() == te && p.relapseAntigen().equals(antigen));
            f += s * dc / n;
            s *= 1 - (double) d / n;
        }
        return f;
    }

    @Test
    void relapseCurvesEqualTheirDefinitionsOnCompleteResponders() {
        final List<Row> km = read(SummaryTables.KM);
        final List<Row> atDays = read(SummaryTables.KM_AT_DAYS);
        final List<Row> relapse = read(SummaryTables.RELAPSE);
        final List<Row> competing = read(SummaryTables.COMPETING_RISK);
        final List<Row> curve = read(SummaryTables.COMPETING_RISK_CURVE);
        for (String arm : ARMS) {
            final List<SyntheticRun.Patient> cr = arm(arm).stream().filter(SyntheticRun.Patient::complete).toList();
            final List<Row> rows = km.stream().filter(r -> r.getString(0).equals(arm))
                    .sorted((a, b) -> Double.compare(a.getDouble(1), b.getDouble(1))).toList();
            final TreeSet<Double> times = new TreeSet<>();
            cr.forEach(p -> times.add(p.relapseDay()));
            assertEquals(times.size() + 1, rows.size(), "day 0 and one row per distinct time");
            assertEquals(0.0, rows.get(0).getDouble(1));
            assertEquals(cr.size(), rows.get(0).getLong(2));
            int i = 1;
            for (double t : times) {
                final Row r = rows.get(i++);
                assertEquals(t, r.getDouble(1), 0.0);
                assertEquals(count(cr, p -> p.relapseDay() >= t), r.getLong(2));
                assertEquals(count(cr, p -> p.relapseEvent() && p.relapseDay() == t), r.getLong(3));
                assertEquals(count(cr, p -> !p.relapseEvent() && p.relapseDay() == t), r.getLong(4));
                assertEquals(naiveKm(cr, t), r.getDouble(5), 1e-12);
                assertTrue(r.getDouble(7) <= r.getDouble(5) && r.getDouble(5) <= r.getDouble(8));
            }
            // every censoring is at the horizon, the last row
            assertEquals(SyntheticRun.HORIZON, rows.get(rows.size() - 1).getDouble(1), 0.0);

            for (double day : AggregateJob.FIXED_DAYS) {
                assertEquals(naiveKm(cr, day), only(atDays, arm, day).getDouble(2), 1e-12);
                for (String antigen : List.of("negative", "positive")) {
                    final Row c = only(competing, arm, day, antigen);
                    assertEquals(count(cr, p -> p.relapseEvent() && p.relapseDay() <= day
                            && p.relapseAntigen().equals(antigen)), c.getLong(3));
                    assertEquals(naiveIncidence(cr, antigen, day), c.getDouble(4), 1e-12);
                }
                final double sum = only(competing, arm, day, "negative").getDouble(4)
                        + only(competing, arm, day, "positive").getDouble(4);
                assertEquals(1 - naiveKm(cr, day), sum, 1e-12);
            }
            for (Row c : curve) {
                if (c.getString(0).equals(arm)) {
                    assertEquals(naiveIncidence(cr, c.getString(2), c.getDouble(1)), c.getDouble(3), 1e-12);
                }
            }

            final Row r = only(relapse, arm);
            assertEquals(cr.size(), r.getLong(1));
            assertEquals(count(cr, SyntheticRun.Patient::relapseEvent), r.getLong(2));
            assertEquals(count(cr, p -> p.relapseEvent() && p.relapseAntigen().equals("negative")), r.getLong(3));
            assertEquals(count(cr, p -> !p.relapseEvent()), r.getLong(5));
            // the median is the first time the naive curve is <= 1/2, or, where the curve sits at exactly
            // 1/2, the midpoint to the next time it drops (R quantile.survfit; this data has such a flat)
            final List<Double> ts = new ArrayList<>(times);
            double median = Double.NaN;
            for (int k = 0; k < ts.size() && Double.isNaN(median); k++) {
                final double s = naiveKm(cr, ts.get(k));
                final double tol = 1.4901161193847656e-8;
                if (Math.abs(s - 0.5) <= tol) {
                    final int from = k;
                    median = (ts.get(k) + ts.stream().skip(from + 1).filter(t -> naiveKm(cr, t) < 0.5 - tol).findFirst()
                            .orElse(ts.get(ts.size() - 1))) / 2;
                } else if (s < 0.5) {
                    median = ts.get(k);
                }
            }
            assertEquals(median, r.getDouble(7), 0.0);
            assertEquals(median, result.arm(arm).medianRfs().value(), 0.0);
            assertTrue(r.getDouble(8) <= median && median <= r.getDouble(9));
        }
    }

    @Test
    void kineticsQuantilesAreExactOverOkPatientsAndHistogramsCountThem() {
        final List<Row> kinetics = read(SummaryTables.KINETICS);
        final List<Row> histogram = read(SummaryTables.KINETICS_HISTOGRAM);
        final List<Row> ttr = read(SummaryTables.TIME_TO_RESPONSE);
        for (String arm : ARMS) {
            for (int k = 0; k < AggregateJob.kineticsEndpoints().size(); k++) {
                final int e = k;
                final String endpoint = AggregateJob.kineticsEndpoints().get(k);
                final double[] v = arm(arm).stream().filter(SyntheticRun.Patient::ok)
                        .mapToDouble(p -> p.kinetic(e)).sorted().toArray();
                final Row r = only(kinetics, arm, endpoint);
                // the unit comes from the patient table's metadata when present, else MODELS.md §5
                assertEquals(List.of("cells", "cells/uL", "day (synthetic)", "cells*day", "-", "day").get(k),
                        r.getString(2));
                assertEquals(v.length, r.getLong(3));
                for (int q = 0; q < Quantiles.SUMMARY.length; q++) {
                    assertEquals(Quantiles.type7(v, v.length, Quantiles.SUMMARY[q]), r.getDouble(5 + q), 0.0);
                }
                assertEquals(0, r.getLong(4), "no missing values");
                assertTrue(r.getBoolean(12));
                long binned = 0;
                long nonPositive = -1;
                for (Row h : histogram) {
                    if (h.getString(0).equals(arm) && h.getString(1).equals(endpoint)) {
                        binned += h.getLong(5);
                        if (h.isNullAt(2)) {
                            nonPositive = h.getLong(5);
                        } else {
                            final long inBin = Arrays.stream(v).filter(x -> x >= h.getDouble(3) && x < h.getDouble(4))
                                    .count();
                            assertEquals(inBin, h.getLong(5), endpoint + " bin " + h.getInt(2));
                        }
                    }
                }
                assertEquals(v.length, binned);
                final long zeros = Arrays.stream(v).filter(x -> x <= 0).count();
                assertEquals(zeros, Math.max(0, nonPositive), endpoint);
            }
            final double[] t = arm(arm).stream().filter(SyntheticRun.Patient::responder)
                    .mapToDouble(SyntheticRun.Patient::timeToResponse).sorted().toArray();
            final Row r = only(ttr, arm);
            assertEquals(t.length, r.getLong(1));
            assertEquals(Quantiles.type7(t, t.length, 0.5), r.getDouble(5), 0.0);
        }
        // tmax has zeros by construction: the non-positive row exists
        assertTrue(histogram.stream().anyMatch(h -> h.getString(1).equals("tmax") && h.isNullAt(2)));
    }

    @Test
    void replicateRatesAndTheirSpread() {
        final List<Row> reps = read(SummaryTables.REPLICATES);
        final List<Row> spread = read(SummaryTables.REPLICATE_INTERVALS);
        for (String arm : ARMS) {
            final double[] orr = new double[2];
            for (int rep = 0; rep < 2; rep++) {
                final int r = rep;
                final List<SyntheticRun.Patient> ps = arm(arm).stream().filter(p -> p.replicate() == r).toList();
                orr[rep] = count(ps, SyntheticRun.Patient::responder) / 400.0;
                final Row row = only(reps, arm, rep);
                assertEquals(orr[rep], row.getDouble(4), 0.0);
                assertEquals(count(ps, p -> !p.ok()), row.getLong(3));
            }
            // type 7 over two values: 2.5% -> x0 + 0.025 (x1 - x0)
            Arrays.sort(orr);
            final Row s = only(spread, arm, "orr");
            assertEquals(2, s.getInt(2));
            assertEquals((orr[0] + orr[1]) / 2, s.getDouble(3), 1e-15);
            assertEquals(orr[0] + 0.025 * (orr[1] - orr[0]), s.getDouble(4), 1e-15);
            assertEquals(orr[0] + 0.975 * (orr[1] - orr[0]), s.getDouble(5), 1e-15);
        }
    }

    @Test
    void comparisonsAgainstTheReferenceArm() {
        final List<SyntheticRun.Patient> a = arm("A");
        final List<SyntheticRun.Patient> b = arm("B");
        final Row orr = only(read(SummaryTables.COMPARISON), "B", "A", "orr");
        final long xb = count(b, SyntheticRun.Patient::responder);
        final long xa = count(a, SyntheticRun.Patient::responder);
        assertEstimate(RiskComparison.difference(xb, 800, xa, 800, 0.95), orr, 5);
        assertEstimate(RiskComparison.ratio(xb, 800, xa, 800, 0.95), orr, 8);

        final EventSample sa = EventSample.create(2);
        final EventSample sb = EventSample.create(2);
        for (SyntheticRun.Patient p : patients) {
            if (p.complete()) {
                (p.arm().equals("A") ? sa : sb).accept(p.relapseDay(), !p.relapseEvent() ? 0
                        : p.relapseAntigen().equals("negative") ? 1 : 2);
            }
        }
        final LogRank.Result lr = LogRank.test(sb.table(), sa.table(), 0.95);
        final Row r = only(read(SummaryTables.RELAPSE_COMPARISON), "B", "A");
        assertEquals(lr.observed(), r.getLong(2));
        assertEquals(lr.chiSquare(), r.getDouble(7), 1e-9);
        assertEquals(lr.hazardRatio().value(), r.getDouble(9), 1e-12);
        // arm A (second in the trial, k = 1) has 30% longer relapse times: B relapses faster
        assertTrue(r.getDouble(9) > 1);

        final Row cmax = only(read(SummaryTables.KINETICS_COMPARISON), "B", "A", "cmax");
        assertEquals(result.arm("B").kinetics().get("cmax")[3] - result.arm("A").kinetics().get("cmax")[3],
                cmax.getDouble(5), 0.0);

        // Paired by (replicate, patient_index): A's response thresholds are 0.1 higher, so with common
        // random numbers no patient responds in B only; A-only responders have 0.6 <= u < 0.7.
        final Map<String, Boolean> ref = new HashMap<>();
        a.forEach(p -> ref.put(p.replicate() + "/" + p.index(), p.responder()));
        final PairedBinary t = PairedBinary.create();
        b.forEach(p -> t.accept(p.responder(), ref.get(p.replicate() + "/" + p.index())));
        assertEquals(0, t.armOnly());
        assertTrue(t.referenceOnly() > 50);
        final Row paired = only(read(SummaryTables.PAIRED), "B", "A", "orr");
        assertEquals(800, paired.getLong(3));
        assertEquals(t.both(), paired.getLong(4));
        assertEquals(0, paired.getLong(5));
        assertEquals(t.referenceOnly(), paired.getLong(6));
        assertEquals(t.neither(), paired.getLong(7));
        assertEstimate(t.difference(0.95), paired, 8);
        assertEquals(t.mcnemarMidP(), paired.getDouble(12), 0.0);
        assertEquals(t.mcnemarMidP(), result.comparisons().get(0).paired().get("orr").pMid(), 0.0);
        assertEquals(1, result.comparisons().size());
    }

    @Test
    void everyTableIsWrittenAndNothingIsLeftBehind() throws IOException {
        final Path summary = dir.resolve("run").resolve("summary");
        for (Table t : SummaryTables.ALL) {
            assertTrue(Files.isDirectory(summary.resolve(t.name())), t.name());
            // the written schema is the declared one
            assertEquals(t.schema().fieldNames().length, SparkTestSupport.spark().read()
                    .parquet(summary.resolve(t.name()).toString()).schema().fieldNames().length);
        }
        assertTrue(Files.readString(summary.resolve("summary.json")).contains("\"reference_arm\" : \"A\""));
        try (var s = Files.list(dir.resolve("run"))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }

    /**
     * Asserts that a printed token is the file's value rounded as printed: within half a unit of the
     * token's last digit ({@code -} and {@code NR} stand for a null in the file).
     */
    static void assertPrinted(String token, Row row, int column, double scale) {
        if (token.equals("-") || token.equals("NR")) {
            assertTrue(row.isNullAt(column), () -> "printed " + token + " but the file has " + row.get(column));
            return;
        }
        if (token.startsWith("<")) {
            assertTrue(((Number) row.get(column)).doubleValue() < Double.parseDouble(token.substring(1)));
            return;
        }
        final double printed = Double.parseDouble(token);
        final String mantissa = token.toLowerCase(java.util.Locale.ROOT).split("e")[0];
        final int decimals = mantissa.contains(".") ? mantissa.length() - mantissa.indexOf('.') - 1 : 0;
        final int exponent = token.toLowerCase(java.util.Locale.ROOT).contains("e")
                ? Integer.parseInt(token.toLowerCase(java.util.Locale.ROOT).split("e")[1]) : 0;
        final double half = 0.5 * Math.pow(10, exponent - decimals) * (1 + 1e-9);
        final double file = scale * ((Number) row.get(column)).doubleValue();
        assertEquals(file, printed, half, () -> "printed " + token + " for " + row.schema().fields()[column].name()
                + " = " + row.get(column));
    }

    private static String[] tokens(String line) {
        return line.replace("[", " ").replace("]", " ").replace(",", " ").replace("/", " ").trim().split("\\s+");
    }

    private static String line(String[] lines, int from, String first) {
        for (int i = from; i < lines.length; i++) {
            if (tokens(lines[i])[0].equals(first)) {
                return lines[i];
            }
        }
        throw new AssertionError("no line starting with " + first + " after line " + from);
    }

    @Test
    void theTerminalTableShowsTheNumbersOfTheFiles() {
        final String text = result.table();
        final String[] lines = text.split("\\R");
        assertTrue(lines[0].contains("reference arm A (manifest)"), lines[0]);
        final List<Row> response = read(SummaryTables.RESPONSE);
        final List<Row> crs = read(SummaryTables.CRS);
        final List<Row> relapse = read(SummaryTables.RELAPSE);
        final List<Row> kinetics = read(SummaryTables.KINETICS);
        int armHeader = 0;
        while (!lines[armHeader].startsWith("arm ")) {
            armHeader++;
        }
        for (String arm : ARMS) {
            final String[] t = tokens(line(lines, armHeader + 1, arm));
            assertEquals(16, t.length, String.join("|", t));
            final Row r = only(response, arm);
            assertEquals(r.getLong(1), Long.parseLong(t[1]));
            assertEquals(r.getLong(2), Long.parseLong(t[2]));
            for (int i = 0; i < 3; i++) {
                assertPrinted(t[3 + i], r, 4 + i, 100);
                assertPrinted(t[6 + i], r, 8 + i, 100);
                assertPrinted(t[9 + i], only(crs, arm), 10 + i, 100);
                assertPrinted(t[12 + i], only(relapse, arm), 7 + i, 1);
            }
            assertPrinted(t[15], only(kinetics, arm, "cmax"), 8, 1);
        }
        final String[] c = tokens(line(lines, armHeader + ARMS.size() + 1, "B"));
        assertEquals(14, c.length, String.join("|", c));
        final Row orr = only(read(SummaryTables.COMPARISON), "B", "A", "orr");
        final Row cr = only(read(SummaryTables.COMPARISON), "B", "A", "cr");
        final Row lr = only(read(SummaryTables.RELAPSE_COMPARISON), "B", "A");
        final Row paired = only(read(SummaryTables.PAIRED), "B", "A", "orr");
        for (int i = 0; i < 3; i++) {
            assertPrinted(c[1 + i], orr, 5 + i, 100);
            assertPrinted(c[4 + i], cr, 5 + i, 100);
            assertPrinted(c[7 + i], lr, 9 + i, 1);
        }
        assertPrinted(c[10], lr, 8, 1);
        assertEquals(paired.getLong(5), Long.parseLong(c[11]));
        assertEquals(paired.getLong(6), Long.parseLong(c[12]));
        assertPrinted(c[13], paired, 12, 1);
    }
}
