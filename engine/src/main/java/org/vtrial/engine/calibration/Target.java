package org.vtrial.engine.calibration;

import org.vtrial.engine.io.Origin;
import org.vtrial.engine.stats.Confidence;
import org.vtrial.engine.stats.Estimate;

/**
 * A published trial figure and the statistic of a simulated arm that reproduces it.
 *
 * <p>Uncertainty: a proportion published from {@code n} patients has the binomial standard error
 * {@code sqrt(p (1 - p) / n)} and the 95% Wilson score interval; any figure may instead state its
 * standard error {@code se} (then the interval is {@code value ± 1.96 se}, clipped to [0, 1] for
 * proportions). The objective adds {@code ((simulated - value) / se)^2} over the targets whose role
 * is {@code calibrate}; {@code check} targets are only reported (figures kept out of the fit: the
 * true test of a calibration).
 *
 * @param name      short name (unique in the file)
 * @param statistic the simulated statistic
 * @param arm       index of the trial arm it is taken from
 * @param armName   that arm's name
 * @param value     the published value
 * @param n         patients the published proportion rests on, or NaN when {@code se} is given
 * @param se        stated standard error, or NaN when {@code n} is given
 * @param calibrate true when the figure enters the objective
 * @param source    where the figure is published
 * @param origin    where it was given
 * @param notReproduced why the cohort is known not to reproduce this {@code check} figure (it is then
 *                  reported, not claimed: validation cards list it as a miss), or null for a claimed figure
 */
public record Target(String name, Statistic statistic, int arm, String armName, double value, double n, double se,
                     boolean calibrate, String source, Origin origin, String notReproduced) {

    /** @return true when the cohort claims to reproduce this figure (every figure but a known miss) */
    public boolean claimed() {
        return notReproduced == null;
    }

    /** Deviation, in standard errors, an undefined statistic counts as (e.g. a share of zero relapses). */
    public static final double UNDEFINED_Z = 10.0;

    /** @return the standard error of the published figure */
    public double standardError() {
        return Double.isNaN(se) ? Math.sqrt(value * (1 - value) / n) : se;
    }

    /** @return the published figure's 95% interval */
    public Estimate interval() {
        if (Double.isNaN(se)) {
            return wilson(value, n, Confidence.LEVEL_95);
        }
        final double half = Confidence.z(Confidence.LEVEL_95) * se;
        double lo = value - half;
        double hi = value + half;
        if (statistic.proportion()) {
            lo = Math.max(0, lo);
            hi = Math.min(1, hi);
        }
        return new Estimate(value, lo, hi);
    }

    /** @return the standardized deviation of a simulated value ({@link #UNDEFINED_Z} when it is NaN) */
    public double z(double simulated) {
        if (Double.isNaN(simulated)) {
            return UNDEFINED_Z;
        }
        if (simulated == value) {
            return 0.0;
        }
        return (simulated - value) / standardError();
    }

    /** @return true when the simulated value lies in the published 95% interval */
    public boolean inside(double simulated) {
        final Estimate e = interval();
        return simulated >= e.lo() && simulated <= e.hi();
    }

    /**
     * The Wilson score interval of a proportion {@code p} observed among {@code n}, with
     * {@code x = p n} not necessarily whole (a published percentage):
     * {@code (x + z²/2 ± z sqrt(x (n - x) / n + z²/4)) / (n + z²)}.
     */
    static Estimate wilson(double p, double n, double level) {
        final double z = Confidence.z(level);
        final double z2 = z * z;
        final double x = p * n;
        final double center = (x + z2 / 2) / (n + z2);
        final double half = z * Math.sqrt(x * (n - x) / n + z2 / 4) / (n + z2);
        return new Estimate(p, Math.max(0, center - half), Math.min(1, center + half));
    }
}
