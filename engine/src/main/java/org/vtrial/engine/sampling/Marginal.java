package org.vtrial.engine.sampling;

import java.util.Locale;

/**
 * A one-dimensional distribution given by its inverse distribution function, optionally truncated
 * to {@code [lower, upper]}: the mapping of one coordinate of the unit cube to one parameter value.
 *
 * <p>Truncation is exact and uses one uniform: {@code x = F^-1(F(lower) + u (F(upper) - F(lower)))},
 * no rejection, so every patient consumes the same number of random numbers whatever its values.
 * {@link #inverse} allocates nothing, never throws, and is bit-identical on every machine
 * (StrictMath and Hipparchus' pure-Java FastMath only).
 *
 * <p>Immutable and thread-safe.
 */
public final class Marginal {

    /** The distribution families. */
    public enum Kind {
        FIXED("fixed"), NORMAL("normal"), LOGNORMAL("lognormal"), UNIFORM("uniform"), LOG_UNIFORM("log-uniform");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the name used in cohort files */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    /** Location: the value (fixed), mean (normal), log-mean (lognormal), min or ln(min). */
    private final double a;
    /** Scale: sd (normal), log-sd (lognormal), max or ln(max). */
    private final double b;
    private final double lower;
    private final double upper;
    /**
     * True when a normal or lognormal is truncated to a window above its median: then the mapping
     * runs on the survival function, {@code z = -Phi^-1(S(lower) - u * mass)}, which keeps full
     * relative accuracy of the window's small upper-tail probabilities.
     */
    private final boolean mirrored;
    /** F(lower), or S(lower) when mirrored. */
    private final double pLower;
    /** The probability mass of [lower, upper]. */
    private final double pWidth;

    private Marginal(Kind kind, double a, double b, double lower, double upper) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.lower = lower;
        this.upper = upper;
        final boolean normalFamily = kind == Kind.NORMAL || kind == Kind.LOGNORMAL;
        this.mirrored = normalFamily && lower > Double.NEGATIVE_INFINITY && standardized(lower) > 0;
        if (kind == Kind.FIXED) {
            this.pLower = 0;
            this.pWidth = 1;
        } else if (mirrored) {
            final double sl = StandardNormal.survival(standardized(lower));
            final double su = upper == Double.POSITIVE_INFINITY ? 0.0 : StandardNormal.survival(standardized(upper));
            this.pLower = sl;
            this.pWidth = Math.max(0.0, sl - su);
        } else {
            final double pl = lower == Double.NEGATIVE_INFINITY ? 0.0 : baseCdf(lower);
            final double pu = upper == Double.POSITIVE_INFINITY ? 1.0 : baseCdf(upper);
            this.pLower = pl;
            this.pWidth = Math.max(0.0, pu - pl);
        }
    }

    /** The standard normal deviate of {@code x} for the normal family (-infinity at x <= 0 for the lognormal). */
    private double standardized(double x) {
        if (kind == Kind.LOGNORMAL) {
            return x <= 0 ? Double.NEGATIVE_INFINITY : (StrictMath.log(x) - a) / b;
        }
        return (x - a) / b;
    }

