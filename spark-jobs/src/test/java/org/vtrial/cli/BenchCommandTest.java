package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vtrial bench}: the table's rows against what was asked (the job verifies the row count of
 * every run before it reports, so the patients column is the number of rows written), the
 * {@code --rows-only} mode (no solver time at all), the work folder left empty, and bad options.
 */
class BenchCommandTest {

    private static final String QUICKSTART = Path.of("..", "conf", "quickstart.json").toString();

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** patients, partitions, wall s, patients/s, us/patient, solver s of the table's line for {@code size}. */
    private static double[] line(String table, String size) {
        final Matcher m = Pattern.compile("^\\s+" + Pattern.quote(size) + "\\s+(\\d+)\\s+([\\d.]+)\\s+(\\d+)\\s+([\\d.]+)"
                + "\\s+([\\d.]+)", Pattern.MULTILINE).matcher(table);
        assertTrue(m.find(), table);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))};
    }

    @Test
    void solvesAndReplaysTheQuickstartAndCleansUp(@TempDir Path dir) throws Exception {
        final Path profile = dir.resolveSibling(dir.getFileName() + "-bench.jfr");
        final Path json = dir.resolveSibling(dir.getFileName() + "-bench.json");
        final CliRun solved = run("bench", "--sizes", "400,801", "--warmup", "0", "--partitions", "2", "--work-dir",
                dir.toString(), "--profile", profile.toString(), "--json", json.toString(), QUICKSTART);
        assertEquals(0, solved.code(), solved.err());
        // 801 patients over 2 arms: 401 per arm, 802 in all
        final double[] small = line(solved.out(), "400");
        final double[] large = line(solved.out(), "802");
        assertEquals(2, small[0]);
        assertEquals(2, large[0]);
        assertTrue(small[4] > 0 && large[4] > 0, "solver time of a solved run: " + solved.out());
        // patients/s is patients / wall (to the table's rounding)
        assertEquals(802 / large[1], large[2], 0.06 * large[2] + 1, solved.out());
        assertTrue(solved.out().contains("per-patient cost, 802 vs 400 patients"), solved.out());
        // --profile: the recording is kept and summarized; solving shows up as integrator time
        assertTrue(java.nio.file.Files.size(profile) > 0);
        final Matcher integrator = Pattern.compile("([\\d.]+)%\\s+integrator").matcher(solved.out());
        assertTrue(integrator.find(), solved.out());
        assertTrue(Double.parseDouble(integrator.group(1)) > 0, solved.out());
        assertTrue(solved.out().contains("org.vtrial.engine.ode.EmbeddedRungeKutta.advanceTo"), solved.out());
        java.nio.file.Files.delete(profile);
        // --json: the same runs, the table's figures under names
        final com.fasterxml.jackson.databind.JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile());
        assertEquals(2, written.get("runs").size());
        assertEquals(802, written.get("runs").get(1).get("patients").asLong());
        assertEquals(2, written.get("runs").get(1).get("partitions").asInt());
        assertEquals(large[1], written.get("runs").get(1).get("wall_seconds").asDouble(), 0.051, solved.out());
        assertEquals(802 / written.get("runs").get(1).get("wall_seconds").asDouble(),
                written.get("runs").get(1).get("patients_per_second").asDouble(), 1e-9);
        assertTrue(written.get("machine").get("processors").asInt() > 0);
        // the JIT compiles during the first runs of a JVM (a fresh test JVM has much to compile), and the JVM's
        // accounting only grows: both runs report a time, the first one a positive one
        final double jit = written.get("runs").get(0).get("jit_compile_seconds").asDouble();
        assertTrue(jit > 0, "JIT time of a first run: " + written);
        assertTrue(written.get("runs").get(1).get("jit_compile_seconds").asDouble() >= 0, written.toString());
        assertTrue(written.get("runs").get(1).get("gc_seconds").asDouble() >= 0, written.toString());
        assertEquals(1e-6, written.get("rtol").asDouble(), 0.0, "the quickstart's default tolerance");
        assertEquals("tsit5", written.get("method").asText(), "the quickstart's default method");
        assertEquals(0, written.get("warmup").get("runs").asInt(), "--warmup 0: no warm-up run");
        assertTrue(solved.out().contains("quickstart, tsit5, rtol 1e-06"), solved.out());
        java.nio.file.Files.delete(json);

        final CliRun replayed = run("bench", "--sizes", "600", "--warmup", "50", "--warmup-runs", "2", "--rows-only",
                "--work-dir", dir.toString(), "--json", json.toString(), QUICKSTART);
        assertEquals(0, replayed.code(), replayed.err());
        assertTrue(replayed.err().contains("2 warm-up runs of 50 patients (not reported)"), replayed.err());
        final com.fasterxml.jackson.databind.JsonNode warm = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile()).get("warmup");
        assertEquals(2, warm.get("runs").asInt());
        assertEquals(50, warm.get("patients_per_run").asInt());
        java.nio.file.Files.delete(json);
        assertEquals(1, replayed.out().lines().filter(l -> l.trim().matches("[\\d,]+\\s+\\d+\\s+.*")).count(),
                "only the measured run is reported: " + replayed.out());
        assertTrue(replayed.out().contains("--rows-only"), replayed.out());
        assertEquals(0.0, line(replayed.out(), "600")[4], "no solver time without solving: " + replayed.out());
        try (var left = java.nio.file.Files.list(dir)) {
            assertEquals(0, left.count(), "bench removes its run folders");
        }
    }

    @Test
    void wallTimeSplitsIntoAFixedCostPerRunAndAMarginalCostPerPatient() {
        // The table of docs/PERFORMANCE.md (2026-11-27 03:41): 10^4 in 2.0 s, 10^5 in 11.3 s, 10^6 in 104.3 s.
        // By hand: mean n = 370,000, mean wall = 39.2; Sxx = 360,000^2 + 270,000^2 + 630,000^2 = 5.994e11;
        // Sxy = 360,000 x 37.2 + 270,000 x 27.9 + 630,000 x 65.1 = 6.1938e7; b = Sxy / Sxx = 1.033333e-4 s
        // (103.33 us) per patient; a = 39.2 - b x 370,000 = 0.96667 s.
        final List<BenchCommand.Row> rows = List.of(row(10_000, 2.0, false), row(100_000, 11.3, false),
                row(1_000_000, 104.3, false), row(3_000_000, 50.0, true));
        final double[] fit = BenchCommand.fixedAndMarginal(rows);
        assertEquals(0.966667, fit[0], 1e-6, "fixed seconds (the partial run is left out)");
        assertEquals(1.0333333e-4, fit[1], 1e-10, "seconds per patient");
        final String table = BenchCommand.table("t", "local[2]", rows);
        assertTrue(table.contains("wall = 0.97 s + 103.3 us x patients"), table);
        assertTrue(table.contains("206.7 us of machine time per patient (x 2 cores)"), table);
        // JIT and GC seconds in their columns, after CPU us/pt: the 10^6 run's 10.43 s and 1.043 s
        assertTrue(Pattern.compile("^\\s+1,000,000 .* 208\\.6\\s+10\\.4\\s+1\\.0\\s+256\\s+128$", Pattern.MULTILINE)
                .matcher(table).find(), table);
        assertEquals(0.966667, BenchCommand.toJson("t", 1e-6, "dp54", "local[2]", 2, rows).get("wall_fit")
                .get("fixed_seconds").asDouble(), 1e-6);
        assertNull(BenchCommand.fixedAndMarginal(List.of(row(10_000, 2.0, false), row(10_000, 2.2, false))),
                "one size: no line");
    }

    @Test
    void severalMethodsAreComparedSizeBySizeByTheirMedians() {
        // dp54 then tsit5 at each size, in turn. 10^4: dp54 2.0 and 2.4 s (median 2.2), tsit5 1.8 and 2.0 s
        // (median 1.9): 1.9 / 2.2 = 0.8636, printed 0.86; 10^5: dp54 20.0 s, tsit5 19.0 s: 0.95. Each method's
        // own size comparison: dp54 (20.0 / 10^5) / (2.2 / 10^4) = 0.909 -> 0.91; tsit5 (19.0 / 10^5) / (1.9 / 10^4)
        // = 1.00. The solver time equals the wall time in these rows: the same ratios.
        final List<BenchCommand.Row> rows = List.of(row("dp54", 10_000, 2.0, false), row("tsit5", 10_000, 1.8, false),
                row("dp54", 10_000, 2.4, false), row("tsit5", 10_000, 2.0, false), row("dp54", 100_000, 20.0, false),
                row("tsit5", 100_000, 19.0, false));
        final String table = BenchCommand.table("t", "local[2]", rows);
        assertTrue(table.contains("10,000 patients, tsit5 vs dp54: 0.86 (wall per patient), 0.86 (solver per patient); "
                + "medians of 2 and 2 runs"), table);
        assertTrue(table.contains("100,000 patients, tsit5 vs dp54: 0.95 (wall per patient), 0.95 (solver per "
                + "patient); medians of 1 and 1 runs"), table);
        assertTrue(table.contains("dp54: per-patient cost, 100,000 vs 10,000 patients: 0.91"), table);
        assertTrue(table.contains("tsit5: per-patient cost, 100,000 vs 10,000 patients: 1.00"), table);
        assertTrue(Pattern.compile("^method\\s+patients", Pattern.MULTILINE).matcher(table).find(), table);
        assertTrue(Pattern.compile("^tsit5\\s+100,000\\s+2\\s+19\\.0", Pattern.MULTILINE).matcher(table).find(), table);
        // one method: no method column, no method comparison (the layout of a single-method table is unchanged)
        final String single = BenchCommand.table("t", "local[2]", rows.stream()
                .filter(r -> r.method().equals("dp54")).toList());
        assertFalse(single.contains("method") || single.contains(" vs dp54"), single);
        final com.fasterxml.jackson.databind.JsonNode json = BenchCommand.toJson("t", 1e-6, "dp54", "local[2]", 2, rows);
        assertEquals("tsit5", json.get("runs").get(1).get("method").asText());
        assertEquals(2, json.get("methods").size());
        // the first method's line in wall_fit, the others' by method
        assertTrue(json.get("wall_fit").has("fixed_seconds"));
        assertTrue(json.get("wall_fit_by_method").has("tsit5"), json.toString());
    }

    @Test
    void repeatedSizesCompareByTheirMedians() {
        // 10^4 three times (1.0, 1.6, 4.0 s: one run in a slow moment of the host) and 10^5 twice (9.0, 11.0 s).
        // Medians by hand: 10^4 1.6 s = 320 us of machine time per patient (x 2 cores), 10^5 (9 + 11) / 2 = 10 s
        // = 200 us; ratio 200 / 320 = 0.625, printed 0.63 (half up). The solver time equals the wall time in these
        // rows: the same ratio. The partial run is left out.
        final List<BenchCommand.Row> rows = List.of(row(10_000, 1.0, false), row(100_000, 9.0, false),
                row(10_000, 4.0, false), row(100_000, 11.0, false), row(10_000, 1.6, false), row(1_000_000, 9.0, true));
        final String table = BenchCommand.table("t", "local[2]", rows);
        assertTrue(table.contains("per-patient cost, 100,000 vs 10,000 patients: 0.63 (wall per patient), 0.63 (solver "
                + "per patient); medians of 2 and 3 runs"), table);
        assertFalse(BenchCommand.table("t", "local[2]", rows.subList(0, 1)).contains("per-patient cost"),
                "one size: nothing to compare");
        assertEquals(1.6, BenchCommand.median(rows.subList(0, 5).stream().filter(r -> r.patients() == 10_000).toList(),
                BenchCommand.Row::wallSeconds), 0.0);
    }

    private static BenchCommand.Row row(long patients, double wall, boolean partial) {
        return row("tsit5", patients, wall, partial);
    }

    private static BenchCommand.Row row(String method, long patients, double wall, boolean partial) {
        return new BenchCommand.Row(method, patients, partial, 2, wall, wall, 2 * wall, 0.1 * wall, 0.01 * wall, 2,
                1L << 28, 1L << 27);
    }

    @Test
    void badOptionsNameTheOption() {
        final CliRun sizes = run("bench", "--sizes", "0", QUICKSTART);
        assertEquals(2, sizes.code());
        assertTrue(sizes.err().contains("--sizes"), sizes.err());
        final CliRun profile = run("bench", "--profile", Path.of("no-such-folder", "x.jfr").toString(), QUICKSTART);
        assertEquals(2, profile.code());
        assertTrue(profile.err().contains("--profile"), profile.err());
        final CliRun json = run("bench", "--json", Path.of("no-such-folder", "x.json").toString(), QUICKSTART);
        assertEquals(2, json.code());
        assertTrue(json.err().contains("--json"), json.err());
        final CliRun rtol = run("bench", "--rtol", "2", QUICKSTART);
        assertEquals(2, rtol.code());
        assertTrue(rtol.err().contains("--rtol: relative tolerance must be in [1e-12, 1), got 2.0"), rtol.err());
        final CliRun stop = run("bench", "--stop-after", "-1", QUICKSTART);
        assertEquals(2, stop.code());
        assertTrue(stop.err().contains("--stop-after"), stop.err());
        final CliRun warmupRuns = run("bench", "--warmup-runs", "-1", QUICKSTART);
        assertEquals(2, warmupRuns.code());
        assertTrue(warmupRuns.err().contains("--warmup-runs: must be 0 or positive, got -1"), warmupRuns.err());
        final CliRun unknown = run("bench", "--method", "dp54,rk4", QUICKSTART);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--method: unknown integration method 'rk4' (choose dp54, tsit5 or dp853)"),
                unknown.err());
        final CliRun twice = run("bench", "--method", "dp54,DP54", QUICKSTART);
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("--method: DP54 is given twice"), twice.err());
    }

    @Test
    void runsSeveralMethodsInTurnAtEverySize(@TempDir Path dir) throws Exception {
        final Path json = dir.resolveSibling(dir.getFileName() + "-methods.json");
        final CliRun r = run("bench", "--method", "dp54,tsit5", "--sizes", "200,300", "--warmup", "0", "--partitions",
                "2", "--work-dir", dir.toString(), "--json", json.toString(), QUICKSTART);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("quickstart, dp54 vs tsit5, rtol 1e-06"), r.out());
        // dp54 then tsit5 at 200, then at 300: four rows, the method first
        final List<String> order = r.out().lines().filter(l -> l.matches("(dp54|tsit5)\\s+[\\d,]+\\s+\\d+\\s+.*"))
                .map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1]).toList();
        assertEquals(List.of("dp54 200", "tsit5 200", "dp54 300", "tsit5 300"), order, r.out());
        assertTrue(r.out().contains("200 patients, tsit5 vs dp54: "), r.out());
        assertTrue(r.out().contains("300 patients, tsit5 vs dp54: "), r.out());
        final com.fasterxml.jackson.databind.JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile());
        assertEquals("dp54", written.get("method").asText());
        assertEquals("tsit5", written.get("runs").get(3).get("method").asText());
        java.nio.file.Files.delete(json);
    }
}
