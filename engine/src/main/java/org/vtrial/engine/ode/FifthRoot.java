package org.vtrial.engine.ode;

/**
 * {@code x^(-1/5)}, the step-size controller's power, computed with integer bit operations and
 * {@code +, -, *} only.
 *
 * <p>Why not {@code StrictMath.pow}: on Java 17 it is the Java port of fdlibm's {@code e_pow.c}, which
 * allocates three small arrays (96 bytes) per call and costs ~150 ns, more than a whole step of a
 * small model. {@code Math.pow} is fast but may be an intrinsic whose last bit differs between
 * machines. Java floating point is strict IEEE 754 (JEP 306), so this sequence of basic operations
 * gives the same bits on every JVM; it stays within about one ulp of the exact value (tested against
 * {@code StrictMath.pow}).
 *
 * <p>Method: {@code x = m 2^e} with {@code m} in [1, 2) (subnormals are scaled first);
 * {@code e = 5q + s} with {@code s} in 0..4; an initial guess for {@code M^(-1/5)}, {@code M = m 2^s}
 * (exact), from a degree-4 Chebyshev interpolant of {@code m^(-1/5)} on [1, 2] (relative error
 * 2.2e-5) times {@code 2^(-s/5)}; two Newton steps on {@code M z^5 = 1} (error 1e-9, then below
 * round-off); finally the exact scaling by {@code 2^(-q)}. The controller needs it once per step
 * attempt, on the critical path: the guess uses Estrin's scheme, the first Newton step the short form.
 */
final class FifthRoot {

    // Chebyshev interpolant of m^(-1/5) on [1, 2], degree 4, power basis (max relative error 2.2e-5).
    private static final double P0 = 1.3782854886338807;
    private static final double P1 = -0.641218999831087;
    private static final double P2 = 0.360634669042297;
    private static final double P3 = -0.11196867763702978;
    private static final double P4 = 0.014245373683809345;

    /** {@code 2^(-s/5)}, s = 0..4 (only the initial guess uses them: any rounding is corrected). */
    private static final double[] TWO_POW_MINUS_S_FIFTHS = {
        1.0, 0.8705505632961241, 0.757858283255199, 0.6597539553864471, 0.5743491774985175
    };

    private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    private static final long ONE_BITS = 0x3FF0_0000_0000_0000L;

    private FifthRoot() {
    }

    /**
     * @param x argument
     * @return {@code x^(-1/5)}: {@code +Infinity} at 0, 0 at {@code +Infinity}, NaN for NaN or
     *         negative {@code x} (as {@code StrictMath.pow(x, -0.2)})
     */
    static double inverse(double x) {
        if (!(x > 0)) {
            return x == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) - 1023;
        if (exponent == -1023) { // subnormal: scale into the normal range first (exact)
            bits = Double.doubleToRawLongBits(x * 0x1p54);
            exponent = (int) (bits >>> 52) - 1023 - 54;
        }
        final double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        final int q = Math.floorDiv(exponent, 5);
        final int s = exponent - 5 * q;
        final double bigM = m * (1 << s);
        // guess (Estrin's scheme: shorter dependency chain than Horner's)
        final double m2 = m * m;
        double z = ((P0 + m * P1) + m2 * ((P2 + m * P3) + m2 * P4)) * TWO_POW_MINUS_S_FIFTHS[s];
        // Newton step 1 (2.2e-5 -> 1e-9), in the form with the shortest chain
        double z2 = z * z;
        z = z * (1.2 - (0.2 * bigM) * (z2 * z2 * z));
        // Newton step 2 (1e-9 -> below round-off), in the accurate form: small correction added last
        z2 = z * z;
        final double residual = 1.0 - bigM * (z2 * z2 * z);
        z = z + (0.2 * z) * residual;
        // 2^(-q) with q in [-215, 204]: a normal power of two, so the product is exact
        return z * Double.longBitsToDouble((long) (1023 - q) << 52);
    }

    /**
     * @param x argument
     * @return {@code x^(1/5)} as {@code 1 / x^(-1/5)} (one more rounding): 0 at 0, NaN for NaN or negative
     */
    static double of(double x) {
        return 1.0 / inverse(x);
    }
}
