package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link FifthRoot} against the exact fifth root, computed by Newton's method in 40-digit
 * {@link BigDecimal} arithmetic (the reference). {@code StrictMath.pow(x, -0.2)} is not that
 * reference: the double {@code -0.2} is {@code -1/5 - 1.1e-17}, so {@code pow} differs from
 * {@code x^(-1/5)} by the relative amount {@code 1.1e-17 |ln x|} (up to 70 ulp at the ends of the
 * double range, below 2 ulp over the controller's range of errors).
 */
class FifthRootTest {

    private static final MathContext MC = new MathContext(40);

    /** Exact {@code x^(-1/5)}, rounded to a double once: Newton on {@code x z^5 = 1} in 40 digits. */
    private static double exactInverse(double x) {
        final BigDecimal bx = new BigDecimal(x);
        BigDecimal z = new BigDecimal(StrictMath.pow(x, -0.2)); // 1e-14 from the root at worst
        final BigDecimal five = BigDecimal.valueOf(5);
        for (int i = 0; i < 3; i++) { // quadratic convergence: 1e-28, then beyond 40 digits
            final BigDecimal z4 = z.pow(4, MC);
            final BigDecimal residual = BigDecimal.ONE.subtract(bx.multiply(z4.multiply(z, MC), MC), MC);
            z = z.add(z.multiply(residual, MC).divide(five, MC), MC);
        }
        return z.doubleValue();
    }

    /** Error of {@code value} against {@code reference} in ulps of the reference. */
    private static double ulps(double value, double reference) {
        return Math.abs(value - reference) / Math.ulp(reference);
    }

    @Test
    void withinOneUlpOfTheExactRootOverTheWholeRange() {
        // log-uniform over all normal and subnormal magnitudes, and over the controller's range [1e-12, 1e3]
        final SplittableRandom random = new SplittableRandom(5);
        double worstInverse = 0;
        double worstRoot = 0;
        for (int i = 0; i < 10_000; i++) {
            final double x = i % 2 == 0
                    ? Math.scalb(1.0 + random.nextDouble(), random.nextInt(-1074, 1024))
                    : Math.exp(random.nextDouble(Math.log(1e-12), Math.log(1e3)));
            if (x == 0 || Double.isInfinite(x)) {
                continue;
            }
            final double exact = exactInverse(x);
            worstInverse = Math.max(worstInverse, ulps(FifthRoot.inverse(x), exact));
            worstRoot = Math.max(worstRoot, ulps(FifthRoot.of(x), 1.0 / exact));
        }
        // two Newton steps leave about one ulp (measured max 1.0); x^(1/5) = 1 / x^(-1/5) adds one
        // more rounding (measured max 2.0)
        assertTrue(worstInverse <= 1.5, "x^(-1/5): " + worstInverse + " ulp");
        assertTrue(worstRoot <= 2.5, "x^(1/5): " + worstRoot + " ulp");
    }

    @Test
    void exactPowersAndEdges() {
        assertEquals(0.5, FifthRoot.inverse(32.0), 0.0);
        assertEquals(2.0, FifthRoot.inverse(1.0 / 32.0), 0.0);
        assertEquals(1.0, FifthRoot.inverse(1.0), 0.0);
        assertEquals(0x1p-200, FifthRoot.inverse(0x1p1000), 0.0);
        assertEquals(0x1p214, FifthRoot.inverse(0x1p-1070), 0.0); // subnormal
        assertEquals(10.0, FifthRoot.of(1e5), Math.ulp(10.0));
        assertEquals(Double.POSITIVE_INFINITY, FifthRoot.inverse(0.0), 0.0);
        assertEquals(0.0, FifthRoot.inverse(Double.POSITIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(FifthRoot.inverse(Double.NaN)));
        assertTrue(Double.isNaN(FifthRoot.inverse(-1.0)));
        assertEquals(0.0, FifthRoot.of(0.0), 0.0);
        assertTrue(Double.isNaN(FifthRoot.of(Double.NaN)));
        assertTrue(ulps(FifthRoot.inverse(Double.MIN_VALUE), exactInverse(Double.MIN_VALUE)) <= 1.0);
        assertTrue(ulps(FifthRoot.inverse(Double.MAX_VALUE), exactInverse(Double.MAX_VALUE)) <= 1.0);
    }
}
