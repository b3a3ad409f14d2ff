package org.vtrial.engine.stats;

/** Textbook survival data shared by the tests. */
final class SurvivalData {

    private SurvivalData() {
    }

    /**
     * Freireich et al. (Blood 1963;21:699-716) remission times in weeks of 42 children with acute
     * leukemia, as tabulated by Gehan (Biometrika 1965), Kleinbaum &amp; Klein (Survival Analysis, ch. 1-2,
     * "remission data") and Klein &amp; Moeschberger (Survival Analysis, §1.2): 6-MP group, events.
     */
    static final double[] MP6_EVENTS = {6, 6, 6, 7, 10, 13, 16, 22, 23};
    /** 6-MP group, censored (remission continuing). */
    static final double[] MP6_CENSORED = {6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35};
    /** Placebo group: all 21 relapsed. */
    static final double[] PLACEBO_EVENTS = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};

    static LifeTable mp6() {
        return LifeTable.of(MP6_CENSORED, MP6_EVENTS);
    }

    static LifeTable placebo() {
        return LifeTable.of(new double[0], PLACEBO_EVENTS);
    }
}
