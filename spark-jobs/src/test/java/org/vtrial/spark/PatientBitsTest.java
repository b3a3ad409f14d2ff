package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Paging bit sets against java.util.BitSet on the same indices. */
class PatientBitsTest {

    @Test
    void countsIntersectionsAndDifferencesAcrossPagesLikeBitSet() {
        final SplittableRandom r = new SplittableRandom(3);
        final PatientBits a = new PatientBits();
        final PatientBits b = new PatientBits();
        final PatientBits within = new PatientBits();
        final BitSet ra = new BitSet();
        final BitSet rb = new BitSet();
        final BitSet rw = new BitSet();
        for (int i = 0; i < 20_000; i++) {
            // indices over four pages of 65,536, with gaps
            final int x = r.nextInt(4 * 65_536);
            a.add(x);
            ra.set(x);
            final int y = r.nextInt(4 * 65_536);
            b.add(y);
            rb.set(y);
            final int w = r.nextInt(3 * 65_536);
            within.add(w);
            rw.set(w);
        }
        final BitSet both = (BitSet) ra.clone();
        both.and(rb);
        assertEquals(both.cardinality(), PatientBits.countBoth(a, b));
        final BitSet without = (BitSet) ra.clone();
        without.andNot(rb);
        without.and(rw);
        assertEquals(without.cardinality(), PatientBits.countWithout(a, b, within));
    }

    @Test
    void repeatedIndicesAreReportedWhenAddedAndWhenCombined() {
        final PatientBits a = new PatientBits();
        assertTrue(a.add(70_000));
        assertFalse(a.add(70_000));
        final PatientBits b = new PatientBits();
        b.add(70_000);
        b.add(5);
        assertEquals(1, a.combine(b));
        assertEquals(2, PatientBits.countBoth(a, a));
    }
}
