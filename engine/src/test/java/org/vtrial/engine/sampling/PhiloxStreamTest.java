package org.vtrial.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free Philox stream against commons-rng's PHILOX_4X64 (the reference
 * implementation of Salmon et al. 2011 the issue names): identical outputs for the same key and
 * counter, including counter carries.
 */
class PhiloxStreamTest {

    private static final long[][] SEEDS = {
        {0, 0, 0, 0, 0, 0},
        {20261126L, RandomStreams.PATIENT_PARAMETERS, 0, 12345, 3, 0},
        {-1L, Long.MIN_VALUE, 0, 99_999_999L, 999, 65},
        // counter0 = -1: the first increment carries into counter1, -1 everywhere carries through all words.
        {42, 7, -1L, 5, 6, 7},
        {42, 7, -1L, -1L, -1L, -1L},
        {0x9E3779B97F4A7C15L, 0xBB67AE8584CAA73BL, 17, 0, 0, 1},
    };

    @Test
    void sameOutputsAsCommonsRng() {
        final PhiloxStream mine = new PhiloxStream();
        for (long[] seed : SEEDS) {
            final UniformRandomProvider reference = RandomSource.PHILOX_4X64.create(seed.clone());
            mine.reset(seed[0], seed[1], seed[2], seed[3], seed[4], seed[5]);
            // 4 blocks of 4 outputs: crosses block boundaries and counter increments.
            for (int i = 0; i < 17; i++) {
                assertEquals(reference.nextLong(), mine.nextLong(), "seed " + java.util.Arrays.toString(seed) + " output " + i);
            }
        }
    }

    @Test
    void resetRepositionsAtAnyPoint() {
        final PhiloxStream s = new PhiloxStream();
        s.reset(1, 2, 3, 4, 5, 6);
        final long first = s.nextLong();
        s.nextLong();
        s.nextLong();
        s.reset(9, 9, 9, 9, 9, 9);
        s.nextLong();
        s.reset(1, 2, 3, 4, 5, 6);
        assertEquals(first, s.nextLong());
    }

    @Test
    void unsignedMultiplyHighMatchesBigInteger() {
        final long[] values = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xD2E7470EE14C6C93L, 0xCA5A826395121157L,
            123456789012345L, -987654321098765L};
        final BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (long a : values) {
            for (long b : values) {
                final BigInteger ua = BigInteger.valueOf(a).and(mask);
                final BigInteger ub = BigInteger.valueOf(b).and(mask);
                final long expected = ua.multiply(ub).shiftRight(64).longValue();
                assertEquals(expected, PhiloxStream.unsignedMultiplyHigh(a, b), a + " * " + b);
            }
        }
    }

    @Test
    void openUniformsAreTheTop52BitsShiftedByHalfASpacing() {
        final PhiloxStream s = new PhiloxStream();
        final UniformRandomProvider reference = RandomSource.PHILOX_4X64.create(new long[] {5, 6, 7, 8, 9, 10});
        s.reset(5, 6, 7, 8, 9, 10);
        for (int i = 0; i < 1000; i++) {
            final long bits = reference.nextLong();
            final double u = s.nextOpenUniform();
            // (k + 1/2) 2^-52 with k the top 52 bits, computed here in exact integer arithmetic:
            // (2k + 1) / 2^53 is exact in a double because 2k + 1 < 2^53.
            assertEquals((2 * (bits >>> 12) + 1) / 9007199254740992.0, u, 0.0);
            assertTrue(u > 0 && u < 1);
        }
        // The extreme outputs, k = 0 and k = 2^52 - 1, are 2^-53 and 1 - 2^-53, both below 1 and exact.
        assertEquals(1.0 / 9007199254740992.0, PhiloxStream.U_MIN, 0.0);
        assertEquals((9007199254740992.0 - 1) / 9007199254740992.0, PhiloxStream.U_MAX, 0.0);
        assertTrue(PhiloxStream.U_MAX < 1.0);
        assertEquals(Math.nextDown(1.0), PhiloxStream.U_MAX, 0.0);
    }
}
