package org.vtrial.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of patient indices as bits in pages of 65,536: one bit per patient, and only the pages a
 * partition touches (a partition of the simulation job holds a contiguous range of indices). Used
 * to pair arms on (replicate, patient_index) without a shuffle.
 */
final class PatientBits implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_BITS = 16;
    private static final int WORDS = (1 << PAGE_BITS) / 64;

    private final HashMap<Long, long[]> pages = new HashMap<>();
    private transient long lastPage = -1;
    private transient long[] last;

    /**
     * Adds an index.
     *
     * @return false if it was already present
     */
    boolean add(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative patient_index " + index);
        }
        final long page = index >>> PAGE_BITS;
        if (page != lastPage || last == null) {
            last = pages.computeIfAbsent(page, p -> new long[WORDS]);
            lastPage = page;
        }
        final int bit = (int) (index & ((1 << PAGE_BITS) - 1));
        final long mask = 1L << bit;
        final boolean fresh = (last[bit >>> 6] & mask) == 0;
        last[bit >>> 6] |= mask;
        return fresh;
    }

    /**
     * Adds the other set's indices; returns the number of indices present in both (duplicates).
     */
    long combine(PatientBits other) {
        long both = 0;
        for (Map.Entry<Long, long[]> e : other.pages.entrySet()) {
            final long[] mine = pages.computeIfAbsent(e.getKey(), p -> new long[WORDS]);
            final long[] theirs = e.getValue();
            for (int w = 0; w < WORDS; w++) {
                both += Long.bitCount(mine[w] & theirs[w]);
                mine[w] |= theirs[w];
            }
        }
        last = null;
        return both;
    }

    /** @return the number of indices in {@code a ∩ b} */
    static long countBoth(PatientBits a, PatientBits b) {
        return count(a, b, null, false);
    }

    /** @return the number of indices in {@code a ∩ within} that are not in {@code not} */
    static long countWithout(PatientBits a, PatientBits not, PatientBits within) {
        return count(a, within, not, true);
    }

    private static long count(PatientBits a, PatientBits b, PatientBits not, boolean negate) {
        long n = 0;
        for (Map.Entry<Long, long[]> e : a.pages.entrySet()) {
            final long[] pb = b.pages.get(e.getKey());
            if (pb == null) {
                continue;
            }
            final long[] pn = not == null ? null : not.pages.get(e.getKey());
            final long[] pa = e.getValue();
            for (int w = 0; w < WORDS; w++) {
                long x = pa[w] & pb[w];
                if (negate && pn != null) {
                    x &= ~pn[w];
                }
                n += Long.bitCount(x);
            }
        }
        return n;
    }
}
