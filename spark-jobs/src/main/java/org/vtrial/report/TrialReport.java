package org.vtrial.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.spark.SummaryTables;

/**
 * The trial report: one self-contained HTML file, {@code RUN/report.html}, drawn from a run's
 * manifest, its summary tables ({@code RUN/summary/}, written by the aggregate job), its trajectory
 * sample and, optionally, a sensitivity-analysis run ({@code GSA/sensitivity/}). The chart library
 * (Apache ECharts) is read from its WebJar on the classpath and inlined with the data, so the page
 * opens offline; its Content-Security-Policy forbids every network request.
 *
 * <p>Nothing is re-estimated here: rates, intervals, curves and quantiles are those of the summary
 * tables (curves thinned to at most {@link #MAX_CURVE_POINTS} points per arm for drawing). Only the
 * trajectory digest (blood concentration band, best tumor change) is computed, from the trajectory
 * sample ({@link TrajectoryDigest}).
 */
public final class TrialReport {

    /** File name of the report inside the run directory. */
    public static final String FILE = "report.html";
    /** Most points per arm of a drawn Kaplan-Meier or incidence curve. */
    static final int MAX_CURVE_POINTS = 1000;
    /** Significant digits of the plotted values embedded in the page (tables keep theirs). */
    private static final MathContext PLOT_DIGITS = new MathContext(5);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What a written report holds.
     *
     * @param path   the report file
     * @param bytes  its size
     * @param charts charts on the page
     * @param notes  what the reader should know (missing tables, excluded patients, thinning)
     */
    public record Result(String path, long bytes, int charts, List<String> notes, double wallSeconds) {
    }

    private TrialReport() {
    }

