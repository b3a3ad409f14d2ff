package org.vtrial.engine.gsa;

/**
 * One sensitivity index of one parameter for one output, with its bootstrap interval.
 *
 * @param parameter parameter name
 * @param index     {@code S1}, {@code ST} (Sobol') or {@code mu_star}, {@code mu}, {@code sigma} (Morris)
 * @param value     estimate from all usable bases (NaN when undefined, e.g. a constant output)
 * @param lo        lower end of the percentile interval (NaN without bootstrap)
 * @param hi        upper end of the percentile interval (NaN without bootstrap)
 */
public record IndexEstimate(String parameter, String index, double value, double lo, double hi) {
}
