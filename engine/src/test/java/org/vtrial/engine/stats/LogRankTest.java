package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogRankTest {

    @Test
    void freireichRemissionDataGiveThePublishedLogRankStatistic() {
        // Kleinbaum & Klein, Survival Analysis: A Self-Learning Text (3rd ed.), ch. 2, remission data:
        // group 1 (6-MP) O = 9, E = 19.25; group 2 (placebo) O = 21, E = 10.75; Var(O - E) = 6.2570;
        // log-rank statistic 16.79 (R survdiff: Chisq = 16.8 on 1 df, p = 4e-05).
        final LogRank.Result r = LogRank.test(SurvivalData.mp6(), SurvivalData.placebo(), 0.95);
        assertEquals(9, r.observed());
        assertEquals(21, r.observedReference());
        assertEquals(19.25, r.expected(), 5e-3);
        assertEquals(10.75, r.expectedReference(), 5e-3);
        assertEquals(6.2570, r.variance(), 5e-5);
        assertEquals(16.79, r.chiSquare(), 5e-3);
        // chi-square with 1 df: p = erfc(sqrt(16.79/2)) = 4.17e-5
        assertEquals(4.17e-5, r.pValue(), 5e-8);
    }

    @Test
    void petoHazardRatioAndItsIntervalFollowFromObservedExpectedAndVariance() {
        // By hand from the previous test's O - E = 9 - 19.2505 and V = 6.25696:
        // HR = exp((O - E)/V) = 0.1943, limits exp((O - E)/V ∓ 1.96/sqrt(V)) = 0.0888, 0.4254.
        final LogRank.Result r = LogRank.test(SurvivalData.mp6(), SurvivalData.placebo(), 0.95);
        final double logHr = (r.observed() - r.expected()) / r.variance();
        final double half = 1.959963984540054 / Math.sqrt(r.variance());
        assertEquals(Math.exp(logHr), r.hazardRatio().value(), 1e-14);
        assertEquals(Math.exp(logHr - half), r.hazardRatio().lo(), 1e-14);
        assertEquals(Math.exp(logHr + half), r.hazardRatio().hi(), 1e-14);
        assertEquals(0.1943, r.hazardRatio().value(), 5e-5);
        assertEquals(0.0888, r.hazardRatio().lo(), 5e-5);
        assertEquals(0.4254, r.hazardRatio().hi(), 5e-5);
    }

    @Test
    void swappingTheGroupsInvertsTheHazardRatioAndKeepsTheStatistic() {
        final LogRank.Result a = LogRank.test(SurvivalData.mp6(), SurvivalData.placebo(), 0.95);
        final LogRank.Result b = LogRank.test(SurvivalData.placebo(), SurvivalData.mp6(), 0.95);
        assertEquals(a.chiSquare(), b.chiSquare(), 1e-12);
        assertEquals(1 / a.hazardRatio().value(), b.hazardRatio().value(), 1e-12);
        assertEquals(1 / a.hazardRatio().hi(), b.hazardRatio().lo(), 1e-12);
    }

    @Test
    void withoutEventsThereIsNoTest() {
        final LifeTable censored = LifeTable.of(new double[] {5, 6});
        final LogRank.Result r = LogRank.test(censored, censored, 0.95);
        assertTrue(Double.isNaN(r.chiSquare()) && Double.isNaN(r.pValue()));
        assertEquals(0, r.observed());
    }
}
