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
            // the report written by 'vtrial run'
            check(browser, report, data, Path.of("target", "report-quickstart.png"), 0);

            // the same with a sensitivity run
            final Path gsa = QuickstartRun.sensitivityRun(QuickstartRun.BASE.resolve("gsa"));
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            assertEquals(0, VTrial.execute(new String[] {"report", run.toString(), "--sensitivity", gsa.toString(),
                "--master", QuickstartRun.MASTER}, new PrintWriter(out), new PrintWriter(err)), err::toString);
            assertTrue(out.toString().contains("report: " + report + " (11 charts"), out.toString());
            check(browser, report, QuickstartRun.data(Files.readString(report)),
                    Path.of("target", "report-quickstart-sensitivity.png"), 2);
        }
    }

    /**
     * Loads the page and checks it.
     *
     * @param sensitivityCharts charts of the sensitivity section expected (one per output)
     */
    private static void check(HeadlessChromium browser, Path report, JsonNode data, Path screenshot,
                              int sensitivityCharts) throws Exception {
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
            assertEquals(5, bars, "the quickstart keeps 5 trajectories per arm");
            assertEquals(bars, charts.get("waterfall:" + arm).path("values").asInt());
            assertTrue(charts.get("waterfall:" + arm).path("marks").asInt() >= bars, charts.get("waterfall:" + arm).toString());
            // five patient curves, the band, the median and both percentile lines
            final int lines = data.path("kinetics").path(arm).path("lines").size();
            assertEquals(5, lines);
            assertTrue(charts.get("kinetics:" + arm).path("marks").asInt() >= lines + 4, charts.get("kinetics:" + arm).toString());
        }
        assertTrue(charts.get("km").path("marks").asInt() >= arms.size(), charts.get("km").toString());
        assertTrue(charts.get("incidence").path("marks").asInt() >= arms.size(), charts.get("incidence").toString());
        assertTrue(charts.get("peak").path("marks").asInt() >= arms.size(), charts.get("peak").toString());
        assertTrue(charts.get("crs").path("marks").asInt() >= arms.size(), charts.get("crs").toString());
        if (sensitivityCharts > 0) {
            // one bar per parameter and index shown (ST and S1, or mu* and sigma)
            assertTrue(charts.get("sensitivity:log10_cmax").path("marks").asInt() >= 2 * 5,
                    charts.get("sensitivity:log10_cmax").toString());
            assertTrue(charts.get("sensitivity:complete_response").path("marks").asInt() >= 2 * 3,
                    charts.get("sensitivity:complete_response").toString());
        }
        // the numbers-at-risk table under the Kaplan-Meier chart
        final JsonNode rows = browser.call("Runtime.evaluate", HeadlessChromium.params()
                .put("expression", "document.querySelectorAll('#at-risk tbody tr').length").put("returnByValue", true));
        assertEquals(arms.size(), rows.path("result").path("value").asInt());

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
