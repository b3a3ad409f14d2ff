package org.vtrial.report;

import static org.vtrial.report.Html.esc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.ode.OdeMethod;

/**
 * The HTML of the report: text and tables rendered here from the manifest and the summary tables,
 * chart containers filled in the browser by {@code report.js} (ECharts, SVG renderer) from the
 * embedded data. The page's Content-Security-Policy allows inline script and style only, so it
 * cannot reach the network.
 */
final class ReportPage {

    /** Allows the inline script and style of the page and data: images; nothing is fetched. */
    static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src data:; font-src data:";

    private final String runDir;
    private final List<String> arms;
    private final JsonNode summary;
    private final JsonNode manifest;
    private final Map<String, SmallTable> tables;
    private final TrialReport.Settings settings;
    private final Map<String, TrajectoryDigest.Arm> digest;
    private final SmallTable gsa;
    private final JsonNode gsaManifest;
    private final String gsaDir;
    private final List<String> notes;
    private int charts;

    ReportPage(String runDir, List<String> arms, JsonNode summary, JsonNode manifest, Map<String, SmallTable> tables,
               TrialReport.Settings settings, Map<String, TrajectoryDigest.Arm> digest, SmallTable gsa,
               JsonNode gsaManifest, String gsaDir, List<String> notes) {
        this.runDir = runDir;
        this.arms = arms;
        this.summary = summary;
        this.manifest = manifest;
        this.tables = tables;
        this.settings = settings;
        this.digest = digest;
        this.gsa = gsa;
        this.gsaManifest = gsaManifest;
        this.gsaDir = gsaDir;
        this.notes = notes;
    }

    /** @return the number of charts on the page (after {@link #render}) */
    int charts() {
        return charts;
    }

