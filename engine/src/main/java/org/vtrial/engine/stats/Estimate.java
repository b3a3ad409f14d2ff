package org.vtrial.engine.stats;

/**
 * A point estimate with a two-sided confidence interval.
 *
 * @param value point estimate (NaN when undefined)
 * @param lo    lower confidence limit (NaN when undefined)
 * @param hi    upper confidence limit (NaN when undefined)
 */
public record Estimate(double value, double lo, double hi) {

    /** Nothing estimable (e.g. a proportion of zero trials). */
    public static final Estimate UNDEFINED = new Estimate(Double.NaN, Double.NaN, Double.NaN);
}
