package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AalenJohansenTest {

    @Test
    void handComputedIncidencesOfTwoCompetingCauses() {
        // By hand, 6 subjects: cause 1 at 1, 2, 4; cause 2 at 2; censored at 3, 5.
        // t=1: n=6, F1 = 1/6, S = 5/6.  t=2: n=5, F1 += 5/6·1/5 -> 1/3, F2 = 5/6·1/5 = 1/6, S = 1/2.
        // t=4: n=2, F1 += 1/2·1/2 -> 7/12, S = 1/4.  F1 + F2 = 3/4 = 1 - S.
        // (1 - KM with cause 2 as censoring would give 2/3 for cause 1 by t=4: it overstates.)
        final LifeTable t = LifeTable.of(new double[] {3, 5}, new double[] {1, 2, 4}, new double[] {2});
        final AalenJohansen aj = AalenJohansen.of(t);
        assertEquals(1.0 / 6, aj.at(1, 1), 1e-15);
        assertEquals(1.0 / 3, aj.at(1, 2), 1e-15);
        assertEquals(1.0 / 6, aj.at(2, 2.5), 1e-15);
        assertEquals(7.0 / 12, aj.at(1, 4), 1e-15);
        assertEquals(7.0 / 12, aj.at(1, 5), 1e-15);
        assertEquals(0.0, aj.at(2, 0.5), 0.0);
        assertTrue(Double.isNaN(aj.at(1, 6)), "beyond follow-up");
        final LifeTable cause1Only = LifeTable.of(new double[] {3, 5, 2}, new double[] {1, 2, 4});
        assertEquals(2.0 / 3, 1 - KaplanMeier.of(cause1Only, 0.95).at(4).value(), 1e-15);
    }

    @Test
    void incidencesSumToOneMinusTheKaplanMeierCurveOfTheCombinedEvent() {
        // Random data with many ties (times on a coarse grid): at every time, F1 + F2 + F3 = 1 - S_KM.
        final SplittableRandom r = new SplittableRandom(11);
        final EventSample s = EventSample.create(3);
        for (int i = 0; i < 5000; i++) {
            s.accept(r.nextInt(200), r.nextInt(4));
        }
        final LifeTable t = s.table();
        final AalenJohansen aj = AalenJohansen.of(t);
        final KaplanMeier km = KaplanMeier.of(t, 0.95);
        assertEquals(km.size(), aj.size());
        for (int i = 0; i < aj.size(); i++) {
            final double sum = aj.incidence(1, i) + aj.incidence(2, i) + aj.incidence(3, i);
            assertEquals(1 - km.survival(i), sum, 1e-12, "at " + aj.time(i));
        }
        assertEquals(5000, t.subjects());
        assertEquals(5000, t.totalCensored() + t.totalEvents(1) + t.totalEvents(2) + t.totalEvents(3));
    }

    @Test
    void withOneCauseTheIncidenceIsOneMinusKaplanMeier() {
        final AalenJohansen aj = AalenJohansen.of(SurvivalData.mp6());
        final KaplanMeier km = KaplanMeier.of(SurvivalData.mp6(), 0.95);
        for (int i = 0; i < aj.size(); i++) {
            assertEquals(1 - km.survival(i), aj.incidence(1, i), 1e-15);
        }
    }
}
