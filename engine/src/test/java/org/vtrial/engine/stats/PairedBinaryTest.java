package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vtrial.engine.stats.ProportionTest.assertInterval;

import org.junit.jupiter.api.Test;

class PairedBinaryTest {

    @Test
    void pairedDifferenceEqualsThePublishedNewcombeIntervalForTheCavoExample() {
        // Fagerland, Lydersen & Laake, Statistical Analysis of Contingency Tables (2017), ch. 8:
        // complete response before/after consolidation (Cavo et al. 2012), table [[59, 6], [16, 80]];
        // Newcombe square-and-add interval: estimate -0.0621, 95% CI -0.1186 to -0.0046.
        final PairedBinary t = PairedBinary.of(59, 6, 16, 80);
        final Estimate d = t.difference(Confidence.LEVEL_95);
        assertEquals(-0.0621, d.value(), 5e-5);
        assertInterval(-0.1186, -0.0046, d);
        assertEquals(161, t.pairs());
    }

    @Test
    void mcnemarExactAndMidPEqualThePublishedValues() {
        // Fagerland, Lydersen & Laake, BMC Med Res Methodol 2013;13:91: airway hyper-responsiveness
        // (Bentur et al. 2009), discordant pairs 1 and 7: exact conditional p = 0.070, mid-p = 0.039.
        // By hand: P(X <= 1 | 8, 1/2) = 9/256, exact 2·9/256 = 0.0703125, mid-p 0.0703125 - 2·8/512 = 0.0390625.
        final PairedBinary t = PairedBinary.of(1, 1, 7, 12);
        assertEquals(0.0703125, t.mcnemarExactP(), 1e-14);
        assertEquals(0.0390625, t.mcnemarMidP(), 1e-14);
        // Symmetric in the discordant cells; no discordance gives 1.
        assertEquals(0.0703125, PairedBinary.of(1, 7, 1, 12).mcnemarExactP(), 1e-14);
        assertEquals(1.0, PairedBinary.of(3, 0, 0, 4).mcnemarMidP(), 0.0);
        // Equal discordant counts: exact p is capped at 1 and the mid-p is exactly 1 by symmetry.
        assertEquals(1.0, PairedBinary.of(0, 5, 5, 0).mcnemarExactP(), 0.0);
        assertEquals(1.0, PairedBinary.of(0, 5, 5, 0).mcnemarMidP(), 1e-14);
    }

    @Test
    void mcnemarStaysAccurateFarInTheTailAndForManyPairs() {
        // 590 discordant pairs all one way: exact p = 2·2^-590 = 2^-589, mid-p = 2^-590 (by hand).
        final PairedBinary oneWay = PairedBinary.of(10, 590, 0, 10);
        assertEquals(Math.scalb(1.0, -589), oneWay.mcnemarExactP(), 1e-10 * Math.scalb(1.0, -589));
        assertEquals(Math.scalb(1.0, -590), oneWay.mcnemarMidP(), 1e-10 * Math.scalb(1.0, -590));
        // 5000 vs 4800 discordant pairs; reference from SciPy 1.17 binom.cdf/pmf (an independent
        // implementation): exact 0.04440414879984631, mid-p 0.04335694889462376.
        final PairedBinary many = PairedBinary.of(0, 5000, 4800, 0);
        assertEquals(0.04440414879984631, many.mcnemarExactP(), 1e-9 * 0.0444);
        assertEquals(0.04335694889462376, many.mcnemarMidP(), 1e-9 * 0.0434);
    }

    @Test
    void theAccumulatorFillsTheTwoByTwoTable() {
        final PairedBinary a = PairedBinary.create();
        final PairedBinary b = PairedBinary.create();
        a.accept(true, true);
        a.accept(true, false);
        b.accept(true, false);
        b.accept(false, true);
        b.accept(false, false);
        a.combine(b);
        assertEquals(1, a.both());
        assertEquals(2, a.armOnly());
        assertEquals(1, a.referenceOnly());
        assertEquals(1, a.neither());
        // p_arm - p_ref = 3/5 - 2/5
        assertEquals(0.2, a.difference(0.95).value(), 1e-15);
    }
}
