package org.vtrial.engine.stats;

import java.io.Serializable;

/**
 * Counts successes among trials, with the Wilson score interval (Wilson 1927; method 3 of Newcombe,
 * Stat Med 1998;17:857-872, recommended by Brown, Cai &amp; DasGupta, Stat Sci 2001;16:101-133).
 */
public final class Proportion implements Serializable {

    private static final long serialVersionUID = 1L;

    private long successes;
    private long trials;

    private Proportion() {
    }

    /** @return an empty count */
    public static Proportion create() {
        return new Proportion();
    }

    /** @return a count holding the given numbers */
    public static Proportion of(long successes, long trials) {
        check(successes, trials);
        final Proportion p = new Proportion();
        p.successes = successes;
        p.trials = trials;
        return p;
    }

    /** Adds one trial. */
    public void accept(boolean success) {
        trials++;
        if (success) {
            successes++;
        }
    }

    /** Adds the other count's trials to this one; returns this. */
    public Proportion combine(Proportion other) {
        successes += other.successes;
        trials += other.trials;
        return this;
    }

    public long successes() {
        return successes;
    }

    public long trials() {
        return trials;
    }

    /** @return successes / trials, NaN without trials */
    public double value() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** @return the proportion with its Wilson score interval at the given level */
    public Estimate wilson(double level) {
        return wilson(successes, trials, level);
    }

    /**
     * The Wilson score interval: the set of {@code p} not rejected by the score test,
     * {@code (x + z²/2 ± z·sqrt(x(n-x)/n + z²/4)) / (n + z²)}. It stays inside [0, 1]; the limits are
     * exactly 0 for {@code x = 0} and exactly 1 for {@code x = n}.
     *
     * @return {@link Estimate#UNDEFINED} for {@code n = 0}
     */
    public static Estimate wilson(long x, long n, double level) {
        check(x, n);
        if (n == 0) {
            return Estimate.UNDEFINED;
        }
        final double z = Confidence.z(level);
        final double z2 = z * z;
        final double center = (x + z2 / 2) / (n + z2);
        final double half = z / (n + z2) * Math.sqrt((double) x * (n - x) / n + z2 / 4);
        final double lo = x == 0 ? 0 : Math.max(0, center - half);
        final double hi = x == n ? 1 : Math.min(1, center + half);
        return new Estimate((double) x / n, lo, hi);
    }

    static void check(long x, long n) {
        if (n < 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + x + " of " + n);
        }
    }
}
