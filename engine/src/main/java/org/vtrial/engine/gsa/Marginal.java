package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.Locale;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.util.FastMath;

/**
 * The distribution of one varied parameter, as the map from a probability {@code u} in
 * {@code (0, 1)} to a value (its inverse CDF): the sensitivity analysis explores a parameter through
 * this map, so a design point in the unit cube becomes a parameter vector. Kinds: {@code uniform}
 * and {@code log-uniform} on {@code [min, max]}, {@code normal} (mean, sd), {@code lognormal}
 * ({@code ln X ~ normal(log_mean, log_sd)}, the median being {@code exp(log_mean)}); both normal kinds
 * through Hipparchus' standard normal {@code inverseCumulativeProbability} (its inverse error
 * function), the lognormal as {@code exp} of the normal quantile.
 *
 * <p>This class is the GSA's own parameter-distribution mapping; the population sampler's
 * distributions (package {@code org.vtrial.engine.sampling}) share the inverse-CDF contract and can
 * take its place. Immutable; {@link #quantile} allocates nothing and is bit-reproducible (Hipparchus
 * {@link FastMath} is pure Java).
 */
public final class Marginal implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Distribution kinds, by their spec names. */
    public enum Kind {
        UNIFORM("uniform"), LOG_UNIFORM("log-uniform"), NORMAL("normal"), LOGNORMAL("lognormal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the spec name */
        public String label() {
            return label;
        }

        /** @return the kind of a spec name, or null */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    private final Kind kind;
    private final double p1;
    private final double p2;
    /** the standard normal (both normal kinds map through its quantile) */
    private final NormalDistribution normal;

    private Marginal(Kind kind, double p1, double p2) {
        this.kind = kind;
        this.p1 = p1;
        this.p2 = p2;
        this.normal = kind == Kind.NORMAL || kind == Kind.LOGNORMAL ? new NormalDistribution(0, 1) : null;
    }

    /** Uniform on {@code [min, max]}, {@code min < max}, both finite. */
    public static Marginal uniform(double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max && Double.isFinite(max - min))) {
            throw new IllegalArgumentException("uniform: need finite min < max, got [" + min + ", " + max + "]");
        }
        return new Marginal(Kind.UNIFORM, min, max);
    }

    /** Log-uniform on {@code [min, max]}, {@code 0 < min < max}. */
    public static Marginal logUniform(double min, double max) {
        if (!(min > 0 && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("log-uniform: need 0 < min < max, got [" + min + ", " + max + "]");
        }
        return new Marginal(Kind.LOG_UNIFORM, min, max);
    }

    /** Normal with finite mean and {@code sd > 0}. */
    public static Marginal normal(double mean, double sd) {
        if (!(Double.isFinite(mean) && sd > 0 && Double.isFinite(sd))) {
            throw new IllegalArgumentException("normal: need a finite mean and sd > 0, got " + mean + ", " + sd);
        }
        return new Marginal(Kind.NORMAL, mean, sd);
    }

    /** Lognormal: {@code ln X ~ normal(logMean, logSd)}, {@code logSd > 0}. */
    public static Marginal lognormal(double logMean, double logSd) {
        if (!(Double.isFinite(logMean) && logSd > 0 && Double.isFinite(logSd))) {
            throw new IllegalArgumentException("lognormal: need a finite log_mean and log_sd > 0, got "
                    + logMean + ", " + logSd);
        }
        return new Marginal(Kind.LOGNORMAL, logMean, logSd);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the smallest value of the support (-infinity for normal, 0 for lognormal) */
    public double lower() {
        switch (kind) {
            case UNIFORM:
            case LOG_UNIFORM:
                return p1;
            case NORMAL:
                return Double.NEGATIVE_INFINITY;
            default:
                return 0;
        }
    }

    /** @return the largest value of the support (+infinity for the normal kinds) */
    public double upper() {
        return kind == Kind.UNIFORM || kind == Kind.LOG_UNIFORM ? p2 : Double.POSITIVE_INFINITY;
    }

    /**
     * @param u probability in {@code (0, 1)} ({@code [0, 1]} for the bounded kinds)
     * @return the value with {@code P(X <= value) = u}
     */
    public double quantile(double u) {
        switch (kind) {
            case UNIFORM:
                // from the nearer bound: exact at both ends
                return u <= 0.5 ? p1 + u * (p2 - p1) : p2 - (1 - u) * (p2 - p1);
            case LOG_UNIFORM:
                // clamped: exp(log(max)) may round one ulp above max
                return Math.min(p2, Math.max(p1, FastMath.exp(FastMath.log(p1) + u * (FastMath.log(p2) - FastMath.log(p1)))));
            case NORMAL:
                return p1 + p2 * normal.inverseCumulativeProbability(u);
            default:
                // exp of the normal quantile: Hipparchus' LogNormalDistribution inverts its CDF with a
                // root solver (about 1e-11 relative), the closed form is exact to rounding
                return FastMath.exp(p1 + p2 * normal.inverseCumulativeProbability(u));
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case UNIFORM:
            case LOG_UNIFORM:
                return String.format(Locale.ROOT, "%s[%s, %s]", kind.label, p1, p2);
            case NORMAL:
                return String.format(Locale.ROOT, "normal(mean=%s, sd=%s)", p1, p2);
            default:
                return String.format(Locale.ROOT, "lognormal(log_mean=%s, log_sd=%s)", p1, p2);
        }
    }
}
