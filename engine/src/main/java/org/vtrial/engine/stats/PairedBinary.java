package org.vtrial.engine.stats;

import java.io.Serializable;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * A binary outcome observed twice on the same subjects (matched pairs): here the same virtual
 * patient, with the same random numbers, treated in an arm and in the reference arm. Counts the
 * 2×2 table of pairs and gives the paired difference with Newcombe's interval and McNemar's exact
 * and mid-p tests.
 *
 * <p>Table: {@code both} (success in both), {@code armOnly}, {@code referenceOnly}, {@code neither};
 * the discordant pairs {@code armOnly} and {@code referenceOnly} carry all the information about the
 * difference {@code p_arm - p_reference = (armOnly - referenceOnly) / pairs}.
 */
public final class PairedBinary implements Serializable {

    private static final long serialVersionUID = 1L;

    private long both;
    private long armOnly;
    private long referenceOnly;
    private long neither;

    private PairedBinary() {
    }

    /** @return an empty table */
    public static PairedBinary create() {
        return new PairedBinary();
    }

    /** @return a table with the given counts */
    public static PairedBinary of(long both, long armOnly, long referenceOnly, long neither) {
        if (both < 0 || armOnly < 0 || referenceOnly < 0 || neither < 0) {
            throw new IllegalArgumentException("negative count in paired table");
        }
        final PairedBinary t = new PairedBinary();
        t.both = both;
        t.armOnly = armOnly;
        t.referenceOnly = referenceOnly;
        t.neither = neither;
        return t;
    }

    /** Adds one pair. */
    public void accept(boolean arm, boolean reference) {
        if (arm) {
            if (reference) {
                both++;
            } else {
                armOnly++;
            }
        } else if (reference) {
            referenceOnly++;
        } else {
            neither++;
        }
    }

    /** Adds the other table's pairs; returns this. */
    public PairedBinary combine(PairedBinary other) {
        both += other.both;
        armOnly += other.armOnly;
        referenceOnly += other.referenceOnly;
        neither += other.neither;
        return this;
    }

    public long both() {
        return both;
    }

    public long armOnly() {
        return armOnly;
    }

    public long referenceOnly() {
        return referenceOnly;
    }

    public long neither() {
        return neither;
    }

    public long pairs() {
        return both + armOnly + referenceOnly + neither;
    }

    /**
     * The paired difference {@code p_arm - p_reference} with Newcombe's square-and-add interval for
     * paired data (method 10 of Newcombe, Stat Med 1998;17:2635-2650): Wilson limits of both marginal
     * proportions, combined with the correlation {@code phi} of the 2×2 table
     * ({@code phi = C / sqrt((a+b)(c+d)(a+c)(b+d))} with {@code C = ad - bc - n/2} when
     * {@code ad - bc > n/2}, {@code 0} when {@code 0 <= ad - bc <= n/2}, {@code ad - bc} otherwise;
     * {@code phi = 0} when a margin is empty).
     *
     * @return {@link Estimate#UNDEFINED} without pairs
     */
    public Estimate difference(double level) {
        final long n = pairs();
        if (n == 0) {
            return Estimate.UNDEFINED;
        }
        final long a = both;
        final long b = armOnly;
        final long c = referenceOnly;
        final long d = neither;
        final Estimate w1 = Proportion.wilson(a + b, n, level);
        final Estimate w2 = Proportion.wilson(a + c, n, level);
        final double p1 = w1.value();
        final double p2 = w2.value();
        final double margins = (double) (a + b) * (c + d) * (a + c) * (b + d);
        final double cross = (double) a * d - (double) b * c;
        final double corrected = cross > n / 2.0 ? cross - n / 2.0 : (cross >= 0 ? 0 : cross);
        final double phi = margins > 0 ? corrected / Math.sqrt(margins) : 0;
        final double l1 = p1 - w1.lo();
        final double u1 = w1.hi() - p1;
        final double l2 = p2 - w2.lo();
        final double u2 = w2.hi() - p2;
        final double diff = p1 - p2;
        final double lo = diff - Math.sqrt(Math.max(0, l1 * l1 - 2 * phi * l1 * u2 + u2 * u2));
        final double hi = diff + Math.sqrt(Math.max(0, l2 * l2 - 2 * phi * l2 * u1 + u1 * u1));
        return new Estimate(diff, Math.max(-1, lo), Math.min(1, hi));
    }

    /**
     * McNemar's exact conditional test: under no difference, {@code armOnly ~ Binomial(b + c, 1/2)}
     * given the {@code b + c} discordant pairs; two-sided {@code p = min(1, 2·P(X <= min(b, c)))}.
     *
     * @return the p-value (1 without discordant pairs)
     */
    public double mcnemarExactP() {
        return mcnemar(armOnly, referenceOnly, false);
    }

    /**
     * McNemar's mid-p test (Fagerland, Lydersen &amp; Laake, BMC Med Res Methodol 2013;13:91): the
     * exact p-value minus the probability of the observed table, {@code 2·P(X < k) + P(X = k)} for
     * {@code k = min(b, c)}, at most 1.
     */
    public double mcnemarMidP() {
        return mcnemar(armOnly, referenceOnly, true);
    }

    static double mcnemar(long b, long c, boolean mid) {
        final long n = b + c;
        if (n == 0) {
            return 1;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 discordant pairs");
        }
        final BinomialDistribution x = new BinomialDistribution((int) n, 0.5);
        final int k = (int) Math.min(b, c);
        // P(X < k) and P(X = k) added, never subtracted: far in the tail (e.g. 590 discordant pairs
        // all one way, p ~ 1e-178) a difference of two tail probabilities would cancel.
        final double below = k == 0 ? 0 : x.cumulativeProbability(k - 1);
        final double at = x.probability(k);
        final double p = mid ? 2 * below + at : 2 * (below + at);
        return Math.min(1, p);
    }
}
