package org.vtrial.engine.gsa;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Counter-based random streams of the sensitivity analysis: commons-rng {@code PHILOX_4X64} keyed
 * by {@code (seed, purpose)} with the stream number in the second counter word (seed array
 * {@code {key0, key1, counter0..3}}), so streams are {@code 2^64} blocks apart and each one is a pure
 * function of {@code (seed, purpose, stream)} — independent of how many other streams were used,
 * of thread and of order.
 */
final class Streams {

    /** Morris trajectory {@code t}: its start levels, directions and order of moves. */
    static final long MORRIS_TRAJECTORY = 0x4d4f5252L;
    /** Bootstrap resample {@code b}. */
    static final long BOOTSTRAP = 0x424f4f54L;

    private Streams() {
    }

    /** @return the generator of stream {@code stream} of {@code purpose} under {@code seed} */
    static UniformRandomProvider of(long seed, long purpose, long stream) {
        return RandomSource.PHILOX_4X64.create(new long[] {seed, purpose, 0, stream, 0, 0});
    }
}
