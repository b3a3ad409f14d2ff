package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KaplanMeierTest {

    private static final double L = Confidence.LEVEL_95;

    @Test
    void sixMpCurveAndGreenwoodErrorsEqualThePublishedTable() {
        // Klein & Moeschberger, Survival Analysis (2nd ed.), Table 4.1A: Kaplan-Meier estimate and
        // Greenwood standard error for the 6-MP group, 3 decimals (tolerance half a unit).
        final double[][] published = {
            {6, 0.857, 0.076}, {7, 0.807, 0.087}, {10, 0.753, 0.096}, {13, 0.690, 0.107},
            {16, 0.627, 0.114}, {22, 0.538, 0.128}, {23, 0.448, 0.135}};
        final KaplanMeier km = KaplanMeier.of(SurvivalData.mp6(), L);
        for (double[] row : published) {
            final int i = km.table().indexAtOrBefore(row[0]);
            assertEquals(row[0], km.time(i), 0.0);
            assertEquals(row[1], km.survival(i), 5e-4, "S at " + row[0]);
            assertEquals(row[2], km.stdErr(i), 5e-4, "se at " + row[0]);
        }
        // The tie at week 6 (3 relapses, 1 censored): the censored child is at risk at 6, so
        // S(6) = 18/21 and 17 remain at risk at week 7 (Kaplan & Meier 1958 convention).
        final int six = km.table().indexAtOrBefore(6);
        assertEquals(21, km.table().atRisk(six));
        assertEquals(3, km.table().events(six));
        assertEquals(1, km.table().censored(six));
        assertEquals(18.0 / 21, km.survival(six), 1e-15);
        assertEquals(17, km.table().atRisk(six + 1));
    }

    @Test
    void logLogBandAtWeekSixEqualsTheHandComputation() {
        // Hand computation: S = 6/7, sum d/(n(n-d)) = 3/(21·18); w = z·sqrt(3/378)/|ln(6/7)|;
        // lo = S^exp(w) = 0.6197..., hi = S^exp(-w) = 0.9516... (R survfit(conf.type = "log-log")
        // prints 0.620 and 0.952 for these data).
        final double s = 6.0 / 7;
        final double w = 1.959963984540054 * Math.sqrt(3.0 / 378) / -Math.log(s);
        final KaplanMeier km = KaplanMeier.of(SurvivalData.mp6(), L);
        final Estimate at6 = km.at(6.5);
        assertEquals(s, at6.value(), 1e-15);
        assertEquals(Math.pow(s, Math.exp(w)), at6.lo(), 1e-14);
        assertEquals(Math.pow(s, Math.exp(-w)), at6.hi(), 1e-14);
        assertEquals(0.620, at6.lo(), 5e-4);
        assertEquals(0.952, at6.hi(), 5e-4);
    }

    @Test
    void mediansAndBrookmeyerCrowleyIntervalsOfBothGroups() {
        // The interval holds the times whose band contains 1/2: from the first time the lower band
        // is <= 1/2 to the first time the upper band is <= 1/2 (hand computation of the bands as in
        // the previous test).
        // 6-MP: S(22) = 0.538, S(23) = 0.448 -> median 23 weeks. Lower band: 0.5032 at 10, 0.4316 at
        // 13 -> 13. Upper band: 0.6801 from week 23 to the last follow-up (35) -> not reached.
        final Estimate mp6 = KaplanMeier.of(SurvivalData.mp6(), L).median();
        assertEquals(23, mp6.value(), 0.0);
        assertEquals(13, mp6.lo(), 0.0);
        assertTrue(Double.isNaN(mp6.hi()));
        // Placebo: S(5) = 12/21, S(8) = 8/21 -> median 8. Lower band: 0.5194 at 3, 0.4253 at 4 -> 4.
        // Upper band: 0.5778 at 8, 0.4818 at 11 -> 11.
        final Estimate placebo = KaplanMeier.of(SurvivalData.placebo(), L).median();
        assertEquals(8, placebo.value(), 0.0);
        assertEquals(4, placebo.lo(), 0.0);
        assertEquals(11, placebo.hi(), 0.0);
    }

    @Test
    void tiedEventsAndCensoringsEventsFirst() {
        // By hand, 7 subjects: events at 2, 3, 3, 6; censored at 3, 5, 8. At 3 the censored subject
        // is still at risk (n = 6): S(3) = 6/7 · 4/6 = 4/7 (censoring first would give 6/7 · 3/5).
        // Greenwood at 3: 1/(7·6) + 2/(6·4) = 0.10714285714285714, se = 4/7 · sqrt(that).
        final LifeTable t = LifeTable.of(new double[] {3, 5, 8}, new double[] {3, 2, 6, 3});
        final KaplanMeier km = KaplanMeier.of(t, L);
        assertEquals(5, km.size());
        assertEquals(7, t.atRisk(0));
        assertEquals(6, t.atRisk(1));
        assertEquals(2, t.events(1));
        assertEquals(1, t.censored(1));
        assertEquals(3, t.atRisk(2));
        assertEquals(4.0 / 7, km.survival(1), 1e-15);
        assertEquals(4.0 / 7 * Math.sqrt(1.0 / 42 + 2.0 / 24), km.stdErr(1), 1e-15);
        // a censoring-only time leaves S unchanged; S(6) = 4/7 · 1/2
        assertEquals(4.0 / 7, km.survival(2), 1e-15);
        assertEquals(2.0 / 7, km.survival(3), 1e-15);
        assertEquals(6, km.median().value(), 0.0);
    }

    @Test
    void allCensoredLeavesTheCurveAtOneWithADegenerateBandAndNoMedian() {
        final KaplanMeier km = KaplanMeier.of(LifeTable.of(new double[] {5, 10, 10}), L);
        assertEquals(2, km.size());
        for (int i = 0; i < km.size(); i++) {
            assertEquals(1.0, km.survival(i), 0.0);
            assertEquals(0.0, km.stdErr(i), 0.0);
            assertEquals(1.0, km.lower(i), 0.0);
            assertEquals(1.0, km.upper(i), 0.0);
        }
        assertEquals(new Estimate(1, 1, 1), km.at(7));
        final Estimate m = km.median();
        assertTrue(Double.isNaN(m.value()) && Double.isNaN(m.lo()) && Double.isNaN(m.hi()));
    }

    @Test
    void censoringAtTheHorizonWithAnEventOnTheHorizon() {
        // By hand, horizon 730: events at 100, 200 and 730; three censored at the horizon. At 730
        // the event comes first: n = 4, S = 5/6 · 4/5 · 3/4 = 1/2 exactly; Greenwood sum
        // 1/30 + 1/20 + 1/12 = 1/6. The curve is flat at 1/2 to the end of follow-up, so the median
        // is the midpoint of the flat's start and the last time: (730 + 730)/2.
        final LifeTable t = LifeTable.of(new double[] {730, 730, 730}, new double[] {100, 730, 200});
        final KaplanMeier km = KaplanMeier.of(t, L);
        assertEquals(3, km.size());
        assertEquals(4, t.atRisk(2));
        assertEquals(1, t.events(2));
        assertEquals(3, t.censored(2));
        assertEquals(0.5, km.survival(2), 1e-15);
        assertEquals(0.5 * Math.sqrt(1.0 / 6), km.stdErr(2), 1e-15);
        assertEquals(0.5, km.at(730).value(), 1e-15);
        assertTrue(Double.isNaN(km.at(731).value()), "beyond follow-up");
        assertEquals(730, km.median().value(), 0.0);
    }

    @Test
    void aFlatExactlyAtOneHalfGivesTheMidpointMedian() {
        // By hand: events at 1, 2, 7, censored at 9; S = 3/4, 1/2, 1/4. S is 1/2 on [2, 7): the
        // median is (2 + 7)/2 = 4.5 (R quantile.survfit convention).
        final KaplanMeier km = KaplanMeier.of(LifeTable.of(new double[] {9}, new double[] {7, 2, 1}), L);
        assertEquals(4.5, km.median().value(), 0.0);
    }

    @Test
    void aCurveThatReachesZeroHasAnUndefinedBandThere() {
        final KaplanMeier km = KaplanMeier.of(SurvivalData.placebo(), L);
        final int last = km.size() - 1;
        assertEquals(0.0, km.survival(last), 0.0);
        assertTrue(Double.isNaN(km.stdErr(last)) && Double.isNaN(km.lower(last)));
        // zero is known beyond the last time
        assertEquals(0.0, km.at(100).value(), 0.0);
    }
}
