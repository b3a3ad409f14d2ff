package org.vtrial.engine.trial;

import org.vtrial.engine.io.Origin;

/**
 * Parameter uncertainty between replicate trials: each replicate draws one value from
 * {@code distribution} and uses it for a population-level field of a cohort parameter's
 * distribution (e.g. the median of {@code rho}), either replacing the field ({@code factor} false)
 * or multiplying it ({@code factor} true, required when the field is {@code "preset"}).
 *
 * @param parameter    cohort parameter
 * @param field        numeric field of its distribution ({@code value, mean, sd, median, cv,
 *                     log_mean, log_sd, min, max})
 * @param factor       true: multiply the field; false: replace it
 * @param distribution the uncertainty distribution (no {@code "preset"} anchors)
 * @param source       where the uncertainty comes from
 * @param origin       where it was given
 */
public record UncertaintySpec(String parameter, String field, boolean factor, DistributionSpec distribution,
                              String source, Origin origin) {
}
