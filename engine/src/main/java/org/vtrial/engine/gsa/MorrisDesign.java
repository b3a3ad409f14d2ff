package org.vtrial.engine.gsa;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Morris' elementary-effects design (Morris 1991, "Factorial sampling plans for preliminary
 * computational experiments", Technometrics 33:161–174): {@code r} trajectories of {@code k + 1}
 * points on a grid of {@code p} levels per parameter; consecutive points of a trajectory differ in
 * exactly one parameter, and every parameter moves exactly once per trajectory, by
 * {@code p / 2} levels up or down.
 *
 * <p>Levels are the centres of {@code p} equal-probability strata, {@code u = (l + 1/2) / p} for
 * {@code l = 0 .. p-1} (so that unbounded distributions map to finite values); a move of
 * {@code p / 2} levels changes the probability by {@link #DELTA} {@code = 1/2}. Trajectory
 * {@code t} (base {@code t}; step {@code s} is block {@code s}) draws, from its own counter-based
 * stream keyed by {@code (seed, t)}, for each parameter a start level pair
 * {@code (l, l + p/2)} with {@code l} uniform in {@code [0, p/2)} and a direction (start low and
 * move up, or start high and move down), then the order of the moves (a uniform permutation).
 * These choices are drawn once when the design is built ({@code O(r k)} integers) and every point
 * is computed from them and its key.
 */
public final class MorrisDesign implements Design {

    private static final long serialVersionUID = 1L;

    /** Change of a parameter's probability at its move. */
    public static final double DELTA = 0.5;

    /** Largest number of trajectories. */
    public static final int MAX_TRAJECTORIES = 1 << 20;

    private final int r;
    private final int p;
    private final int k;
    private final long seed;
    /** start[t * k + j]: level of parameter j at step 0 of trajectory t. */
    private final short[] start;
    /** up[t * k + j]: whether parameter j moves up in trajectory t. */
    private final boolean[] up;
    /** order[t * k + s]: parameter moved to reach step s + 1 of trajectory t. */
    private final int[] order;

    private MorrisDesign(int r, int p, int k, long seed) {
        this.r = r;
        this.p = p;
        this.k = k;
        this.seed = seed;
        this.start = new short[r * k];
        this.up = new boolean[r * k];
        this.order = new int[r * k];
        final int half = p / 2;
        for (int t = 0; t < r; t++) {
            final UniformRandomProvider rng = Streams.of(seed, Streams.MORRIS_TRAJECTORY, t);
            for (int j = 0; j < k; j++) {
                final int low = rng.nextInt(half);
                final boolean goesUp = rng.nextBoolean();
                up[t * k + j] = goesUp;
                start[t * k + j] = (short) (goesUp ? low : low + half);
            }
            // Fisher–Yates from the identity: a uniform order of the moves
            for (int s = 0; s < k; s++) {
                order[t * k + s] = s;
            }
            for (int s = k - 1; s > 0; s--) {
                final int o = rng.nextInt(s + 1);
                final int tmp = order[t * k + s];
                order[t * k + s] = order[t * k + o];
                order[t * k + o] = tmp;
            }
        }
    }

    /**
     * @param trajectories number of trajectories {@code r}, in {@code [2, 2^20]}
     * @param levels       number of levels {@code p}, even, in {@code [2, 1000]}
     * @param k            number of parameters, in {@code [1, 10000]}
     * @param seed         seed of the trajectories' streams
     * @throws IllegalArgumentException naming the offending value
     */
    public static MorrisDesign of(int trajectories, int levels, int k, long seed) {
        final String problem = check(trajectories, levels);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (k < 1 || k > 10_000) {
            throw new IllegalArgumentException("a Morris design needs 1 to 10000 parameters, got " + k);
        }
        if ((long) trajectories * k > 50_000_000L) {
            throw new IllegalArgumentException("a Morris design of " + trajectories + " trajectories of " + k
                    + " parameters is too large (r * k at most 5e7)");
        }
        return new MorrisDesign(trajectories, levels, k, seed);
    }

    /** @return why {@code (trajectories, levels)} is not admissible, or null */
    public static String check(long trajectories, long levels) {
        if (trajectories < 2 || trajectories > MAX_TRAJECTORIES) {
            return "trajectories = " + trajectories + " is out of range [2, " + MAX_TRAJECTORIES
                    + "] (sigma needs at least two elementary effects per parameter)";
        }
        if (levels < 2 || levels > 1000 || levels % 2 != 0) {
            return "levels = " + levels + " must be even and in [2, 1000] (a move spans half the levels)";
        }
        return null;
    }

    /** @return the number of levels {@code p} */
    public int levels() {
        return p;
    }

    /** @return the seed of the trajectories */
    public long seed() {
        return seed;
    }

    @Override
    public int dimension() {
        return k;
    }

    @Override
    public int bases() {
        return r;
    }

    @Override
    public int blocks() {
        return k + 1;
    }

    @Override
    public String blockLabel(int block) {
        if (block < 0 || block > k) {
            throw new IllegalArgumentException("no step " + block + " in a trajectory of " + k + " parameters");
        }
        return "step_" + block;
    }

    @Override
    public int blockIndex(String label) {
        if (label != null && label.startsWith("step_")) {
            try {
                final int s = Integer.parseInt(label.substring(5));
                return s >= 0 && s <= k ? s : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public int blockParameter(int base, int block) {
        return block == 0 ? -1 : order[base * k + block - 1];
    }

    /** @return +1 when parameter {@code j} moves up in trajectory {@code t}, -1 when it moves down */
    public int direction(int t, int j) {
        return up[t * k + j] ? 1 : -1;
    }

    @Override
    public Points points() {
        final int half = p / 2;
        final double width = 1.0 / p;
        return (base, block, u) -> {
            if (base < 0 || base >= r || block < 0 || block > k) {
                throw new IllegalArgumentException("no point (" + base + ", " + block + ") in this design");
            }
            final int o = base * k;
            for (int j = 0; j < k; j++) {
                u[j] = (start[o + j] + 0.5) * width;
            }
            for (int s = 0; s < block; s++) {
                final int j = order[o + s];
                u[j] = (start[o + j] + (up[o + j] ? half : -half) + 0.5) * width;
            }
        };
    }

    @Override
    public String toString() {
        return "Morris design r=" + r + " p=" + p + " k=" + k + " seed=" + seed;
    }
}
