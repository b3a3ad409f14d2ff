package org.vtrial.engine.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/** Normal quantiles for two-sided confidence levels. */
public final class Confidence {

    /** The default confidence level of every interval in the summaries. */
    public static final double LEVEL_95 = 0.95;

    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private Confidence() {
    }

    /**
     * @param level two-sided confidence level in (0, 1)
     * @return {@code z} with {@code P(|Z| <= z) = level} for a standard normal {@code Z}
     *         (1.959963984540054 for 0.95)
     * @throws IllegalArgumentException if the level is outside (0, 1)
     */
    public static double z(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        return STANDARD.inverseCumulativeProbability(0.5 + level / 2);
    }
}