    /**
     * Writes {@code RUN/report.html} (replacing an existing one only once the new one is complete).
     *
     * @param runDir      run directory with {@code summary/} (run the aggregate job first)
     * @param sensitivity sensitivity-analysis run directory (with {@code sensitivity/}), or null
     * @throws BadInputException when the run, its summary or a needed column is missing or malformed
     */
    public static Result write(SparkSession spark, String runDir, String sensitivity) throws IOException, BadInputException {
        final long t0 = System.nanoTime();
        final Configuration conf = spark.sparkContext().hadoopConfiguration();
        final Path run = new Path(runDir);
        final FileSystem fs = run.getFileSystem(conf);
        if (!fs.exists(run)) {
            throw new BadInputException("run directory " + runDir + " does not exist");
        }
        final Path summary = new Path(run, "summary");
        if (!fs.exists(new Path(summary, "summary.json"))) {
            throw new BadInputException(runDir + " has no summary/summary.json: summarise the run first with "
                    + "'vtrial aggregate " + runDir + "'");
        }
        final List<String> notes = new ArrayList<>();
        final JsonNode manifest = readJson(conf, new Path(run, "manifest.json"), false);
        if (manifest == null) {
            notes.add("the run has no manifest.json: trial design and provenance are unknown");
        }
        final JsonNode summaryJson = readJson(conf, new Path(summary, "summary.json"), true);
        final List<String> arms = new ArrayList<>();
        summaryJson.path("arms").forEach(a -> arms.add(a.asText()));
        if (arms.isEmpty()) {
            throw new BadInputException(summary + "/summary.json: field arms is missing or empty");
        }
        final Map<String, SmallTable> tables = new LinkedHashMap<>();
        for (SummaryTables.Table t : List.of(SummaryTables.RESPONSE, SummaryTables.CRS, SummaryTables.RELAPSE,
                SummaryTables.KM, SummaryTables.KM_AT_DAYS, SummaryTables.COMPETING_RISK,
                SummaryTables.COMPETING_RISK_CURVE, SummaryTables.KINETICS, SummaryTables.KINETICS_HISTOGRAM,
                SummaryTables.COMPARISON, SummaryTables.RELAPSE_COMPARISON, SummaryTables.PAIRED,
                SummaryTables.STATUS_COUNTS)) {
            final List<String> names = new ArrayList<>();
            t.columns().forEach(c -> names.add(c.name()));
            tables.put(t.name(), SmallTable.read(conf, new Path(summary, t.name()), names));
        }
        final double horizon = summaryJson.path("horizon_days").asDouble(Double.NaN);
        final Settings settings = settings(manifest, notes);

        // Trajectory digest (concentration band and curves, waterfall).
        Map<String, TrajectoryDigest.Arm> digest = null;
        final Path trajectories = new Path(run, "trajectories");
        if (fs.exists(trajectories)) {
            digest = TrajectoryDigest.compute(spark, trajectories.toString(), new Path(run, "patients").toString(), arms,
                    Math.max(0, settings.get("assessment_start", 0)),
                    Math.min(settings.get("assessment_end", 90), Double.isNaN(horizon) ? Double.MAX_VALUE : horizon),
                    TrajectoryDigest.MAX_DAYS);
            for (TrajectoryDigest.Arm a : digest.values()) {
                a.excluded().forEach((why, n) -> notes.add("trajectory sample of arm " + a.arm() + ": " + n
                        + " patient" + (n == 1 ? "" : "s") + " left out (" + why + ")"));
            }
        } else {
            notes.add("the run has no trajectories/ table (trial trajectory_sample 0): no concentration-time "
                    + "curves and no waterfall");
        }

        // Sensitivity analysis.
        SmallTable gsa = null;
        JsonNode gsaManifest = null;
        if (sensitivity != null) {
            final Path g = new Path(sensitivity);
            if (!g.getFileSystem(conf).exists(g)) {
                throw new BadInputException("--sensitivity " + sensitivity + ": directory does not exist");
            }
            final Path table = new Path(g, "sensitivity");
            if (!g.getFileSystem(conf).exists(table)) {
                throw new BadInputException("--sensitivity " + sensitivity + ": no sensitivity/ table (a run of "
                        + "'vtrial gsa' writes it)");
            }
            gsa = SmallTable.read(conf, table, List.of("endpoint", "parameter", "index", "value", "lo", "hi"));
            gsaManifest = readJson(conf, new Path(g, "manifest.json"), false);
        }
        final ObjectNode data = data(arms, summaryJson, manifest, tables, settings, digest, gsa, gsaManifest, horizon);
        final ReportPage page = new ReportPage(runDir, arms, summaryJson, manifest, tables, settings, digest, gsa,
                gsaManifest, sensitivity, notes);
        final String html = page.render(data, EchartsAsset.load());
        final Path target = new Path(run, FILE);
        final Path staging = new Path(run, "." + FILE + ".tmp-" + UUID.randomUUID());
        final byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = fs.create(staging, false)) {
            os.write(bytes);
        }
        // Replace only once written: a reader never sees half a report.
        if (fs.exists(target) && !fs.delete(target, false)) {
            fs.delete(staging, false);
            throw new IOException("cannot replace " + target);
        }
        if (!fs.rename(staging, target)) {
            fs.delete(staging, false);
            throw new IOException("cannot move " + staging + " to " + target);
        }
        return new Result(target.toString(), bytes.length, page.charts(), List.copyOf(notes),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Endpoint thresholds by name, where they came from, and the model's declaration of each (unit,
     * meaning; empty when the model is unknown).
     */
    record Settings(Map<String, Double> values, String source, Map<String, ParameterSpec> specs) {
        double get(String name, double fallback) {
            final Double v = values.get(name);
            return v == null ? fallback : v;
        }
    }

