package org.vtrial.engine.calibration;

import org.vtrial.engine.io.Origin;

/**
 * A population-level value of a cohort that calibration fits: one numeric field of one parameter's
 * distribution ({@code median}, {@code cv}, {@code log_mean}, {@code log_sd}, {@code mean},
 * {@code sd}, {@code min}, {@code max}, or the {@code value} of a fixed parameter), searched within
 * {@code [lower, upper]}.
 *
 * <p>The optimiser works on the unit cube: each value maps to {@code u in [0, 1]} linearly, or
 * linearly in the logarithm when {@code log} is set (positive bounds), so that a factor of two
 * counts the same anywhere in a wide range.
 *
 * @param parameter cohort parameter
 * @param field     field of its distribution
 * @param lower     smallest value searched
 * @param upper     largest value searched (above {@code lower})
 * @param start     starting value, in {@code [lower, upper]}
 * @param log       true to search on a logarithmic scale
 * @param origin    where it was given
 */
public record FreeValue(String parameter, String field, double lower, double upper, double start, boolean log,
                        Origin origin) {

    /** @return {@code parameter.field}, e.g. {@code rho.median} */
    public String label() {
        return parameter + "." + field;
    }

    /** @return the unit-cube coordinate of a value (clamped to the bounds) */
    public double toUnit(double v) {
        final double x = Math.min(upper, Math.max(lower, v));
        return log ? Math.log(x / lower) / Math.log(upper / lower) : (x - lower) / (upper - lower);
    }

    /** @return the value of a unit-cube coordinate (clamped to [0, 1], so always within the bounds) */
    public double fromUnit(double u) {
        final double w = Math.min(1.0, Math.max(0.0, u));
        final double v = log ? lower * Math.exp(w * Math.log(upper / lower)) : lower + w * (upper - lower);
        // exp/log round-off must not leave the bounds
        return Math.min(upper, Math.max(lower, v));
    }
}
