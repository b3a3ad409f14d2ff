package org.vtrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.vtrial.cli.VTrial;
import org.vtrial.spark.SummaryTables;

/**
 * What the report shows, against independent computations from the run's own tables: the
 * trajectory digest against plain loops over the trajectory rows, the key numbers against counts of
 * the patient rows, the summary tables as Spark reads them; formats by hand; bad input.
 */
class ReportDataTest {

    private static final List<String> ARMS = List.of("target-dose", "half-dose");

    /** Trajectory rows of replicate 0 by arm, patient and day: {Tpos, Tneg, E, M, X}. */
    private static Map<String, Map<Long, TreeMap<Double, double[]>>> trajectories(Path run) {
        final Map<String, Map<Long, TreeMap<Double, double[]>>> out = new LinkedHashMap<>();
        for (Row r : QuickstartRun.spark().read().parquet(run.resolve("trajectories").toString())
                .where("replicate = 0").select("arm", "patient_index", "day", "Tpos", "Tneg", "E", "M", "X")
                .collectAsList()) {
            out.computeIfAbsent(r.get(0).toString(), a -> new TreeMap<>())
                    .computeIfAbsent(r.getLong(1), i -> new TreeMap<>())
                    .put(r.getDouble(2), new double[] {r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6),
                        r.getDouble(7)});
        }
        return out;
    }

    private static Map<String, TrajectoryDigest.Arm> digest(Path run, double windowStart, double windowEnd, int maxDays)
            throws Exception {
        return TrajectoryDigest.compute(QuickstartRun.spark(), run.resolve("trajectories").toString(),
                run.resolve("patients").toString(), ARMS, windowStart, windowEnd, maxDays);
    }

    @Test
    void theRunCommandWritesOneSelfContainedReportAndEndsByPrintingWhereItIs() throws Exception {
        final Path run = QuickstartRun.get();
        final String[] lines = QuickstartRun.output().strip().split("\\R");
        final String last = lines[lines.length - 1];
        final Path report = run.resolve(TrialReport.FILE);
        assertTrue(last.startsWith("report: " + report + " (9 charts, "), last);
        final String html = Files.readString(report);
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:\">"));
        // outside the scripts' text (the library's own source mentions <img src=...> in a string)
        final String markup = html.replaceAll("(?s)(<script\\b[^>]*>).*?</script>", "$1</script>");
        assertFalse(Pattern.compile("<(script|img|link|iframe|object|embed|video|audio|source)\\b[^>]*\\b(src|href|data)\\s*=")
                .matcher(markup).find(), "no external resource");
        assertEquals(3, markup.split("<script", -1).length - 1, "data, library and report script, all inline");
        // the chart library inlined is the WebJar's own file, byte for byte
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertTrue(html.contains(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList(),
                    "no staging file left");
        }
        final JsonNode data = QuickstartRun.data(html);
        assertTrue(html.contains("Thresholds: manifest."), "the run's manifest records the thresholds");
        assertTrue(html.contains("adaptive Tsitouras 5(4), relative tolerance 1e-06"), "the manifest's solver and tolerance");
        assertEquals(90, data.path("settings").path("assessment_end").asDouble(), 0.0);
        assertEquals(ARMS, List.of(data.path("arms").get(0).asText(), data.path("arms").get(1).asText()));
    }

    @Test
    void bestTumorChangeIsTheLowestGridBurdenOfTheWindowRelativeToDayZero() throws Exception {
        final Path run = QuickstartRun.get();
        // A window of days 0-5, while the tumor is still shrinking: the full window ends with
        // every quickstart tumor extinct (-100%), which would test little.
        final Map<String, TrajectoryDigest.Arm> d = digest(run, 0, 5, TrajectoryDigest.MAX_DAYS);
        final Map<String, Map<Long, TreeMap<Double, double[]>>> t = trajectories(run);
        final Map<String, String> response = new LinkedHashMap<>();
        for (Row r : QuickstartRun.spark().read().parquet(run.resolve("patients").toString())
                .where("replicate = 0").select("arm", "patient_index", "best_response").collectAsList()) {
            response.put(r.get(0) + "/" + r.getLong(1), r.getString(2));
        }
        final Set<Double> partial = new TreeSet<>();
        for (String arm : ARMS) {
            final List<TrajectoryDigest.Bar> bars = d.get(arm).waterfall();
            assertEquals(QuickstartRun.TRAJECTORIES, bars.size(), "the quickstart's trajectory sample");
            assertEquals(QuickstartRun.TRAJECTORIES, d.get(arm).sampled());
            for (TrajectoryDigest.Bar b : bars) {
                final TreeMap<Double, double[]> p = t.get(arm).get(b.patient());
                final double baseline = p.get(0.0)[0] + p.get(0.0)[1];
                double best = Double.POSITIVE_INFINITY;
                for (Map.Entry<Double, double[]> e : p.subMap(0.0, true, 5.0, true).entrySet()) {
                    best = Math.min(best, e.getValue()[0] + e.getValue()[1]);
                }
                final double expected = 100 * (best / baseline - 1);
                assertEquals(expected, b.changePercent(), 1e-12 * Math.abs(expected), arm + " " + b.patient());
                if (expected < -1 && expected > -100) {
                    partial.add(expected);
                }
                assertEquals(response.get(arm + "/" + b.patient()), b.response());
            }
        }
        assertTrue(partial.size() >= 3, "tumors part-way shrunk by day 5: " + partial);
        // The report's own window (days 0-90) agrees with each bar's best_response (cr_ratio 0.05,
        // pr_ratio 0.5): a complete responder's tumor falls below 5% of day 0 on the daily grid too;
        // the grid never sees below the true minimum, so a partial responder stays above -95%.
        final JsonNode data = QuickstartRun.data(Files.readString(run.resolve(TrialReport.FILE)));
        for (String arm : ARMS) {
            for (JsonNode b : data.path("waterfall").path(arm).path("bars")) {
                final double change = b.get(1).asDouble();
                final String label = b.get(2).asText();
                assertTrue(change >= -100, b.toString());
                if ("CR".equals(label)) {
                    assertTrue(change <= -95, b.toString());
                } else if ("PR".equals(label)) {
                    assertTrue(change > -95 && change <= 0, b.toString());
                } else {
                    assertTrue(change > -95, b.toString());
                }
            }
        }
    }

    @Test
    void concentrationBandIsTheType7QuantileOfTheBloodFormulaPerDay() throws Exception {
        final Path run = QuickstartRun.get();
        final Map<String, TrajectoryDigest.Arm> d = digest(run, 0, 90, TrajectoryDigest.MAX_DAYS);
        final Map<String, Map<Long, TreeMap<Double, double[]>>> t = trajectories(run);
        // MODELS.md: blood cells/uL = (E + M + X) * f_blood / V_blood_uL, defaults 0.02 and 5e6 (the
        // quickstart overrides neither). The report takes each patient's factor as cmax_blood / cmax,
        // equal to 0.02 / 5e6 up to rounding: 1e-12 relative.
        final double factor = 0.02 / 5e6;
        for (String arm : ARMS) {
            final TrajectoryDigest.Kinetics k = d.get(arm).kinetics();
            final List<Long> patients = new ArrayList<>(t.get(arm).keySet());
            assertEquals(patients, Arrays.stream(k.lineIds()).boxed().toList(), "every sampled patient is drawn");
            assertEquals(365, k.days().length, "days 1..365");
            assertEquals(1.0, k.days()[0], 0.0);
            assertEquals(365.0, k.days()[364], 0.0);
            for (int i = 0; i < k.days().length; i++) {
                final double[] c = new double[patients.size()];
                for (int j = 0; j < c.length; j++) {
                    final double[] y = t.get(arm).get(patients.get(j)).get(k.days()[i]);
                    c[j] = (y[2] + y[3] + y[4]) * factor;
                    assertEquals(c[j], k.lines()[j][i], 1e-12 * c[j]);
                }
                Arrays.sort(c);
                assertEquals(c.length, k.n()[i]);
                assertEquals(type7(c, 0.05), k.p5()[i], 1e-12 * type7(c, 0.05), "p5 day " + k.days()[i]);
                assertEquals(type7(c, 0.5), k.p50()[i], 1e-12 * type7(c, 0.5), "median day " + k.days()[i]);
                assertEquals(type7(c, 0.95), k.p95()[i], 1e-12 * type7(c, 0.95), "p95 day " + k.days()[i]);
            }
        }
    }

    /** Hyndman and Fan type 7 (R's default): h = (n - 1) p, linear between the order statistics. */
    private static double type7(double[] sorted, double p) {
        final double h = (sorted.length - 1) * p;
        final int lo = (int) Math.floor(h);
        final int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void longGridsAreThinnedToTheEarlyDaysEveryStepAndTheLastDay() throws Exception {
        final Path run = QuickstartRun.get();
        // 365 grid days, at most 50: the first 50/5 = 10 days, then every ceil((365-10)/(50-10-1)) = 10th
        // day, and day 365.
        final double[] days = digest(run, 0, 90, 50).get("half-dose").kinetics().days();
        final List<Double> expected = new ArrayList<>();
        for (int day = 1; day <= 365; day++) {
            if (day <= 10 || day % 10 == 0 || day == 365) {
                expected.add((double) day);
            }
        }
        assertEquals(expected, Arrays.stream(days).boxed().toList());
        assertTrue(days.length <= 50);
    }

    @Test
    void theKeyNumbersAreThoseOfThePatientRows() throws Exception {
        final Path run = QuickstartRun.get();
        final String html = Files.readString(run.resolve(TrialReport.FILE));
        final JsonNode data = QuickstartRun.data(html);
        final List<Row> patients = QuickstartRun.spark().read().parquet(run.resolve("patients").toString())
                .select("arm", "status", "best_response", "relapse_day", "crs_grade").collectAsList();
        final double z = 1.959963984540054;
        for (String arm : ARMS) {
            long ok = 0;
            long crs = 0;
            final List<Double> complete = new ArrayList<>();
            for (Row r : patients) {
                if (r.get(0).toString().equals(arm) && "OK".equals(r.getString(1))) {
                    ok++;
                    crs += ((Number) r.get(4)).longValue() >= 1 ? 1 : 0;
                    if ("CR".equals(r.getString(2))) {
                        complete.add(r.getDouble(3));
                    }
                }
            }
            // Wilson score interval in closed form (Wilson 1927)
            final double p = crs / (double) ok;
            final double centre = (p + z * z / (2 * ok)) / (1 + z * z / ok);
            final double half = z / (1 + z * z / ok) * Math.sqrt(p * (1 - p) / ok + z * z / (4.0 * ok * ok));
            final String cell = String.format(Locale.ROOT, "%.1f%% <span class=\"ci\">(%.1f–%.1f)</span>", 100 * p,
                    100 * (centre - half), 100 * (centre + half));
            assertTrue(html.contains(cell), arm + ": CRS any grade " + cell);
            // complete responders at risk at each tabulated day: relapse or censoring on or after it
            for (JsonNode r : data.path("km").path(arm).path("atRisk")) {
                final double day = r.get(0).asDouble();
                assertEquals(complete.stream().filter(x -> x >= day).count(), r.get(1).asLong(), arm + " day " + day);
            }
            assertEquals(5, data.path("km").path(arm).path("atRisk").size(), "days 0, 90, 180, 270, 360");
        }
    }

    @Test
    void summaryTablesReadAsSparkReadsThem() throws Exception {
        final Path run = QuickstartRun.get();
        for (SummaryTables.Table t : List.of(SummaryTables.RESPONSE, SummaryTables.KM, SummaryTables.KINETICS_HISTOGRAM)) {
            final List<String> names = t.columns().stream().map(SummaryTables.Col::name).toList();
            final SmallTable mine = SmallTable.read(new Configuration(),
                    new org.apache.hadoop.fs.Path(run.resolve("summary").resolve(t.name()).toString()), names);
            assertEquals(names, mine.columns());
            final List<String> spark = new ArrayList<>();
            for (Row r : QuickstartRun.spark().read().parquet(run.resolve("summary").resolve(t.name()).toString())
                    .collectAsList()) {
                final List<Object> v = new ArrayList<>();
                for (int i = 0; i < r.length(); i++) {
                    v.add(r.get(i));
                }
                spark.add(v.toString());
            }
            assertEquals(spark, mine.rows().stream().map(r -> Arrays.asList(r).toString()).toList(), t.name());
        }
    }

    @Test
    void aManifestWithoutEndpointSettingsFallsBackToTheModelDefaultsAndSaysSo() throws Exception {
        final Path copy = QuickstartRun.BASE.resolve("old-manifest");
        QuickstartRun.delete(copy);
        QuickstartRun.copy(QuickstartRun.get(), copy);
        final ObjectMapper json = new ObjectMapper();
        final ObjectNode manifest = (ObjectNode) json.readTree(copy.resolve("manifest.json").toFile());
        assertEquals(0.05, manifest.path("endpoint_settings").path("cr_ratio").asDouble(), 0.0);
        manifest.remove("endpoint_settings");
        Files.writeString(copy.resolve("manifest.json"), json.writeValueAsString(manifest));
        Files.deleteIfExists(copy.resolve(".manifest.json.crc"));
        final TrialReport.Result r = TrialReport.write(QuickstartRun.spark(), copy.toString(), null);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("no endpoint_settings") && n.contains("default")),
                r.notes().toString());
        final String html = Files.readString(copy.resolve(TrialReport.FILE));
        assertTrue(html.contains("Thresholds: model defaults."));
        // the cart defaults (BestResponse, CarTPersistence): CR at 0.05, detection limit 0.1 cells/uL
        assertEquals(0.05, QuickstartRun.data(html).path("settings").path("cr_ratio").asDouble(), 0.0);
        assertEquals(0.1, QuickstartRun.data(html).path("settings").path("car_detection_limit").asDouble(), 0.0);
    }

    @Test
    void theSolverFactNamesTheManifestsMethod() throws Exception {
        final ObjectMapper json = new ObjectMapper();
        assertEquals("tsit5", json.readTree(QuickstartRun.get().resolve("manifest.json").toFile()).path("method").asText(),
                "simulate records the method it solved with");
        final Path copy = QuickstartRun.BASE.resolve("dp853-manifest");
        QuickstartRun.delete(copy);
        QuickstartRun.copy(QuickstartRun.get(), copy);
        final ObjectNode manifest = (ObjectNode) json.readTree(copy.resolve("manifest.json").toFile());
        manifest.put("method", "dp853");
        Files.writeString(copy.resolve("manifest.json"), json.writeValueAsString(manifest));
        Files.deleteIfExists(copy.resolve(".manifest.json.crc"));
        TrialReport.write(QuickstartRun.spark(), copy.toString(), null);
        final String html = Files.readString(copy.resolve(TrialReport.FILE));
        assertTrue(html.contains("adaptive Dormand–Prince 8(5,3), relative tolerance 1e-06"), "the solver fact");
    }

    @Test
    void theManifestCarriesTheCohortProvenanceAsTheCohortFileStatesItAndThePageShowsIt() throws Exception {
        // Reference: the cohort file itself, read as plain JSON.
        final ObjectMapper json = new ObjectMapper();
        final JsonNode file = json.readTree(Path.of("..", "cohorts", "lbcl-axicabtagene-like.json").toFile());
        final JsonNode c = json.readTree(QuickstartRun.get().resolve("manifest.json").toFile()).path("cohort_provenance");
        assertEquals(file.path("provenance").path("population").asText(), c.path("population").asText());
        assertEquals(file.path("provenance").path("references"), c.path("references"));
        assertEquals(file.path("provenance").path("notes").asText(), c.path("notes").asText());
        assertEquals(file.path("description").asText(), c.path("description").asText());
        assertTrue(c.path("file").asText().endsWith("lbcl-axicabtagene-like.json"), c.path("file").asText());
        final List<String> names = new ArrayList<>();
        file.path("parameters").fieldNames().forEachRemaining(names::add);
        assertEquals(names.size(), c.path("parameters").size());
        for (int i = 0; i < names.size(); i++) {
            final JsonNode p = c.path("parameters").get(i);
            assertEquals(names.get(i), p.path("name").asText());
            assertEquals(file.path("parameters").path(names.get(i)).path("source").asText(), p.path("source").asText());
            assertTrue(p.path("distribution").asText().startsWith(
                    file.path("parameters").path(names.get(i)).path("distribution").asText()), p.toString());
        }
        assertEquals(file.path("correlation").path("parameters"), c.path("correlated"));
        final String html = Files.readString(QuickstartRun.get().resolve(TrialReport.FILE));
        assertTrue(html.contains(Html.esc(file.path("provenance").path("population").asText())));
        assertTrue(html.contains("<th><code>" + names.get(0) + "</code></th>"));
    }

    @Test
    void badInputIsNamedWithExitCodeTwo() throws Exception {
        final Path run = QuickstartRun.get();
        final Path bare = QuickstartRun.BASE.resolve("bare");
        QuickstartRun.delete(bare);
        Files.createDirectories(bare);
        final String none = error(2, "report", bare.toString());
        assertTrue(none.contains(bare + " has no summary/summary.json: summarise the run first with 'vtrial aggregate "
                + bare + "'"), none);
        assertTrue(error(2, "report", QuickstartRun.BASE.resolve("nowhere").toString()).contains("does not exist"));
        assertTrue(error(2, "report", run.toString(), "--sensitivity", QuickstartRun.BASE.resolve("nowhere").toString())
                .contains("--sensitivity " + QuickstartRun.BASE.resolve("nowhere") + ": directory does not exist"));
        // a sensitivity table without its interval column
        final Path gsa = QuickstartRun.BASE.resolve("gsa-without-hi");
        QuickstartRun.delete(gsa);
        QuickstartRun.spark().sql("SELECT 'y' AS endpoint, 'a' AS parameter, 'S1' AS `index`, 0.5 AS value, 0.4 AS lo")
                .write().parquet(gsa.resolve("sensitivity").toString());
        final String e = error(2, "report", run.toString(), "--sensitivity", gsa.toString());
        assertTrue(e.contains("sensitivity: column hi missing"), e);
    }

    private static String error(int code, String... args) {
        final String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--master";
        all[args.length + 1] = QuickstartRun.MASTER;
        final StringWriter err = new StringWriter();
        assertEquals(code, VTrial.execute(all, new PrintWriter(new StringWriter()), new PrintWriter(err)), err::toString);
        return err.toString();
    }

    @Test
    void baselineAtDayZeroIsTheGridValueOrTheInterpolationAcrossIt() {
        assertEquals(7.0, TrajectoryDigest.baseline(0, 0, 7, 7), 0.0);
        assertEquals(7.0, TrajectoryDigest.baseline(0, 1, 7, 9), 0.0);
        assertEquals(9.0, TrajectoryDigest.baseline(-1, 0, 7, 9), 0.0);
        // a grid at half days: 0 lies a quarter of the way from -0.25 to 0.75
        assertEquals(10 + 0.25 * (30 - 10), TrajectoryDigest.baseline(-0.25, 0.75, 10, 30), 1e-15);
        assertTrue(Double.isNaN(TrajectoryDigest.baseline(Double.NaN, 0.5, Double.NaN, 3)), "grid starts after day 0");
    }

    @Test
    void numbersAreFormattedForReading() {
        assertEquals("1.4 × 10<sup>8</sup>", Html.quantity(1.4e8));
        assertEquals("7 × 10<sup>7</sup>", Html.quantity(7e7));
        assertEquals("1,140", Html.quantity(1137.6));
        assertEquals("0.0562", Html.quantity(0.05623));
        assertEquals("−3.2 × 10<sup>−5</sup>", Html.quantity(-3.2e-5));
        assertEquals("1 × 10<sup>4</sup>", Html.quantity(9999.7), "rounding reaches the next decade");
        assertEquals("82.0% <span class=\"ci\">(73.4–88.3)</span>", Html.percentCi(0.82, 0.7341, 0.8834));
        assertEquals("−1.9 pp <span class=\"ci\">(−5.0 to +1.2)</span>", Html.pointsCi(-0.019, -0.05, 0.012));
        assertEquals("NR <span class=\"ci\">(244–NR)</span>", Html.daysCi(Double.NaN, 244.3, Double.NaN));
        assertEquals("&lt;0.001", Html.pValue(4e-4));
        assertEquals("0.96", Html.pValue(0.9617));
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.esc("<a href=\"x\">&'"));
    }

    @Test
    void embeddedDataCannotEndItsScriptElement() throws Exception {
        final ObjectMapper json = new ObjectMapper();
        final ObjectNode n = json.createObjectNode().put("arm", "</script><script>alert(1)</script><!-- \u2028");
        final String s = ReportPage.jsonForScript(n);
        assertFalse(s.toLowerCase(Locale.ROOT).contains("</script"), s);
        assertFalse(s.contains("<!--"), s);
        assertFalse(s.contains("\u2028"), s);
        assertEquals(n, json.readTree(s), "the same JSON");
    }
}