    /**
     * The endpoint settings of the run: the manifest's {@code endpoint_settings}, else the model's
     * declared defaults (runs simulated before the manifest recorded them).
     */
    static Settings settings(JsonNode manifest, List<String> notes) throws BadInputException {
        final Map<String, Double> values = new LinkedHashMap<>();
        final String modelName = manifest == null ? "cart" : manifest.path("model").asText("cart");
        final Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        Model model = null;
        try {
            model = ModelRegistry.get(modelName);
            for (ParameterSpec p : PatientSimulator.create(model, IntegratorSettings.defaults()).endpointSettings()) {
                specs.put(p.name(), p);
            }
        } catch (IllegalArgumentException e) {
            // an unknown model: its declarations are not needed when the manifest records the values
        }
        final JsonNode s = manifest == null ? null : manifest.get("endpoint_settings");
        if (s != null && s.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new BadInputException("manifest.json: endpoint_settings." + e.getKey() + " must be a number, got "
                            + e.getValue());
                }
                values.put(e.getKey(), e.getValue().asDouble());
            }
            return new Settings(values, "manifest", specs);
        }
        if (model == null) {
            throw new BadInputException("manifest.json: model " + modelName + " is not a built-in model");
        }
        specs.values().forEach(p -> values.put(p.name(), p.defaultValue()));
        notes.add("manifest.json records no endpoint_settings: the " + modelName
                + " model's default thresholds are shown (response ratios, assessment window, detection limit)");
        return new Settings(values, "model defaults", specs);
    }

    private static JsonNode readJson(Configuration conf, Path path, boolean required) throws IOException, BadInputException {
        final FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            if (required) {
                throw new BadInputException(path + ": missing");
            }
            return null;
        }
        try (InputStream in = fs.open(path)) {
            final JsonNode n = StrictJson.mapper().readTree(in);
            if (n == null || !n.isObject()) {
                throw new BadInputException(path + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadInputException(path + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // The page's data (plotted values only; the tables on the page are rendered by ReportPage)

    private static ObjectNode data(List<String> arms, JsonNode summaryJson, JsonNode manifest,
                                   Map<String, SmallTable> t, Settings settings,
                                   Map<String, TrajectoryDigest.Arm> digest, SmallTable gsa, JsonNode gsaManifest,
                                   double horizon) throws BadInputException {
        final ObjectNode d = JSON.objectNode();
        d.put("trial", manifest == null ? "" : manifest.path("trial").asText(""));
        final ArrayNode armList = d.putArray("arms");
        arms.forEach(armList::add);
        d.put("reference", summaryJson.path("reference_arm").asText(""));
        d.put("horizon", horizon);
        d.put("axisStep", axisStep(horizon));
        final ObjectNode s = d.putObject("settings");
        settings.values().forEach(s::put);

        final ObjectNode response = d.putObject("response");
        final SmallTable r = t.get("response");
        for (String arm : arms) {
            for (Object[] row : r.where("arm", arm)) {
                final ObjectNode o = response.putObject(arm);
                o.put("n", (long) r.number(row, "n"));
                o.put("failed", (long) r.number(row, "failed"));
                o.put("responders", (long) r.number(row, "responders"));
                o.put("complete", (long) r.number(row, "complete_responses"));
                o.set("orr", triple(r, row, "orr"));
                o.set("cr", triple(r, row, "cr"));
            }
        }

        final ObjectNode crs = d.putObject("crs");
        final SmallTable c = t.get("crs");
        for (String arm : arms) {
            for (Object[] row : c.where("arm", arm)) {
                final ObjectNode o = crs.putObject(arm);
                o.put("n", (long) c.number(row, "n"));
                final ArrayNode g = o.putArray("grades");
                for (int k = 0; k <= 4; k++) {
                    g.add((long) c.number(row, "grade" + k));
                }
            }
        }

        // Kaplan-Meier curves with their band, censoring marks and numbers at risk.
        final ObjectNode km = d.putObject("km");
        final SmallTable k = t.get("km");
        final double step = axisStep(horizon);
        for (String arm : arms) {
            final List<Object[]> rows = k.where("arm", arm);
            rows.sort((a, b) -> Double.compare(((Number) a[k.index("day")]).doubleValue(),
                    ((Number) b[k.index("day")]).doubleValue()));
            if (rows.isEmpty()) {
                continue;
            }
            final ObjectNode o = km.putObject(arm);
            final ArrayNode day = o.putArray("day");
            final ArrayNode surv = o.putArray("s");
            final ArrayNode lo = o.putArray("lo");
            final ArrayNode hi = o.putArray("hi");
            final ArrayNode censor = o.putArray("censor");
            final double last = k.number(rows.get(rows.size() - 1), "day");
            int prevSlice = -1;
            boolean censorInSlice = false;
            for (int i = 0; i < rows.size(); i++) {
                final Object[] row = rows.get(i);
                final double dd = k.number(row, "day");
                final int slice = slice(dd, last);
                // keep the first row, and the last row of each slice of the follow-up
                final boolean lastOfSlice = i == rows.size() - 1 || slice(k.number(rows.get(i + 1), "day"), last) != slice;
                if (slice != prevSlice) {
                    censorInSlice = false;
                }
                if (k.number(row, "censored") > 0 && !censorInSlice) {
                    censor.add(pair(dd, k.number(row, "survival")));
                    censorInSlice = true;
                }
                if (i == 0 || lastOfSlice) {
                    day.add(plot(dd));
                    surv.add(plot(k.number(row, "survival")));
                    lo.add(plot(k.number(row, "lo")));
                    hi.add(plot(k.number(row, "hi")));
                }
                prevSlice = slice;
            }
            final ArrayNode risk = o.putArray("atRisk");
            for (double at = 0; at <= (Double.isNaN(horizon) ? last : horizon) + 1e-9; at += step) {
                long n = 0;
                for (Object[] row : rows) {
                    if (k.number(row, "day") >= at) {
                        n = (long) k.number(row, "at_risk");
                        break;
                    }
                }
                risk.add(JSON.arrayNode().add(at).add(n));
            }
        }
        final ObjectNode kmAt = d.putObject("kmAt");
        final SmallTable ka = t.get("km_at_days");
        for (String arm : arms) {
            final ArrayNode a = kmAt.putArray(arm);
            for (Object[] row : ka.where("arm", arm)) {
                if (!Double.isNaN(ka.number(row, "survival"))) {
                    a.add(pair(ka.number(row, "day"), ka.number(row, "survival")));
                }
            }
        }

        // Cumulative incidence by antigen.
        final ObjectNode inc = d.putObject("incidence");
        final SmallTable ci = t.get("competing_risk_curve");
        for (String arm : arms) {
            final ObjectNode o = inc.putObject(arm);
            for (String antigen : List.of("negative", "positive")) {
                final List<Object[]> rows = new ArrayList<>();
                for (Object[] row : ci.where("arm", arm)) {
                    if (antigen.equals(ci.text(row, "antigen"))) {
                        rows.add(row);
                    }
                }
                rows.sort((a, b) -> Double.compare(((Number) a[ci.index("day")]).doubleValue(),
                        ((Number) b[ci.index("day")]).doubleValue()));
                final ObjectNode curve = o.putObject(antigen);
                final ArrayNode day = curve.putArray("day");
                final ArrayNode p = curve.putArray("p");
                final double last = rows.isEmpty() ? 0 : ci.number(rows.get(rows.size() - 1), "day");
                for (int i = 0; i < rows.size(); i++) {
                    final double dd = ci.number(rows.get(i), "day");
                    if (i == 0 || i == rows.size() - 1 || slice(ci.number(rows.get(i + 1), "day"), last) != slice(dd, last)) {
                        day.add(plot(dd));
                        p.add(plot(ci.number(rows.get(i), "incidence")));
                    }
                }
            }
        }
        final ObjectNode incAt = d.putObject("incidenceAt");
        final SmallTable cr = t.get("competing_risk");
        for (String arm : arms) {
            final ObjectNode o = incAt.putObject(arm);
            for (String antigen : List.of("negative", "positive")) {
                final ArrayNode a = o.putArray(antigen);
                for (Object[] row : cr.where("arm", arm)) {
                    if (antigen.equals(cr.text(row, "antigen")) && !Double.isNaN(cr.number(row, "incidence"))) {
                        a.add(pair(cr.number(row, "day"), cr.number(row, "incidence")));
                    }
                }
            }
        }

        // Peak blood concentration histograms (10 bins per decade) with the medians.
        final ObjectNode peak = d.putObject("peak");
        final SmallTable kin = t.get("kinetics");
        final SmallTable hist = t.get("kinetics_histogram");
        String unit = "cells/uL";
        for (String arm : arms) {
            final ObjectNode o = peak.putObject(arm);
            for (Object[] row : kin.where("arm", arm)) {
                if ("cmax_blood".equals(kin.text(row, "endpoint"))) {
                    o.put("n", (long) kin.number(row, "n"));
                    o.set("median", plot(kin.number(row, "p50")));
                    unit = kin.text(row, "unit") == null ? unit : kin.text(row, "unit");
                }
            }
            final ArrayNode bins = o.putArray("bins");
            long nonPositive = 0;
            for (Object[] row : hist.where("arm", arm)) {
                if (!"cmax_blood".equals(hist.text(row, "endpoint"))) {
                    continue;
                }
                if (Double.isNaN(hist.number(row, "lo"))) {
                    nonPositive += (long) hist.number(row, "patients");
                } else {
                    bins.add(JSON.arrayNode().add((long) hist.number(row, "bin")).add(plot(hist.number(row, "lo")))
                            .add(plot(hist.number(row, "hi"))).add((long) hist.number(row, "patients")));
                }
            }
            o.put("nonPositive", nonPositive);
        }
        d.put("peakUnit", unit);

        if (digest != null) {
            final ObjectNode kinetics = d.putObject("kinetics");
            final ObjectNode waterfall = d.putObject("waterfall");
            for (TrajectoryDigest.Arm a : digest.values()) {
                final ObjectNode o = kinetics.putObject(a.arm());
                final TrajectoryDigest.Kinetics q = a.kinetics();
                o.put("sampled", a.sampled());
                o.put("used", a.used());
                o.set("days", plots(q.days()));
                o.set("p5", plots(q.p5()));
                o.set("p50", plots(q.p50()));
                o.set("p95", plots(q.p95()));
                final ArrayNode ids = o.putArray("ids");
                final ArrayNode lines = o.putArray("lines");
                for (int i = 0; i < q.lineIds().length; i++) {
                    ids.add(q.lineIds()[i]);
                    lines.add(plots(q.lines()[i]));
                }
                final ObjectNode w = waterfall.putObject(a.arm());
                w.put("total", a.withChange());
                w.put("sampled", a.sampled());
                final ArrayNode bars = w.putArray("bars");
                for (TrajectoryDigest.Bar b : a.waterfall()) {
                    bars.add(JSON.arrayNode().add(b.patient()).add(plot(b.changePercent())).add(b.response()));
                }
            }
        }

        if (gsa != null) {
            final ObjectNode g = d.putObject("sensitivity");
            g.put("method", gsaManifest == null ? "" : gsaManifest.path("method").asText(""));
            final Map<String, Map<String, ObjectNode>> byEndpoint = new LinkedHashMap<>();
            for (Object[] row : gsa.rows()) {
                final String endpoint = gsa.text(row, "endpoint");
                final String parameter = gsa.text(row, "parameter");
                final ObjectNode p = byEndpoint.computeIfAbsent(endpoint, e -> new LinkedHashMap<>())
                        .computeIfAbsent(parameter, x -> JSON.objectNode().put("parameter", x));
                p.set(gsa.text(row, "index"), JSON.arrayNode().add(plot(gsa.number(row, "value")))
                        .add(plot(gsa.number(row, "lo"))).add(plot(gsa.number(row, "hi"))));
            }
            final ArrayNode endpoints = g.putArray("endpoints");
            byEndpoint.forEach((endpoint, params) -> {
                final ObjectNode e = endpoints.addObject().put("endpoint", endpoint);
                final ArrayNode ps = e.putArray("parameters");
                params.values().forEach(ps::add);
            });
        }
        return d;
    }

    /** Slice of {@code [0, last]} holding {@code day}, one of {@link #MAX_CURVE_POINTS}. */
    private static int slice(double day, double last) {
        return last <= 0 ? 0 : (int) Math.min(MAX_CURVE_POINTS - 1, Math.floor(day / last * (MAX_CURVE_POINTS - 1)));
    }

    /**
     * Tick spacing of the follow-up axes and of the numbers-at-risk table: the smallest of 7, 14, 30,
     * 60, 90, 180, 365, 730, 1825 days with at most six intervals over the horizon.
     */
    static double axisStep(double horizon) {
        final double[] steps = {7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650};
        for (double s : steps) {
            if (Double.isNaN(horizon) || horizon / s <= 6) {
                return s;
            }
        }
        return 3650;
    }

    private static ArrayNode triple(SmallTable t, Object[] row, String name) throws BadInputException {
        return JSON.arrayNode().add(plot(t.number(row, name))).add(plot(t.number(row, name + "_lo")))
                .add(plot(t.number(row, name + "_hi")));
    }

    private static ArrayNode pair(double x, double y) {
        return JSON.arrayNode().add(plot(x)).add(plot(y));
    }

    private static ArrayNode plots(double[] v) {
        final ArrayNode a = JSON.arrayNode();
        for (double x : v) {
            a.add(plot(x));
        }
        return a;
    }

    /** A plotted value: {@link #PLOT_DIGITS} significant digits (the page stays small), null when not finite. */
    static JsonNode plot(double v) {
        if (!Double.isFinite(v)) {
            return JSON.nullNode();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return JSON.numberNode((long) v);
        }
        return JSON.numberNode(new BigDecimal(Double.toString(v)).round(PLOT_DIGITS).stripTrailingZeros());
    }

    /** @return the ISO time now (the report's creation stamp) */
    static String now() {
        return Instant.now().toString();
    }
}