    String render(ObjectNode data, EchartsAsset echarts) throws IOException, BadInputException {
        charts = 0;
        final String trial = manifest == null ? runDir : manifest.path("trial").asText(runDir);
        final StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"vtrial report\">\n")
                .append("<title>").append(esc(trial)).append(" — virtual trial report</title>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        header(h, trial);
        h.append("<main>\n");
        keyResults(h);
        design(h);
        response(h);
        relapse(h);
        kinetics(h);
        safety(h);
        if (gsa != null) {
            sensitivity(h);
        }
        provenance(h, echarts);
        h.append("</main>\n<footer>Virtual patients simulated by vtrial: model predictions, not observations of "
                + "real patients.</footer>\n");
        h.append("<pre id=\"render-check\" hidden></pre>\n");
        h.append("<script type=\"application/json\" id=\"report-data\">").append(jsonForScript(data)).append("</script>\n");
        h.append("<script>\n").append(echarts.script()).append("\n</script>\n");
        h.append("<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    // ----------------------------------------------------------------------------------------------

    private void header(StringBuilder h, String trial) {
        h.append("<header>\n<div class=\"kicker\">Virtual trial report</div>\n<h1>").append(esc(trial)).append("</h1>\n");
        if (manifest != null && !manifest.path("description").asText("").isEmpty()) {
            h.append("<p class=\"lead\">").append(esc(manifest.path("description").asText())).append("</p>\n");
        }
        final List<String> facts = new ArrayList<>();
        if (manifest != null) {
            facts.add("model <b>" + esc(manifest.path("model").asText("?")) + "</b>");
            facts.add("cohort <b>" + esc(manifest.path("cohort").asText("?")) + "</b>");
        }
        facts.add("<b>" + arms.size() + "</b> arm" + (arms.size() == 1 ? "" : "s"));
        if (manifest != null && manifest.has("patients_per_arm")) {
            facts.add("<b>" + String.format(Locale.ROOT, "%,d", manifest.path("patients_per_arm").asLong())
                    + "</b> patients per arm");
        }
        final int replicates = summary.path("replicates").asInt(1);
        facts.add("<b>" + replicates + "</b> replicate" + (replicates == 1 ? "" : "s"));
        facts.add("follow-up <b>" + Html.fixed(summary.path("horizon_days").asDouble(Double.NaN), 0) + "</b> days");
        h.append("<p class=\"facts\">").append(String.join(" · ", facts)).append("</p>\n");
        h.append("<nav><a href=\"#results\">Key results</a><a href=\"#design\">Design</a><a href=\"#response\">Response</a>"
                + "<a href=\"#relapse\">Relapse</a><a href=\"#kinetics\">CAR-T kinetics</a><a href=\"#safety\">CRS</a>")
                .append(gsa != null ? "<a href=\"#sensitivity\">Sensitivity</a>" : "")
                .append("<a href=\"#provenance\">Provenance</a></nav>\n</header>\n");
    }

    private void keyResults(StringBuilder h) throws BadInputException {
        final SmallTable r = tables.get("response");
        final SmallTable c = tables.get("crs");
        final SmallTable rel = tables.get("relapse");
        final SmallTable kin = tables.get("kinetics");
        final SmallTable at = tables.get("km_at_days");
        final double landmark = landmarkDay();
        h.append("<section id=\"results\">\n<h2>Key results</h2>\n<table class=\"data\">\n<thead><tr><th>Arm</th>"
                + "<th class=\"num\">Patients</th><th class=\"num\">ORR (CR + PR)</th><th class=\"num\">CR</th>"
                + "<th class=\"num\">Median relapse-free, days</th>");
        if (!Double.isNaN(landmark)) {
            h.append("<th class=\"num\">Relapse-free at day ").append(Html.fixed(landmark, 0)).append("</th>");
        }
        h.append("<th class=\"num\">CRS any grade</th><th class=\"num\">CRS grade ≥ 3</th>"
                + "<th class=\"num\">Peak blood CAR-T, ").append(esc(unit(kinetic(kin, arms.get(0), "cmax_blood"), kin)))
                .append("</th></tr></thead>\n<tbody>\n");
        for (String arm : arms) {
            h.append("<tr><th>").append(esc(arm)).append(reference(arm)).append("</th>");
            final Object[] rr = first(r, arm);
            if (rr == null) {
                h.append("<td colspan=\"3\">–</td>");
            } else {
                final long failed = (long) r.number(rr, "failed");
                h.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", (long) r.number(rr, "n")))
                        .append(failed > 0 ? " <span class=\"ci\">(" + failed + " failed)</span>" : "").append("</td>")
                        .append("<td class=\"num\">").append(Html.percentCi(r.number(rr, "orr"), r.number(rr, "orr_lo"),
                                r.number(rr, "orr_hi"))).append("</td>")
                        .append("<td class=\"num\">").append(Html.percentCi(r.number(rr, "cr"), r.number(rr, "cr_lo"),
                                r.number(rr, "cr_hi"))).append("</td>");
            }
            final Object[] re = first(rel, arm);
            h.append("<td class=\"num\">").append(re == null ? "–" : Html.daysCi(rel.number(re, "median_rfs"),
                    rel.number(re, "median_rfs_lo"), rel.number(re, "median_rfs_hi"))).append("</td>");
            if (!Double.isNaN(landmark)) {
                String cell = "–";
                for (Object[] row : at.where("arm", arm)) {
                    if (at.number(row, "day") == landmark) {
                        cell = Html.percentCi(at.number(row, "survival"), at.number(row, "lo"), at.number(row, "hi"));
                    }
                }
                h.append("<td class=\"num\">").append(cell).append("</td>");
            }
            final Object[] cc = first(c, arm);
            h.append("<td class=\"num\">").append(cc == null ? "–" : Html.percentCi(c.number(cc, "any_grade"),
                    c.number(cc, "any_grade_lo"), c.number(cc, "any_grade_hi"))).append("</td>");
            h.append("<td class=\"num\">").append(cc == null ? "–" : Html.percentCi(c.number(cc, "grade3plus"),
                    c.number(cc, "grade3plus_lo"), c.number(cc, "grade3plus_hi"))).append("</td>");
            final Object[] k = kinetic(kin, arm, "cmax_blood");
            h.append("<td class=\"num\">").append(k == null ? "–" : Html.quantity(kin.number(k, "p50"))
                    + " <span class=\"ci\">(IQR " + Html.quantity(kin.number(k, "p25")) + "–"
                    + Html.quantity(kin.number(k, "p75")) + ")</span>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Percentages with 95% Wilson intervals; ORR and CR by intention to "
                + "treat (patients whose simulation failed count as non-responders). Relapse-free time among complete "
                + "responders, from infusion (Kaplan–Meier; median with Brookmeyer–Crowley interval, NR: not reached). "
                + "CRS among patients whose simulation succeeded. Peak blood CAR-T: median and interquartile range.</p>\n");
        comparisons(h);
        h.append("</section>\n");
    }

    private void comparisons(StringBuilder h) throws BadInputException {
        final SmallTable cmp = tables.get("comparison");
        final SmallTable lr = tables.get("relapse_comparison");
        final SmallTable paired = tables.get("paired");
        if (arms.size() < 2 || cmp.rows().isEmpty()) {
            return;
        }
        final String ref = summary.path("reference_arm").asText("");
        h.append("<h3>Each arm against the reference arm ").append(esc(ref)).append("</h3>\n<table class=\"data\">\n"
                + "<thead><tr><th>Arm</th><th class=\"num\">Δ ORR</th><th class=\"num\">Δ CR</th>"
                + "<th class=\"num\">Δ CRS grade ≥ 3</th><th class=\"num\">Hazard ratio of relapse</th>"
                + "<th class=\"num\">Log-rank p</th><th class=\"num\">Paired responders (arm only / reference only)</th>"
                + "<th class=\"num\">McNemar mid-p</th></tr></thead>\n<tbody>\n");
        for (String arm : arms) {
            if (arm.equals(ref)) {
                continue;
            }
            h.append("<tr><th>").append(esc(arm)).append("</th>");
            for (String endpoint : List.of("orr", "cr", "crs_grade3")) {
                String cell = "–";
                for (Object[] row : cmp.where("arm", arm)) {
                    if (endpoint.equals(cmp.text(row, "endpoint"))) {
                        cell = Html.pointsCi(cmp.number(row, "difference"), cmp.number(row, "difference_lo"),
                                cmp.number(row, "difference_hi"));
                    }
                }
                h.append("<td class=\"num\">").append(cell).append("</td>");
            }
            final Object[] l = first(lr, arm);
            h.append("<td class=\"num\">").append(l == null ? "–" : Html.ratioCi(lr.number(l, "hazard_ratio"),
                    lr.number(l, "hazard_ratio_lo"), lr.number(l, "hazard_ratio_hi"))).append("</td>");
            h.append("<td class=\"num\">").append(l == null ? "–" : Html.pValue(lr.number(l, "p_value"))).append("</td>");
            String pair = "–";
            String mid = "–";
            for (Object[] row : paired.where("arm", arm)) {
                if ("orr".equals(paired.text(row, "measure"))) {
                    pair = (long) paired.number(row, "arm_only") + " / " + (long) paired.number(row, "reference_only")
                            + " <span class=\"ci\">of " + String.format(Locale.ROOT, "%,d", (long) paired.number(row, "pairs"))
                            + "</span>";
                    mid = Html.pValue(paired.number(row, "p_mid"));
                }
            }
            h.append("<td class=\"num\">").append(pair).append("</td><td class=\"num\">").append(mid).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Differences in percentage points with Newcombe hybrid score "
                + "intervals; hazard ratio (Peto) with 95% interval, relapse among complete responders. Paired columns: "
                + "the same virtual patients in both arms (common random numbers), responders (CR or PR) in one arm only.</p>\n");
    }

    private void design(StringBuilder h) {
        h.append("<section id=\"design\">\n<h2>Trial design</h2>\n");
        if (manifest == null) {
            h.append("<p class=\"empty\">No manifest.json in the run: the design is unknown.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"data\">\n<thead><tr><th>Arm</th><th>Description</th><th>Product</th>"
                + "<th>Conditioning</th><th>Infusions</th><th>Parameter overrides</th></tr></thead>\n<tbody>\n");
        for (JsonNode a : manifest.path("arms")) {
            final String name = a.path("name").asText();
            final List<String> doses = new ArrayList<>();
            for (JsonNode d : a.path("doses")) {
                doses.add("day " + Html.fixed(d.path("day").asDouble(), d.path("day").asDouble() % 1 == 0 ? 0 : 1) + ": "
                        + Html.quantity(d.path("cells").asDouble()) + " cells");
            }
            final List<String> overrides = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = a.path("overrides").fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                overrides.add("<code>" + esc(e.getKey()) + "</code> = " + Html.quantity(e.getValue().asDouble()));
            }
            h.append("<tr><th>").append(esc(name)).append(reference(name)).append("</th><td>")
                    .append(esc(a.path("description").asText(""))).append("</td><td>")
                    .append(esc(a.path("product").asText("–"))).append("</td><td>")
                    .append(esc(a.path("conditioning").asText("–"))).append("</td><td>")
                    .append(doses.isEmpty() ? "model default" : String.join("<br>", doses)).append("</td><td>")
                    .append(overrides.isEmpty() ? "none" : String.join("<br>", overrides)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<dl class=\"facts\">\n");
        fact(h, "Model", esc(manifest.path("model").asText("–")));
        fact(h, "Cohort", esc(manifest.path("cohort").asText("–")));
        fact(h, "Patients per arm", String.format(Locale.ROOT, "%,d", manifest.path("patients_per_arm").asLong())
                + " × " + manifest.path("replicates").asInt(1) + " replicate" + (manifest.path("replicates").asInt(1) == 1 ? "" : "s"));
        fact(h, "Follow-up", Html.fixed(manifest.path("horizon_days").asDouble(Double.NaN), 0) + " days after the first infusion");
        fact(h, "Reference arm", esc(manifest.path("reference_arm").asText("–")));
        fact(h, "Shared virtual patients", manifest.path("common_random_numbers").asBoolean(true)
                ? "yes: every arm treats the same sampled patients (common random numbers)" : "no: arms sampled independently");
        fact(h, "Seed", esc(manifest.path("seed").asText("–")));
        if (manifest.has("rtol")) {
            String method;
            try {
                // manifests written before the method was recorded come from dp54 runs
                method = OdeMethod.of(manifest.path("method").asText("dp54")).description();
            } catch (IllegalArgumentException unknown) { // a manifest from a later version: say what it says
                method = manifest.path("method").asText();
            }
            fact(h, "Solver", esc(method) + ", relative tolerance "
                    + esc(String.format(Locale.ROOT, "%.0e", manifest.path("rtol").asDouble())));
        }
        h.append("</dl>\n<h3>Endpoint definitions</h3>\n<ul class=\"defs\">\n");
        final double cr = settings.get("cr_ratio", Double.NaN);
        final double pr = settings.get("pr_ratio", Double.NaN);
        final double pd = settings.get("pd_ratio", Double.NaN);
        h.append("<li><b>Best response</b> from the tumor burden relative to day 0, T<sub>tot</sub>(t)/T<sub>tot</sub>(0), "
                + "within days ").append(Html.fixed(settings.get("assessment_start", Double.NaN), 0)).append("–")
                .append(Html.fixed(settings.get("assessment_end", Double.NaN), 0)).append(": CR at or below ")
                .append(Html.quantity(cr)).append(" (").append(Html.fixed(100 * (cr - 1), 0)).append("%), PR at or below ")
                .append(Html.quantity(pr)).append(" (").append(Html.fixed(100 * (pr - 1), 0))
                .append("%), PD at or above ").append(Html.quantity(pd)).append(" (+").append(Html.fixed(100 * (pd - 1), 0))
                .append("%) without response, otherwise SD.</li>\n");
        h.append("<li><b>Relapse</b>: after CR, the tumor burden re-crosses the CR level; antigen-negative or "
                + "antigen-positive by the dominant population at relapse.</li>\n");
        h.append("<li><b>Blood CAR-T</b>: (E + M + X) · f<sub>blood</sub> / V<sub>blood</sub>; detection limit ")
                .append(Html.quantity(settings.get("car_detection_limit", Double.NaN))).append(" cells/µL.</li>\n");
        h.append("<li><b>CRS grade</b> from peak IL-6: grade 1 at ")
                .append(Html.quantity(settings.get("crs_grade1_il6", Double.NaN))).append(", 2 at ")
                .append(Html.quantity(settings.get("crs_grade2_il6", Double.NaN))).append(", 3 at ")
                .append(Html.quantity(settings.get("crs_grade3_il6", Double.NaN))).append(", 4 at ")
                .append(Html.quantity(settings.get("crs_grade4_il6", Double.NaN))).append(" pg/mL.</li>\n");
        h.append("</ul>\n<p class=\"note\">Thresholds: ").append(esc(settings.source()))
                .append(".</p>\n</section>\n");
    }

    private void response(StringBuilder h) {
        h.append("<section id=\"response\">\n<h2>Response</h2>\n");
        figure(h, "response", null, "chart", "Objective response (CR or PR) and complete response per arm, in percent of "
                + "the arm's patients, with 95% Wilson intervals.");
        h.append("<h3>Best change of tumor burden</h3>\n");
        if (digest == null) {
            h.append("<p class=\"empty\">No trajectory sample in this run: no waterfall.</p>\n");
        } else {
            h.append("<div class=\"panels\">\n");
            for (String arm : arms) {
                final TrajectoryDigest.Arm a = digest.get(arm);
                if (a.waterfall().isEmpty()) {
                    h.append("<div class=\"panel empty\">").append(esc(arm)).append(": no patient of the trajectory sample "
                            + "with a tumor burden at day 0.</div>\n");
                    continue;
                }
                figure(h, "waterfall", arm, "chart panel-chart", esc(arm) + ": " + a.waterfall().size()
                        + (a.withChange() > a.waterfall().size() ? " of " + a.withChange() : "")
                        + " patient" + (a.waterfall().size() == 1 ? "" : "s") + " of the trajectory sample.");
            }
            h.append("</div>\n<p class=\"note\">One bar per patient of the trajectory sample (replicate 0), sorted: "
                    + "lowest tumor burden within the assessment window relative to day 0, from the daily trajectory "
                    + "grid; the bar's shade is the patient's best response (computed on the continuous solution, so a "
                    + "bar may stop just short of the line its category crossed). Dashed lines: the response "
                    + "thresholds.</p>\n");
        }
        h.append("</section>\n");
    }

    private void relapse(StringBuilder h) {
        h.append("<section id=\"relapse\">\n<h2>Relapse</h2>\n");
        if (tables.get("km").rows().isEmpty()) {
            h.append("<p class=\"empty\">No complete responder in any arm: no relapse analysis.</p>\n</section>\n");
            return;
        }
        figure(h, "km", null, "chart tall", "Relapse-free probability among complete responders (Kaplan–Meier), days "
                + "since infusion, with the pointwise 95% log-log band; ticks mark censored patients, symbols the "
                + "tabulated days. Under the plot: complete responders at risk (relapse-free and under follow-up) "
                + "at each day of the axis.");
        figure(h, "incidence", null, "chart tall", "Cumulative incidence of antigen-negative (solid) and "
                + "antigen-positive (dashed) relapse among complete responders (Aalen–Johansen, competing risks); "
                + "the two add up to one minus the relapse-free probability.");
        h.append("</section>\n");
    }

    private void kinetics(StringBuilder h) {
        h.append("<section id=\"kinetics\">\n<h2>CAR-T kinetics</h2>\n");
        if (digest == null) {
            h.append("<p class=\"empty\">No trajectory sample in this run: no concentration-time curves.</p>\n");
        } else {
            h.append("<h3>Blood CAR-T concentration over time (visual predictive check)</h3>\n<div class=\"panels\">\n");
            for (String arm : arms) {
                final TrajectoryDigest.Arm a = digest.get(arm);
                if (a.used() == 0) {
                    h.append("<div class=\"panel empty\">").append(esc(arm))
                            .append(": no usable patient in the trajectory sample.</div>\n");
                    continue;
                }
                figure(h, "kinetics", arm, "chart panel-chart tall", esc(arm) + ": " + a.used() + " patient"
                        + (a.used() == 1 ? "" : "s") + " of the trajectory sample"
                        + (a.kinetics().lineIds().length < a.used() ? ", the first " + a.kinetics().lineIds().length
                        + " drawn" : "") + ".");
            }
            h.append("</div>\n<p class=\"note\">Thin lines: individual virtual patients; thick line: median; shaded: "
                    + "5th–95th percentile per day, over the patients of the trajectory sample (replicate 0). Both axes "
                    + "logarithmic; time from day 1 after infusion. Concentrations below the axis floor are not drawn.</p>\n");
        }
        figure(h, "peak", null, "chart", "Peak blood CAR-T concentration (c<sub>max, blood</sub>) per arm: percent of "
                + "the arm's patients in each tenth of a decade; vertical lines: medians.");
        h.append("</section>\n");
    }

    private void safety(StringBuilder h) {
        h.append("<section id=\"safety\">\n<h2>Cytokine release syndrome</h2>\n");
        figure(h, "crs", null, "chart", "CRS grade distribution per arm, in percent of the patients whose simulation "
                + "succeeded (grade from the peak IL-6).");
        h.append("</section>\n");
    }

    private void sensitivity(StringBuilder h) throws BadInputException {
        h.append("<section id=\"sensitivity\">\n<h2>Sensitivity analysis</h2>\n");
        final String method = gsaManifest == null ? "" : gsaManifest.path("method").asText("");
        h.append("<p>From ").append(esc(gsaDir));
        if (gsaManifest != null) {
            h.append(" (analysis <b>").append(esc(gsaManifest.path("analysis").asText("?"))).append("</b>, method <b>")
                    .append(esc(method)).append("</b>, model ").append(esc(gsaManifest.path("model").asText("?")))
                    .append(")");
            if (!gsaManifest.path("description").asText("").isEmpty()) {
                h.append(": ").append(esc(gsaManifest.path("description").asText()));
            }
        }
        h.append(".</p>\n<div class=\"panels\">\n");
        final List<String> endpoints = new ArrayList<>();
        for (Object[] row : gsa.rows()) {
            if (!endpoints.contains(gsa.text(row, "endpoint"))) {
                endpoints.add(gsa.text(row, "endpoint"));
            }
        }
        for (String e : endpoints) {
            figure(h, "sensitivity", e, "chart panel-chart tall", "Output <code>" + esc(e) + "</code>.");
        }
        h.append("</div>\n<p class=\"note\">Sobol: first-order (S1) and total (ST) indices, the share of the output's "
                + "variance due to a parameter alone and with all its interactions. Morris: μ* (mean absolute elementary "
                + "effect) and σ (their spread: interactions or non-linearity). Whiskers: bootstrap intervals; an arrowhead "
                + "instead of a cap: the interval continues beyond the axis.</p>\n");
        h.append("</section>\n");
    }

    private void provenance(StringBuilder h, EchartsAsset echarts) {
        h.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"facts\">\n");
        fact(h, "Run", "<code>" + esc(runDir) + "</code>");
        if (manifest != null) {
            fact(h, "Trial file", "<code>" + esc(manifest.path("trial_file").asText("–")) + "</code>");
            fact(h, "Inputs SHA-256", "<code>" + esc(manifest.path("inputs_sha256").asText("–")) + "</code>");
            fact(h, "Simulated", esc(manifest.path("created").asText("–")) + " in "
                    + Html.fixed(manifest.path("wall_seconds").asDouble(Double.NaN), 1) + " s ("
                    + String.format(Locale.ROOT, "%,.0f", manifest.path("patients_per_second").asDouble(Double.NaN))
                    + " patients/s)");
            fact(h, "Engine", "vtrial " + esc(manifest.path("engine_version").asText("–")) + " on Spark "
                    + esc(manifest.path("spark_version").asText("–")) + " (<code>"
                    + esc(manifest.path("spark_master").asText("–")) + "</code>, "
                    + manifest.path("partitions").asInt() + " partitions)");
            final List<String> rows = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("rows_by_arm_and_status").fields(); it.hasNext(); ) {
                final Map.Entry<String, JsonNode> e = it.next();
                final List<String> st = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> s = e.getValue().fields(); s.hasNext(); ) {
                    final Map.Entry<String, JsonNode> x = s.next();
                    st.add(esc(x.getKey()) + " " + String.format(Locale.ROOT, "%,d", x.getValue().asLong()));
                }
                rows.add(esc(e.getKey()) + ": " + String.join(", ", st));
            }
            fact(h, "Patients by status", rows.isEmpty() ? "–" : String.join("<br>", rows));
        }
        fact(h, "Summarised", esc(summary.path("created").asText("–")) + " (confidence level "
                + Html.fixed(summary.path("confidence_level").asDouble(0.95) * 100, 0) + "%)");
        if (gsaManifest != null) {
            fact(h, "Sensitivity run", "<code>" + esc(gsaDir) + "</code>, " + esc(gsaManifest.path("created").asText("–")));
        }
        fact(h, "Report", "written " + esc(TrialReport.now()) + "; charts by Apache ECharts " + esc(echarts.version())
                + " (inlined, Apache License 2.0)");
        h.append("</dl>\n");
        endpointSettings(h);
        cohortProvenance(h);
        final List<String> all = new ArrayList<>();
        summary.path("notes").forEach(n -> all.add(n.asText()));
        all.addAll(notes);
        if (!all.isEmpty()) {
            h.append("<h3>Notes</h3>\n<ul class=\"defs\">\n");
            all.forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    /** The endpoint thresholds the run used, with the model's unit and meaning of each. */
    private void endpointSettings(StringBuilder h) {
        h.append("<h3 id=\"endpoint-settings\">Endpoint settings</h3>\n<table class=\"data\">\n<thead><tr><th>Setting</th>"
                + "<th class=\"num\">Value</th><th>Unit</th><th>Meaning</th></tr></thead>\n<tbody>\n");
        settings.values().forEach((name, value) -> {
            final org.vtrial.engine.model.ParameterSpec spec = settings.specs().get(name);
            h.append("<tr><th><code>").append(esc(name)).append("</code></th><td class=\"num\">").append(Html.quantity(value))
                    .append("</td><td>").append(spec == null ? "–" : esc(spec.unit().replace("uL", "µL"))).append("</td><td>")
                    .append(spec == null ? "–" : esc(spec.description())).append("</td></tr>\n");
        });
        h.append("</tbody>\n</table>\n<p class=\"note\">Values from ").append("manifest".equals(settings.source())
                ? "the run's manifest (as simulated)" : "the model's defaults (the manifest records none)").append(".</p>\n");
    }

    /** Who the virtual patients are: the cohort's provenance as the manifest recorded it. */
    private void cohortProvenance(StringBuilder h) {
        final JsonNode c = manifest == null ? null : manifest.get("cohort_provenance");
        h.append("<h3 id=\"cohort-provenance\">Cohort provenance</h3>\n");
        if (c == null || !c.isObject()) {
            h.append("<p class=\"empty\">The run's manifest records no cohort provenance (runs simulated before it did); "
                    + "see the cohort file ").append(esc(manifest == null ? "" : manifest.path("cohort").asText(""))).append(".</p>\n");
            return;
        }
        h.append("<dl class=\"facts\">\n");
        fact(h, "Cohort", "<b>" + esc(manifest.path("cohort").asText("–")) + "</b> (<code>" + esc(c.path("file").asText("–"))
                + "</code>)");
        if (!c.path("population").asText("").isEmpty()) {
            fact(h, "Population", esc(c.path("population").asText()));
        }
        if (!c.path("description").asText("").isEmpty()) {
            fact(h, "Description", esc(c.path("description").asText()));
        }
        if (c.path("references").size() > 0) {
            final List<String> refs = new ArrayList<>();
            c.path("references").forEach(r -> refs.add(esc(r.asText())));
            fact(h, "References", String.join("<br>", refs));
        }
        if (!c.path("notes").asText("").isEmpty()) {
            fact(h, "Notes", esc(c.path("notes").asText()));
        }
        if (c.path("correlated").size() > 0) {
            final List<String> corr = new ArrayList<>();
            c.path("correlated").forEach(r -> corr.add("<code>" + esc(r.asText()) + "</code>"));
            fact(h, "Correlated", String.join(", ", corr) + " (Gaussian copula)");
        }
        h.append("</dl>\n");
        if (c.path("parameters").size() > 0) {
            h.append("<details open><summary>").append(c.path("parameters").size())
                    .append(" parameter distributions and their sources</summary>\n<table class=\"data\">\n<thead><tr>"
                    + "<th>Parameter</th><th>Distribution between patients</th><th>Source</th></tr></thead>\n<tbody>\n");
            for (JsonNode p : c.path("parameters")) {
                h.append("<tr><th><code>").append(esc(p.path("name").asText())).append("</code></th><td>")
                        .append(esc(p.path("distribution").asText())).append("</td><td>")
                        .append(esc(p.path("source").asText())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</details>\n");
        }
    }

    // ----------------------------------------------------------------------------------------------

    private void figure(StringBuilder h, String kind, String arm, String cls, String caption) {
        charts++;
        h.append("<figure><div class=\"").append(cls).append("\" data-chart=\"").append(kind).append("\"");
        if (arm != null) {
            h.append(" data-key=\"").append(esc(arm)).append("\"");
        }
        h.append("></div><figcaption>").append(caption).append("</figcaption></figure>\n");
    }

    private static void fact(StringBuilder h, String term, String value) {
        h.append("<dt>").append(term).append("</dt><dd>").append(value).append("</dd>\n");
    }

    private String reference(String arm) {
        return arm.equals(summary.path("reference_arm").asText("")) ? " <span class=\"tag\">reference</span>" : "";
    }

    /** The latest tabulated day within follow-up (the km_at_days landmark), NaN if none. */
    private double landmarkDay() throws BadInputException {
        final SmallTable at = tables.get("km_at_days");
        double best = Double.NaN;
        for (Object[] row : at.rows()) {
            final double d = at.number(row, "day");
            if (!Double.isNaN(at.number(row, "survival")) && !(d <= best)) {
                best = d;
            }
        }
        return best;
    }

    private static Object[] first(SmallTable t, String arm) {
        final List<Object[]> rows = t.where("arm", arm);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static Object[] kinetic(SmallTable kin, String arm, String endpoint) {
        for (Object[] row : kin.where("arm", arm)) {
            if (endpoint.equals(kin.text(row, "endpoint"))) {
                return row;
            }
        }
        return null;
    }

    private static String unit(Object[] row, SmallTable kin) {
        final String u = row == null ? null : kin.text(row, "unit");
        return u == null ? "cells/µL" : u.replace("uL", "µL");
    }

    /**
     * JSON inside {@code <script type="application/json">}: "&lt;/" written as "&lt;\/" (the same JSON
     * string) so that no value can end the element; U+2028 and U+2029 escaped.
     */
    static String jsonForScript(JsonNode data) throws JsonProcessingException {
        return StrictJson.mapper().writeValueAsString(data).replace("</", "<\\/").replace("<!--", "<\\u0021--")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("report resource " + name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
