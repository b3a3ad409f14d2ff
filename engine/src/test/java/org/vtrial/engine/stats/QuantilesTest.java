package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void typeSevenInterpolatesBetweenOrderStatistics() {
        // R: quantile(1:10, c(0, .1, .25, .5, .9, 1)) = 1.00 1.90 3.25 5.50 9.10 10.00 (type 7):
        // h = 9p, e.g. p = 0.25 -> h = 2.25 -> 3 + 0.25·(4 - 3).
        final double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertArrayEquals(new double[] {1, 1.9, 3.25, 5.5, 9.1, 10},
                Quantiles.type7(x, 0, 0.1, 0.25, 0.5, 0.9, 1), 1e-14);
    }

    @Test
    void anUnsortedSampleGivesTheQuantilesOfItsSortedValues() {
        // Sorted: 1.4 3.1 5.0 7.7 10.2; by hand p = 0.05: h = 0.2 -> 1.4 + 0.2·1.7 = 1.74;
        // p = 0.9: h = 3.6 -> 7.7 + 0.6·2.5 = 9.2; p = 0.5: h = 2 -> 5.0 exactly.
        final DoubleSample s = DoubleSample.of(10.2, 3.1, 7.7);
        s.combine(DoubleSample.of(1.4, 5.0));
        assertEquals(5, s.size());
        assertArrayEquals(new double[] {1.74, 5.0, 9.2}, s.quantiles(0.05, 0.5, 0.9), 1e-14);
        // mean by hand: 27.4 / 5
        assertEquals(5.48, s.mean(), 1e-14);
    }

    @Test
    void summaryQuantilesOfALargeRandomSampleMatchTheDefinitionOnTheSortedArray() {
        final SplittableRandom r = new SplittableRandom(7);
        final double[] x = new double[1001];
        final DoubleSample a = DoubleSample.create();
        final DoubleSample b = DoubleSample.create();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(r.nextGaussian());
            (i % 3 == 0 ? a : b).accept(x[i]);
        }
        Arrays.sort(x);
        // n = 1001: h = 1000·p is an integer for every summary probability, so Q(p) = x[1000·p].
        final double[] q = a.combine(b).quantiles(Quantiles.SUMMARY);
        for (int k = 0; k < Quantiles.SUMMARY.length; k++) {
            assertEquals(x[(int) Math.round(1000 * Quantiles.SUMMARY[k])], q[k], 0.0);
        }
    }

    @Test
    void smallAndInvalidSamples() {
        assertTrue(Double.isNaN(DoubleSample.create().quantiles(0.5)[0]));
        assertArrayEquals(new double[] {3, 3}, DoubleSample.of(3).quantiles(0.05, 0.95), 0.0);
        assertThrows(IllegalArgumentException.class, () -> DoubleSample.create().accept(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1}, 1, 1.5));
    }
}
