package org.vtrial.engine.model;

import java.util.List;

/**
 * Tumor growth laws of MODELS.md §1: the per-capita factor {@code phi(N)} multiplying the growth
 * rate. Stored in parameter vectors as the ordinal of the constant.
 */
public enum GrowthLaw {
    /** {@code phi = 1}. */
    EXPONENTIAL,
    /** {@code phi = 1 - N/K}. */
    LOGISTIC,
    /** {@code phi = ln(K/N)}, with {@code phi(0)*0 = 0}. */
    GOMPERTZ;

    /** Labels as used in parameter files, in ordinal order. */
    public static final List<String> LABELS = List.of("exponential", "logistic", "gompertz");

    private static final GrowthLaw[] VALUES = values();

    /** @return the law stored as {@code code} in a parameter vector */
    public static GrowthLaw of(double code) {
        return VALUES[(int) code];
    }

    /**
     * Growth term {@code phi(N) * N} (per unit rate); zero at {@code N <= 0}. Uses StrictMath for the
     * Gompertz logarithm so that results are identical on every executor.
     */
    public static double growthTimesN(int code, double n, double capacity) {
        if (code == 0) {
            return n;
        }
        if (code == 1) {
            return (1.0 - n / capacity) * n;
        }
        return n > 0 ? StrictMath.log(capacity / n) * n : 0.0;
    }

    /** Per-capita factor {@code phi(N)} for a population total {@code n} (0 for Gompertz at n <= 0). */
    public static double factor(int code, double n, double capacity) {
        if (code == 0) {
            return 1.0;
        }
        if (code == 1) {
            return 1.0 - n / capacity;
        }
        return n > 0 ? StrictMath.log(capacity / n) : 0.0;
    }
}
