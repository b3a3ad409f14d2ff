package org.vtrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vtrial.cli.VTrial;

/**
 * The report of a small quickstart run in a real browser (headless Chromium over the DevTools
 * protocol): no console error, no exception, no request beyond the file itself, every chart drawn
 * with the data it was given; full-page screenshots in {@code target/}. Without Chromium the test
 * fails under CI ({@code CI=true}) and is skipped elsewhere.
 */
class ReportBrowserTest {

    /** Parameter distributions of cohorts/lbcl-axicabtagene-like.json (its "parameters" object). */
    private static final int COHORT_PARAMETERS = 9;

    @Test
    void theQuickstartReportDrawsEveryChartOfflineWithoutAnyConsoleError() throws Exception {
        final Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Chromium is required under CI (apt-get install chromium; .ci/run installs it)");
            }
            Assumptions.abort("no Chromium on this machine (install the 'chromium' package to run this test)");
        }
        final Path run = QuickstartRun.get();
        final Path report = run.resolve(TrialReport.FILE);
        final JsonNode data = QuickstartRun.data(Files.readString(report));
        try (HeadlessChromium browser = new HeadlessChromium(chromium, Path.of("target", "chromium-profile"))) {
            // the report written by 'vtrial run', also printed in grey scale
            check(browser, report, data, Path.of("target", "report-quickstart.png"), null);
            greyScreenshot(browser, Path.of("target", "report-quickstart-grey.png"));

            // the same with a sensitivity run, Sobol then Morris
            for (String method : List.of("sobol", "morris")) {
                final Path gsa = QuickstartRun.sensitivityRun(QuickstartRun.BASE.resolve("gsa-" + method), method);
                final StringWriter out = new StringWriter();
                final StringWriter err = new StringWriter();
                assertEquals(0, VTrial.execute(new String[] {"report", run.toString(), "--sensitivity", gsa.toString(),
                    "--master", QuickstartRun.MASTER}, new PrintWriter(out), new PrintWriter(err)), err::toString);
                assertTrue(out.toString().contains("report: " + report + " (11 charts"), out.toString());
                check(browser, report, QuickstartRun.data(Files.readString(report)),
                        Path.of("target", "report-quickstart-" + method + ".png"), gsa);
            }
        }
    }

    /**
     * Loads the page and checks it.
     *
     * @param gsa the sensitivity run given to the report, or null
     */
    private static void check(HeadlessChromium browser, Path report, JsonNode data, Path screenshot,
                              Path gsa) throws Exception {
        final int sensitivityCharts = gsa == null ? 0 : QuickstartRun.GSA_OUTPUTS.size();
        final int before = browser.events().size();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            browser.call(domain + ".enable", null);
        }
        browser.call("Emulation.setDeviceMetricsOverride", HeadlessChromium.params().put("width", 1400)
                .put("height", 1000).put("deviceScaleFactor", 1).put("mobile", false));
        browser.call("Page.navigate", HeadlessChromium.params().put("url", report.toAbsolutePath().toUri().toString()));
        waitForLoad(browser, before);

        final JsonNode result = browser.call("Runtime.evaluate", HeadlessChromium.params()
                .put("expression", "JSON.stringify(window.__vtrialRender)").put("returnByValue", true));
        final String value = result.path("result").path("value").asText(null);
        assertNotNull(value, "the page's script did not run: " + result);
        final JsonNode render = new ObjectMapper().readTree(value);

        // Console errors and warnings, uncaught exceptions, browser log errors (CSP, network), requests.
        final List<String> problems = new ArrayList<>();
        final List<String> requests = new ArrayList<>();
        final List<JsonNode> events = browser.events();
        for (JsonNode e : events.subList(before, events.size())) {
            final String method = e.path("method").asText();
            final JsonNode p = e.path("params");
            if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "warning", "assert").contains(p.path("type").asText())) {
                problems.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (method.equals("Runtime.exceptionThrown")) {
                problems.add("exception: " + p.path("exceptionDetails"));
            } else if (method.equals("Log.entryAdded") && List.of("error", "warning").contains(p.path("entry").path("level").asText())) {
                problems.add("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText()
                        + " " + p.path("entry").path("url").asText());
            } else if (method.equals("Network.requestWillBeSent")) {
                requests.add(p.path("request").path("url").asText());
            }
        }
        assertEquals(List.of(), problems, "console of " + report);
        assertEquals(0, render.path("errors").size(), render.path("errors").toString());
        for (String url : requests) {
            assertTrue(url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:"),
                    "the page requested " + url + " (it must open offline)");
        }

        // Every chart drawn, with the values it was given.
        final List<String> arms = new ArrayList<>();
        data.path("arms").forEach(a -> arms.add(a.asText()));
        final Map<String, JsonNode> charts = new LinkedHashMap<>();
        for (JsonNode c : render.path("charts")) {
            charts.put(c.path("kind").asText() + (c.path("key").isNull() ? "" : ":" + c.path("key").asText()), c);
        }
        // response, Kaplan-Meier, incidence, peak histogram, CRS; per arm a waterfall and a kinetics panel
        assertEquals(5 + 2 * arms.size() + sensitivityCharts, charts.size(), charts.keySet().toString());
        for (Map.Entry<String, JsonNode> e : charts.entrySet()) {
            assertNull(e.getValue().get("error").isNull() ? null : e.getValue().get("error").asText(), e.getKey());
            assertTrue(e.getValue().path("values").asInt() > 0, e.getKey() + " was given no values: " + e.getValue());
        }
        // response: per arm an ORR and a CR bar and their two intervals
        assertEquals(4 * arms.size(), charts.get("response").path("values").asInt());
        assertTrue(charts.get("response").path("marks").asInt() >= 4 * arms.size(), charts.get("response").toString());
        for (String arm : arms) {
            final int bars = data.path("waterfall").path(arm).path("bars").size();
            assertEquals(QuickstartRun.TRAJECTORIES, bars, "trajectories per arm of the quickstart run");
            assertEquals(bars, charts.get("waterfall:" + arm).path("values").asInt());
            assertTrue(charts.get("waterfall:" + arm).path("marks").asInt() >= bars, charts.get("waterfall:" + arm).toString());
            // the patient curves (the first 50 of the sample), the band, the median and both percentile lines
            final int lines = data.path("kinetics").path(arm).path("lines").size();
            assertEquals(Math.min(50, QuickstartRun.TRAJECTORIES), lines);
            assertTrue(charts.get("kinetics:" + arm).path("marks").asInt() >= lines + 4, charts.get("kinetics:" + arm).toString());
        }
        assertTrue(charts.get("km").path("marks").asInt() >= arms.size(), charts.get("km").toString());
        assertTrue(charts.get("incidence").path("marks").asInt() >= arms.size(), charts.get("incidence").toString());
        assertTrue(charts.get("peak").path("marks").asInt() >= arms.size(), charts.get("peak").toString());
        assertTrue(charts.get("crs").path("marks").asInt() >= arms.size(), charts.get("crs").toString());
        if (gsa != null) {
            // Per output: one bar per parameter and index shown (S1 and ST, or mu* and sigma), and one
            // whisker per index with an interval; the reference is the run's sensitivity table.
            final List<org.apache.spark.sql.Row> table = QuickstartRun.sensitivityTable(gsa);
            final boolean sobol = table.stream().anyMatch(r -> "ST".equals(r.getString(2)));
            final List<String> shown = sobol ? List.of("S1", "ST") : List.of("mu_star", "sigma");
            for (String output : QuickstartRun.GSA_OUTPUTS) {
                int bars = 0;
                int whiskers = 0;
                boolean allZero = true;
                for (org.apache.spark.sql.Row r : table) {
                    if (r.getString(0).equals(output) && shown.contains(r.getString(2))) {
                        allZero &= r.isNullAt(3) || r.getDouble(3) == 0 || Double.isNaN(r.getDouble(3));
                        bars += r.isNullAt(3) || Double.isNaN(r.getDouble(3)) ? 0 : 1;
                        whiskers += r.isNullAt(4) || r.isNullAt(5) || Double.isNaN(r.getDouble(4))
                                || Double.isNaN(r.getDouble(5)) ? 0 : 1;
                    }
                }
                assertEquals(2 * QuickstartRun.GSA_PARAMETERS.size(), bars, output + ": every parameter and index");
                final JsonNode c = charts.get("sensitivity:" + output);
                assertEquals(bars + whiskers, c.path("values").asInt(), c.toString());
                assertTrue(c.path("marks").asInt() >= bars + whiskers, c.toString());
                // an output no parameter moved says so on its chart
                final String text = evaluate(browser, "document.querySelector('[data-chart=sensitivity][data-key=" + output
                        + "]').textContent").asText();
                assertEquals(allZero, text.contains("Every effect is 0") || text.contains("No index"), output + ": " + text);
            }
        }
        kaplanMeierRowsAtRisk(browser, data, arms);
        provenanceTables(browser, data);
        // Grey-scale printing: arms differ in lightness, dash pattern and marker, not hue alone.
        final JsonNode styles = render.path("armStyles");
        assertEquals(arms.size(), styles.size());
        for (int i = 0; i < styles.size(); i++) {
            for (int j = i + 1; j < styles.size(); j++) {
                final JsonNode a = styles.get(i);
                final JsonNode b = styles.get(j);
                // at least 0.1 apart in relative luminance (0 black, 1 white): two clearly different greys
                assertTrue(Math.abs(luminance(a.path("color").asText()) - luminance(b.path("color").asText())) >= 0.1,
                        "arm colours too close in grey: " + a + " " + b);
                assertTrue(!a.path("dash").equals(b.path("dash")), "same dash pattern: " + a + " " + b);
                assertTrue(!a.path("symbol").equals(b.path("symbol")), "same marker: " + a + " " + b);
            }
        }
        // and so would trials of 2 to 5 arms
        for (int n = 2; n <= 5; n++) {
            final JsonNode colours = render.path("armColours").path(String.valueOf(n));
            assertEquals(n, colours.size(), render.path("armColours").toString());
            for (int i = 0; i + 1 < n; i++) {
                assertTrue(luminance(colours.get(i + 1).asText()) - luminance(colours.get(i).asText()) >= 0.1,
                        n + " arms: " + colours);
            }
        }

        // Full-page screenshot.
        final JsonNode metrics = browser.call("Page.getLayoutMetrics", null);
        final double height = metrics.path("cssContentSize").path("height").asDouble();
        final JsonNode shot = browser.call("Page.captureScreenshot", HeadlessChromium.params().put("format", "png")
                .put("captureBeyondViewport", true).set("clip", HeadlessChromium.params().put("x", 0).put("y", 0)
                        .put("width", 1400).put("height", height).put("scale", 1)));
        final byte[] png = Base64.getDecoder().decode(shot.path("data").asText());
        Files.write(screenshot, png);
        assertTrue(png.length > 50_000, "screenshot of " + png.length + " bytes");
    }

    /**
     * The numbers at risk under the Kaplan-Meier plot: one row per arm whose numbers are the embedded
     * at-risk counts, each centred on the day-axis tick label of its day (within 2 px).
     */
    private static void kaplanMeierRowsAtRisk(HeadlessChromium browser, JsonNode data, List<String> arms) throws Exception {
        final JsonNode texts = evaluate(browser, "Array.from(document.querySelectorAll('[data-chart=km] svg text'))"
                + ".map(function (t) { var r = t.getBoundingClientRect(); "
                + "return [t.textContent, r.x + r.width / 2, r.y + r.height / 2]; })");
        double titleY = Double.NaN;
        for (JsonNode t : texts) {
            if (t.get(0).asText().equals("Number at risk")) {
                titleY = t.get(2).asDouble();
            }
        }
        assertTrue(!Double.isNaN(titleY), "no 'Number at risk' under the Kaplan-Meier plot: " + texts);
        // day-axis tick labels: the texts a little above the title that read as the tick days
        final JsonNode atRisk0 = data.path("km").path(arms.get(0)).path("atRisk");
        final Map<String, Double> tickX = new LinkedHashMap<>();
        for (JsonNode r : atRisk0) {
            final String day = String.valueOf(r.get(0).asLong());
            for (JsonNode t : texts) {
                if (t.get(0).asText().equals(day) && t.get(2).asDouble() < titleY && t.get(2).asDouble() > titleY - 90) {
                    tickX.put(day, t.get(1).asDouble());
                }
            }
        }
        assertEquals(atRisk0.size(), tickX.size(), "day-axis labels found: " + tickX + " in " + texts);
        // rows under the title, top to bottom in arm order
        final Map<Long, List<JsonNode>> rows = new TreeMap<>();
        for (JsonNode t : texts) {
            if (t.get(2).asDouble() > titleY + 6 && t.get(0).asText().matches("[0-9,]+")) {
                rows.computeIfAbsent(Math.round(t.get(2).asDouble()), y -> new ArrayList<>()).add(t);
            }
        }
        assertEquals(arms.size(), rows.size(), "rows at risk: " + rows);
        int a = 0;
        for (List<JsonNode> row : rows.values()) {
            row.sort((x, y) -> Double.compare(x.get(1).asDouble(), y.get(1).asDouble()));
            final JsonNode expected = data.path("km").path(arms.get(a)).path("atRisk");
            assertEquals(expected.size(), row.size(), arms.get(a) + ": " + row);
            for (int i = 0; i < row.size(); i++) {
                assertEquals(expected.get(i).get(1).asLong(), Long.parseLong(row.get(i).get(0).asText().replace(",", "")));
                assertEquals(tickX.get(String.valueOf(expected.get(i).get(0).asLong())), row.get(i).get(1).asDouble(), 2.0,
                        arms.get(a) + " at day " + expected.get(i).get(0) + " is not under its tick");
            }
            a++;
        }
        for (String arm : arms) {
            boolean found = false;
            for (JsonNode t : texts) {
                found |= t.get(0).asText().equals(arm) && t.get(2).asDouble() > titleY;
            }
            assertTrue(found, arm + " labels no row at risk");
        }
    }

    /** Provenance: the endpoint settings of the manifest and the cohort's parameter sources, as tables. */
    private static void provenanceTables(HeadlessChromium browser, JsonNode data) throws Exception {
        final JsonNode settings = evaluate(browser, "Array.from(document.querySelectorAll("
                + "'#endpoint-settings + table tbody tr')).map(function (r) { return [r.cells[0].textContent, "
                + "r.cells[1].textContent]; })");
        assertEquals(data.path("settings").size(), settings.size(), settings.toString());
        for (JsonNode r : settings) {
            assertTrue(data.path("settings").has(r.get(0).asText()), r.toString());
        }
        // one row per parameter distribution of the quickstart cohort file (each with its source)
        final JsonNode cohort = evaluate(browser, "document.querySelectorAll('#cohort-provenance ~ details table tbody tr').length");
        assertEquals(COHORT_PARAMETERS, cohort.asInt(), "cohort parameter rows");
    }

    private static JsonNode evaluate(HeadlessChromium browser, String expression) throws Exception {
        final JsonNode r = browser.call("Runtime.evaluate", HeadlessChromium.params()
                .put("expression", "JSON.stringify(" + expression + ")").put("returnByValue", true));
        final String v = r.path("result").path("value").asText(null);
        assertNotNull(v, expression + ": " + r);
        return new ObjectMapper().readTree(v);
    }

    /** Relative luminance (sRGB, ITU-R BT.709 weights, WCAG 2 definition) of "rgb(r,g,b)" or "#rrggbb". */
    static double luminance(String color) {
        final int[] c = new int[3];
        if (color.startsWith("#")) {
            for (int k = 0; k < 3; k++) {
                c[k] = Integer.parseInt(color.substring(1 + 2 * k, 3 + 2 * k), 16);
            }
        } else {
            final String[] p = color.replaceAll("[^0-9,.]", "").split(",");
            for (int k = 0; k < 3; k++) {
                c[k] = (int) Double.parseDouble(p[k]);
            }
        }
        double y = 0;
        final double[] w = {0.2126, 0.7152, 0.0722};
        for (int k = 0; k < 3; k++) {
            final double v = c[k] / 255.0;
            y += w[k] * (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
        return y;
    }

    /** The page as a grey-scale print shows it (CSS grayscale filter), full height, for a look. */
    private static void greyScreenshot(HeadlessChromium browser, Path file) throws Exception {
        evaluate(browser, "document.documentElement.style.filter = 'grayscale(1)'");
        final double height = browser.call("Page.getLayoutMetrics", null).path("cssContentSize").path("height").asDouble();
        final JsonNode shot = browser.call("Page.captureScreenshot", HeadlessChromium.params().put("format", "png")
                .put("captureBeyondViewport", true).set("clip", HeadlessChromium.params().put("x", 0).put("y", 0)
                        .put("width", 1400).put("height", height).put("scale", 1)));
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        evaluate(browser, "document.documentElement.style.filter = ''");
    }

    private static void waitForLoad(HeadlessChromium browser, int after) throws Exception {

        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            final List<JsonNode> events = browser.events();
            for (JsonNode e : events.subList(after, events.size())) {
                if ("Page.loadEventFired".equals(e.path("method").asText())) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        fail("the page did not load within 60 s");
    }
}
