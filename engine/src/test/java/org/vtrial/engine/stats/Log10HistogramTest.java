package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class Log10HistogramTest {

    @Test
    void powersOfTenOpenTheirBinAndValuesJustBelowCloseThePreviousOne() {
        final Log10Histogram h = Log10Histogram.create(10);
        // Bin k holds [10^(k/10), 10^((k+1)/10)): 1000 opens bin 30, its predecessor double is in 29.
        assertEquals(30, h.index(1000));
        assertEquals(29, h.index(Math.nextDown(1000.0)));
        assertEquals(-10, h.index(0.1));
        assertEquals(0, h.index(1));
        // 10^0.5 = 3.1622776601683795 lies in bin 4 ([10^0.4, 10^0.5)) or 5 depending on the edge:
        // whichever it is, it must lie inside the reported edges.
        for (double x : new double[] {3.1622776601683795, 2.5118864315095806, 7.5e9, 1e-300, 1e300}) {
            final int k = h.index(x);
            assertEquals(true, h.lower(k) <= x && x < h.lower(k + 1), "x = " + x + " in bin " + k);
        }
    }

    @Test
    void countsBinsNonPositiveValuesAndCombines() {
        final Log10Histogram a = Log10Histogram.create(1);
        final Log10Histogram b = Log10Histogram.create(1);
        // One bin per decade: 5 and 9.99 in [1, 10); 10, 50 in [10, 100); 1e6 in [1e6, 1e7); 0 and -1 apart.
        a.accept(5);
        a.accept(10);
        a.accept(0);
        b.accept(9.99);
        b.accept(50);
        b.accept(1e6);
        b.accept(-1);
        a.combine(b);
        assertEquals(7, a.count());
        assertEquals(2, a.nonPositive());
        final List<Log10Histogram.Bin> bins = a.bins();
        assertEquals(List.of(new Log10Histogram.Bin(0, 1, 10, 2), new Log10Histogram.Bin(1, 10, 100, 2),
                new Log10Histogram.Bin(6, 1e6, 1e7, 1)), bins);
    }

    @Test
    void growsDownwardsAndRefusesMismatchedCombination() {
        final Log10Histogram h = Log10Histogram.create(4);
        h.accept(1e5);
        h.accept(1e-5);
        h.accept(1e-5);
        assertEquals(2, h.bins().get(0).count());
        assertEquals(-20, h.bins().get(0).index());
        assertEquals(20, h.bins().get(1).index());
        assertThrows(IllegalArgumentException.class, () -> h.combine(Log10Histogram.create(5)));
        assertThrows(IllegalArgumentException.class, () -> h.accept(Double.POSITIVE_INFINITY));
    }
}
