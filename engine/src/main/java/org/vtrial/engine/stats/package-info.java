/**
 * Statistics of virtual trials, in pure Java: binomial intervals (Wilson, Newcombe hybrid score for
 * independent and for paired differences, Katz risk ratio), exact type-7 quantiles, log10-binned
 * histograms, right-censored survival with competing causes (life tables, Kaplan–Meier with
 * Greenwood standard errors and log-log bands, Brookmeyer–Crowley median intervals, Aalen–Johansen
 * cumulative incidence), the log-rank test with a Peto hazard ratio, and McNemar's exact and mid-p
 * tests.
 *
 * <p>Accumulators follow the Commons Statistics pattern: {@code create()}, {@code accept(...)} per
 * observation (allocation-free apart from amortised growth of primitive buffers), {@code combine(other)}
 * to merge partial results computed on different partitions; they are {@link java.io.Serializable}
 * so that a distributed job can ship partial results to the driver. Undefined results are NaN.
 */
package org.vtrial.engine.stats;