    /** A fixed value (every patient the same). */
    public static Marginal fixed(double value) {
        requireFinite("value", value);
        return new Marginal(Kind.FIXED, value, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Normal with mean and standard deviation ({@code sd > 0}). */
    public static Marginal normal(double mean, double sd) {
        requireFinite("mean", mean);
        requirePositive("sd", sd);
        return new Marginal(Kind.NORMAL, mean, sd, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Lognormal: {@code ln X} normal with mean {@code logMean} and standard deviation {@code logSd > 0}. */
    public static Marginal lognormal(double logMean, double logSd) {
        requireFinite("log_mean", logMean);
        requirePositive("log_sd", logSd);
        return new Marginal(Kind.LOGNORMAL, logMean, logSd, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Lognormal given by its median ({@code > 0}) and coefficient of variation ({@code cv > 0}, the
     * ratio of standard deviation to mean of X itself): {@code log_sd = sqrt(ln(1 + cv^2))},
     * {@code log_mean = ln(median)}.
     */
    public static Marginal lognormalMedianCv(double median, double cv) {
        requirePositive("median", median);
        requirePositive("cv", cv);
        return lognormal(StrictMath.log(median), logSdOfCv(cv));
    }

    /** @return {@code sqrt(ln(1 + cv^2))}: the log-scale standard deviation of a lognormal with this CV */
    public static double logSdOfCv(double cv) {
        return Math.sqrt(StrictMath.log1p(cv * cv));
    }

    /** Uniform on {@code [min, max]}, {@code min < max}. */
    public static Marginal uniform(double min, double max) {
        requireFinite("min", min);
        requireFinite("max", max);
        if (!(min < max)) {
            throw new IllegalArgumentException("min (" + fmt(min) + ") must be below max (" + fmt(max) + ")");
        }
        return new Marginal(Kind.UNIFORM, min, max, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Log-uniform on {@code [min, max]} ({@code ln X} uniform), {@code 0 < min < max}. */
    public static Marginal logUniform(double min, double max) {
        requirePositive("min", min);
        requireFinite("max", max);
        if (!(min < max)) {
            throw new IllegalArgumentException("min (" + fmt(min) + ") must be below max (" + fmt(max) + ")");
        }
        return new Marginal(Kind.LOG_UNIFORM, StrictMath.log(min), StrictMath.log(max),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * @param lower lower bound, or -infinity for none
     * @param upper upper bound, or +infinity for none
     * @return this distribution conditioned on {@code lower <= X <= upper}; check
     *         {@link #truncationMass()} before using it
     */
    public Marginal truncated(double lower, double upper) {
        if (kind == Kind.FIXED) {
            throw new IllegalArgumentException("a fixed value cannot be truncated");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower == Double.POSITIVE_INFINITY
                || upper == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("truncation bounds must be numbers");
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower (" + fmt(lower) + ") must be below upper (" + fmt(upper) + ")");
        }
        return new Marginal(kind, a, b, Math.max(lower, this.lower), Math.min(upper, this.upper));
    }

    /** @return the family */
    public Kind kind() {
        return kind;
    }

    /** @return true when every patient gets the same value */
    public boolean isFixed() {
        return kind == Kind.FIXED;
    }

    /** @return the truncation's lower bound, or -infinity */
    public double lower() {
        return lower;
    }

    /** @return the truncation's upper bound, or +infinity */
    public double upper() {
        return upper;
    }

    /** @return the probability the untruncated distribution gives to {@code [lower, upper]} (1 if none) */
    public double truncationMass() {
        return pWidth;
    }

    /**
     * Maps {@code u} in (0, 1) to a value: the inverse distribution function of the (truncated)
     * distribution. Allocation-free; {@code u} outside {@code [U_MIN, U_MAX]} is clamped to it so
     * that the result is always finite.
     */
    public double inverse(double u) {
        if (kind == Kind.FIXED) {
            return a;
        }
        final double uc = u < PhiloxStream.U_MIN ? PhiloxStream.U_MIN : (u > PhiloxStream.U_MAX ? PhiloxStream.U_MAX : u);
        double x;
        if (mirrored) {
            final double z = -StandardNormal.inverse(pLower - uc * pWidth);
            x = kind == Kind.NORMAL ? a + b * z : StrictMath.exp(a + b * z);
            return x < lower ? lower : (x > upper ? upper : x);
        }
        final double p = pLower + uc * pWidth;
        switch (kind) {
            case NORMAL:
                x = a + b * StandardNormal.inverse(p);
                break;
            case LOGNORMAL:
                x = StrictMath.exp(a + b * StandardNormal.inverse(p));
                break;
            case UNIFORM:
                x = a + p * (b - a);
                break;
            default:
                x = StrictMath.exp(a + p * (b - a));
                break;
        }
        // Rounding in F and F^-1 may step a hair outside the truncation: keep the bound.
        if (x < lower) {
            x = lower;
        } else if (x > upper) {
            x = upper;
        }
        return x;
    }

    /** @return the distribution function of the (truncated) distribution at {@code x} */
    public double cdf(double x) {
        if (kind == Kind.FIXED) {
            return x >= a ? 1.0 : 0.0;
        }
        if (x < lower) {
            return 0.0;
        }
        if (x >= upper) {
            return 1.0;
        }
        final double p = mirrored
                ? (pLower - StandardNormal.survival(standardized(x))) / pWidth
                : (baseCdf(x) - pLower) / pWidth;
        return p < 0 ? 0.0 : (p > 1 ? 1.0 : p);
    }

    /** @return the smallest value {@link #inverse} can return */
    public double lowest() {
        return inverse(PhiloxStream.U_MIN);
    }

    /** @return the largest value {@link #inverse} can return */
    public double highest() {
        return inverse(PhiloxStream.U_MAX);
    }

    /** @return the median of the (truncated) distribution */
    public double median() {
        return inverse(0.5);
    }

    private double baseCdf(double x) {
        switch (kind) {
            case NORMAL:
            case LOGNORMAL:
                return StandardNormal.cdf(standardized(x));
            case UNIFORM:
                return x <= a ? 0.0 : (x >= b ? 1.0 : (x - a) / (b - a));
            default:
                if (x <= 0) {
                    return 0.0;
                }
                final double l = StrictMath.log(x);
                return l <= a ? 0.0 : (l >= b ? 1.0 : (l - a) / (b - a));
        }
    }

    @Override
    public String toString() {
        final String base;
        switch (kind) {
            case FIXED: return "fixed " + fmt(a);
            case NORMAL: base = "normal(mean " + fmt(a) + ", sd " + fmt(b) + ")"; break;
            case LOGNORMAL: base = "lognormal(median " + fmt(StrictMath.exp(a)) + ", log_sd " + fmt(b) + ")"; break;
            case UNIFORM: base = "uniform(" + fmt(a) + ", " + fmt(b) + ")"; break;
            default: base = "log-uniform(" + fmt(StrictMath.exp(a)) + ", " + fmt(StrictMath.exp(b)) + ")"; break;
        }
        if (Double.isInfinite(lower) && Double.isInfinite(upper)) {
            return base;
        }
        return base + " truncated to [" + fmt(lower) + ", " + fmt(upper) + "]";
    }

    /** @return a number formatted for messages (up to 6 significant digits) */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive, got " + fmt(v));
        }
    }
}
