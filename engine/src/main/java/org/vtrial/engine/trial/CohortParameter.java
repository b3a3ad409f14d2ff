package org.vtrial.engine.trial;

import org.vtrial.engine.io.Origin;

/**
 * One parameter's distribution in a cohort.
 *
 * @param name         model parameter name
 * @param distribution the distribution as written
 * @param source       where the values come from (citation, or "assumption: ...")
 * @param origin       where it was given
 */
public record CohortParameter(String name, DistributionSpec distribution, String source, Origin origin) {
}
