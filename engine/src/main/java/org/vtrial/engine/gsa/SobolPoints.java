package org.vtrial.engine.gsa;

import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Points of the Sobol' low-discrepancy sequence computed directly from their index: point {@code n}
 * is the XOR of the direction numbers selected by the bits of the Gray code {@code n ^ (n >>> 1)}
 * (Antonov–Saleev), so any point is produced in {@code O(dimension * 31)} operations, independent of
 * which points were produced before, with no allocation.
 *
 * <p>The direction numbers are Hipparchus' ({@link SobolSequenceGenerator}: Joe–Kuo
 * {@code new-joe-kuo-6.21201}, 52 bits). They are read off through its public {@code skipTo}: the
 * point of index {@code 2^(b+1) - 1} has Gray code {@code 2^b}, hence equals direction number
 * {@code b + 1} scaled by {@code 2^-52} (exactly: the sequence's values are integers below
 * {@code 2^52} times {@code 2^-52}). Points are therefore bit-identical to Hipparchus'
 * {@code nextVector()} sequence (index 0 is the origin); tests check this.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SobolPoints {

    /** Indices are below {@code 2^31} (Hipparchus' {@code skipTo} takes an {@code int}). */
    public static final int BITS = 31;

    /** Largest index supported. */
    public static final long MAX_INDEX = (1L << BITS) - 1;

    private static final double SCALE = 0x1p-52;

    private final int dimension;
    /** direction[j * BITS + b]: direction number b + 1 of dimension j, as a 52-bit integer. */
    private final long[] direction;

    /**
     * @param dimension number of coordinates (1 to 21201, Hipparchus' table)
     * @throws IllegalArgumentException outside that range
     */
    public SobolPoints(int dimension) {
        if (dimension < 1 || dimension > 21201) {
            throw new IllegalArgumentException("Sobol dimension must be in [1, 21201], got " + dimension);
        }
        this.dimension = dimension;
        this.direction = new long[dimension * BITS];
        final SobolSequenceGenerator generator = new SobolSequenceGenerator(dimension);
        for (int b = 0; b < BITS; b++) {
            final double[] p = generator.skipTo((int) ((1L << (b + 1)) - 1));
            for (int j = 0; j < dimension; j++) {
                final long v = (long) (p[j] * 0x1p52);
                if (v * SCALE != p[j]) {
                    throw new IllegalStateException("Sobol direction number not a 52-bit fraction");
                }
                direction[j * BITS + b] = v;
            }
        }
    }

    /** @return number of coordinates */
    public int dimension() {
        return dimension;
    }

    /**
     * Writes point {@code index} into {@code out[offset .. offset + dimension)}.
     *
     * @param index point index in {@code [0, MAX_INDEX]}
     */
    public void point(long index, double[] out, int offset) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("Sobol index out of [0, 2^31): " + index);
        }
        final long gray = index ^ (index >>> 1);
        for (int j = 0; j < dimension; j++) {
            long x = 0;
            long g = gray;
            int b = j * BITS;
            while (g != 0) {
                if ((g & 1) != 0) {
                    x ^= direction[b];
                }
                g >>>= 1;
                b++;
            }
            out[offset + j] = x * SCALE;
        }
    }
}
