package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.report.TrialReport;

/**
 * The relapse charts of the report from patient rows small enough to compute by hand: patient rows
 * through the aggregate job into the report's embedded data. References, computed by hand below:
 * the Kaplan–Meier curve, the numbers at risk under it, its censoring marks, and the Aalen–Johansen
 * cumulative incidence of antigen-negative and antigen-positive relapse (Aalen & Johansen 1978;
 * F_k(t) = Σ_{t_j ≤ t} S(t_j−) d_kj / n_j), which differs from one minus the Kaplan–Meier curve of
 * one antigen with the other as censoring.
 *
 * <p>Tolerance: the page embeds plotted values with 5 significant digits, so a value v is exact to
 * 5e-5·v; 1e-4 (absolute, on probabilities at most 1) covers that.
 */
class ReportHandExampleTest {

    private static final double PLOTTED = 1e-4;

    @TempDir
    static Path dir;

    private static JsonNode data;

    @BeforeAll
    static void report() throws Exception {
        final List<SyntheticRun.Patient> patients = new ArrayList<>();
        // Arm "a", six complete responders: antigen-negative relapse at days 10, 20, 40; antigen-positive
        // at 20; censored (relapse-free at last follow-up) at 30 and 50. Also one PR and one SD patient,
        // who are not in the relapse analysis (complete responders only).
        cr(patients, "a", 0, 10, "negative");
        cr(patients, "a", 1, 20, "negative");
        cr(patients, "a", 2, 20, "positive");
        cr(patients, "a", 3, 30, null);
        cr(patients, "a", 4, 40, "negative");
        cr(patients, "a", 5, 50, null);
        other(patients, "a", 6, "PR");
        other(patients, "a", 7, "SD");
        // Arm "b", four complete responders: positive at 5, negative at 15, censored at 25, positive at 35.
        cr(patients, "b", 0, 5, "positive");
        cr(patients, "b", 1, 15, "negative");
        cr(patients, "b", 2, 25, null);
        cr(patients, "b", 3, 35, "positive");
        final Path run = SyntheticRun.write(dir.resolve("run"), patients, "{\"trial\": \"hand\", \"model\": \"cart\", "
                + "\"reference_arm\": \"a\", \"horizon_days\": 60, \"arms\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        AggregateJob.run(SparkTestSupport.spark(), run.toString());
        final TrialReport.Result r = TrialReport.write(SparkTestSupport.spark(), run.toString(), null);
        final String html = Files.readString(Path.of(r.path()));
        final String open = "<script type=\"application/json\" id=\"report-data\">";
        final int at = html.indexOf(open) + open.length();
        data = new ObjectMapper().readTree(html.substring(at, html.indexOf("</script>", at)));
    }

    private static void cr(List<SyntheticRun.Patient> out, String arm, long index, double day, String antigen) {
        out.add(new SyntheticRun.Patient(arm, 0, index, "OK", "CR", 7.0, day, antigen != null, antigen, 1L, 1e8, 400.0,
                8.0, 1e9, 10.0, 200.0));
    }

    private static void other(List<SyntheticRun.Patient> out, String arm, long index, String best) {
        out.add(new SyntheticRun.Patient(arm, 0, index, "OK", best, "PR".equals(best) ? 7.0 : null, null, null, null, 0L,
                1e7, 40.0, 8.0, 1e8, 10.0, 100.0));
    }

    @Test
    void numbersAtRiskAreTheCompleteRespondersStillRelapseFreeAndFollowedAtEachTick() {
        // 60-day follow-up: ticks every 14 days (the smallest step of at most six intervals).
        assertEquals(14, data.path("axisStep").asDouble(), 0.0);
        // at risk at t: complete responders whose relapse or censoring time is >= t
        assertEquals(List.of(List.of(0.0, 6.0), List.of(14.0, 5.0), List.of(28.0, 3.0), List.of(42.0, 1.0),
                List.of(56.0, 0.0)), pairs(data.path("km").path("a").path("atRisk")));
        assertEquals(List.of(List.of(0.0, 4.0), List.of(14.0, 3.0), List.of(28.0, 1.0), List.of(42.0, 0.0),
                List.of(56.0, 0.0)), pairs(data.path("km").path("b").path("atRisk")));
    }

    @Test
    void kaplanMeierStepsAndCensoringMarks() {
        // a: S = 5/6 after day 10 (1 of 6), 5/6·3/5 = 1/2 after day 20 (2 of 5), 1/2·1/2 = 1/4 after day 40
        // (1 of 2); censored at 30 (S = 1/2) and 50 (S = 1/4).
        final Map<Double, Double> a = curve(data.path("km").path("a"), "day", "s");
        assertEquals(1.0, a.get(0.0), 0.0);
        assertEquals(5.0 / 6, a.get(10.0), PLOTTED);
        assertEquals(0.5, a.get(20.0), PLOTTED);
        assertEquals(0.25, a.get(40.0), PLOTTED);
        assertEquals(List.of(List.of(30.0, 0.5), List.of(50.0, 0.25)), pairs(data.path("km").path("a").path("censor")));
        // b: 3/4 after day 5, 3/4·2/3 = 1/2 after 15, censored at 25, 0 after 35
        final Map<Double, Double> b = curve(data.path("km").path("b"), "day", "s");
        assertEquals(0.75, b.get(5.0), PLOTTED);
        assertEquals(0.5, b.get(15.0), PLOTTED);
        assertEquals(0.0, b.get(35.0), PLOTTED);
        assertEquals(List.of(List.of(25.0, 0.5)), pairs(data.path("km").path("b").path("censor")));
    }

    @Test
    void cumulativeIncidenceIsAalenJohansenNotOneMinusKaplanMeier() {
        // a, antigen-negative: day 10: S(10-) = 1, n = 6 -> 1/6; day 20: S(20-) = 5/6, n = 5 -> + 1/6 = 1/3;
        // day 40: S(40-) = 1/2, n = 2 -> + 1/4 = 7/12.
        final Map<Double, Double> neg = curve(data.path("incidence").path("a").path("negative"), "day", "p");
        assertEquals(1.0 / 6, neg.get(10.0), PLOTTED);
        assertEquals(1.0 / 3, neg.get(20.0), PLOTTED);
        assertEquals(7.0 / 12, neg.get(40.0), PLOTTED);
        // One minus Kaplan-Meier with the antigen-positive relapse as censoring would give
        // 1 - (5/6)(4/5)(1/2) = 2/3 by day 40: it counts patients who relapsed antigen-positive as still at risk.
        assertTrue(Math.abs(neg.get(40.0) - 2.0 / 3) > 0.08, "not 1 - KM: " + neg.get(40.0));
        // a, antigen-positive: day 20: S(20-) = 5/6, n = 5 -> 1/6, and no more
        final Map<Double, Double> pos = curve(data.path("incidence").path("a").path("positive"), "day", "p");
        assertEquals(1.0 / 6, pos.get(20.0), PLOTTED);
        assertEquals(1.0 / 6, last(data.path("incidence").path("a").path("positive").path("p")), PLOTTED);
        // The two add up to one minus the relapse-free probability at the end: 7/12 + 1/6 = 3/4 = 1 - 1/4.
        assertEquals(1 - 0.25, last(data.path("incidence").path("a").path("negative").path("p"))
                + last(data.path("incidence").path("a").path("positive").path("p")), 2 * PLOTTED);

        // b, positive: day 5: 1/4; day 35: S(35-) = 1/2, n = 1 -> + 1/2 = 3/4. Negative: day 15: S(15-) = 3/4,
        // n = 3 -> 1/4. Sum 1 = 1 - S(35).
        final Map<Double, Double> bPos = curve(data.path("incidence").path("b").path("positive"), "day", "p");
        final Map<Double, Double> bNeg = curve(data.path("incidence").path("b").path("negative"), "day", "p");
        assertEquals(0.25, bPos.get(5.0), PLOTTED);
        assertEquals(0.75, bPos.get(35.0), PLOTTED);
        assertEquals(0.25, bNeg.get(15.0), PLOTTED);
        assertEquals(1.0, last(data.path("incidence").path("b").path("negative").path("p"))
                + last(data.path("incidence").path("b").path("positive").path("p")), 2 * PLOTTED);
    }

    /** @return day to value of a curve given as parallel arrays (the value after the day) */
    private static Map<Double, Double> curve(JsonNode c, String x, String y) {
        assertNotNull(c.get(x), "curve without " + x + ": " + c);
        final Map<Double, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < c.path(x).size(); i++) {
            m.put(c.path(x).get(i).asDouble(), c.path(y).get(i).asDouble());
        }
        return m;
    }

    private static double last(JsonNode a) {
        return a.get(a.size() - 1).asDouble();
    }

    private static List<List<Double>> pairs(JsonNode a) {
        final List<List<Double>> out = new ArrayList<>();
        a.forEach(p -> out.add(List.of(p.get(0).asDouble(), p.get(1).asDouble())));
        return out;
    }
}
