package org.vtrial.engine.sampling;

/**
 * The Philox-4x64-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011), re-keyable without allocation: {@link #reset} positions the stream at any
 * (key, counter) in constant time, so each virtual patient's numbers are a pure function of its key.
 *
 * <p>The output sequence after {@code reset(k0, k1, c0, c1, c2, c3)} is exactly that of
 * commons-rng's {@code RandomSource.PHILOX_4X64.create(new long[] {k0, k1, c0, c1, c2, c3})}
 * (the tests check it). That class cannot be re-keyed without creating a new instance per patient,
 * hence this implementation. Like commons-rng, the first block of four outputs is the Philox
 * bijection of counter {@code (c0 + 1, c1, c2, c3)} (with carry); later blocks increment the
 * counter further.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class PhiloxStream {

    private static final long M0 = 0xD2E7470EE14C6C93L;
    private static final long M1 = 0xCA5A826395121157L;
    private static final long W0 = 0x9E3779B97F4A7C15L;
    private static final long W1 = 0xBB67AE8584CAA73BL;

    /** 2^-52: the spacing of the open uniforms. */
    private static final double TWO_POW_M52 = 0x1.0p-52;

    /** Smallest uniform {@link #nextOpenUniform} returns: 2^-53. */
    public static final double U_MIN = 0x1.0p-53;
    /** Largest uniform {@link #nextOpenUniform} returns: 1 - 2^-53, the largest double below 1. */
    public static final double U_MAX = 1.0 - 0x1.0p-53;

    private long key0;
    private long key1;
    private long c0;
    private long c1;
    private long c2;
    private long c3;
    private long b0;
    private long b1;
    private long b2;
    private long b3;
    private int position = 4;

    /**
     * Positions the stream at a key and counter.
     *
     * @param k0 key, low word
     * @param k1 key, high word
     * @param counter0 counter, lowest word (the block index within the stream)
     * @param counter1 counter, second word
     * @param counter2 counter, third word
     * @param counter3 counter, highest word
     */
    public void reset(long k0, long k1, long counter0, long counter1, long counter2, long counter3) {
        key0 = k0;
        key1 = k1;
        c0 = counter0;
        c1 = counter1;
        c2 = counter2;
        c3 = counter3;
        position = 4;
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        if (position == 4) {
            increment();
            block();
            position = 0;
        }
        switch (position++) {
            case 0: return b0;
            case 1: return b1;
            case 2: return b2;
            default: return b3;
        }
    }

    /**
     * @return a uniform number in the open interval (0, 1): the top 52 bits {@code k} of the next
     *         output as {@code (k + 1/2) * 2^-52}, exact in a double (53 significant bits), so the
     *         values lie in {@code [2^-53, 1 - 2^-53]} symmetrically and never reach 0 or 1: every
     *         inverse distribution function stays finite
     */
    public double nextOpenUniform() {
        return openUniform(nextLong());
    }

    /** @return the open uniform of 64 random bits, as {@link #nextOpenUniform} maps them */
    public static double openUniform(long bits) {
        return ((bits >>> 12) + 0.5) * TWO_POW_M52;
    }

    private void increment() {
        if (++c0 != 0) {
            return;
        }
        if (++c1 != 0) {
            return;
        }
        if (++c2 != 0) {
            return;
        }
        c3++;
    }

    /** Ten Philox rounds on the current counter and key into b0..b3. */
    private void block() {
        long x0 = c0;
        long x1 = c1;
        long x2 = c2;
        long x3 = c3;
        long k0 = key0;
        long k1 = key1;
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            final long lo0 = M0 * x0;
            final long hi0 = unsignedMultiplyHigh(M0, x0);
            final long lo1 = M1 * x2;
            final long hi1 = unsignedMultiplyHigh(M1, x2);
            x0 = hi1 ^ x1 ^ k0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1;
            x3 = lo0;
        }
        b0 = x0;
        b1 = x1;
        b2 = x2;
        b3 = x3;
    }

    /** High 64 bits of the unsigned 128-bit product (Java 17 has only the signed one). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
