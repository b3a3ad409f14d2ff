package org.vtrial.engine.sampling;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The standard normal distribution function and its inverse, allocation-free and bit-identical on
 * every machine.
 *
 * <p>The inverse is Hipparchus' {@link NormalDistribution#inverseCumulativeProbability} (Giles'
 * erfinv approximation, pure Java with FastMath). The distribution function is W. J. Cody's
 * rational Chebyshev approximation (Cody, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 23, 1969; as in ACM TOMS Algorithm 715), relative accuracy near 1e-16
 * including the far lower tail, with StrictMath: Hipparchus' own {@code cumulativeProbability}
 * goes through a continued fraction that allocates an object per call, which the per-patient
 * copula cannot afford.
 */
public final class StandardNormal {

    private static final NormalDistribution N01 = new NormalDistribution(0, 1);

    private static final double[] A = {
        2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
        0.065682337918207449113};
    private static final double[] B = {
        47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956};
    private static final double[] C = {
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
        2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
        1.0765576773720192317e-8};
    private static final double[] D = {
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
        18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727};
    private static final double[] P = {
        0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
        2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {
        1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
        7.29751555083966205e-5};
    private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
    private static final double SQRT_32 = 5.656854249492380195206754896838;
    /** Half the machine epsilon: below it the central approximation is 1/2 + x/sqrt(2 pi). */
    private static final double HALF_EPS = 0x1.0p-53;

    private StandardNormal() {
    }

    /** @return {@code Phi^-1(p)} for {@code p} in (0, 1); infinite at 0 and 1 */
    public static double inverse(double p) {
        return N01.inverseCumulativeProbability(p);
    }

    /** @return {@code Phi(x) = P[Z <= x]}, with full relative accuracy in the lower tail */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        final double y = Math.abs(x);
        if (y <= 0.67448975) {
            double xnum = 0;
            double xden = 0;
            if (y > HALF_EPS) {
                final double xsq = x * x;
                xnum = A[4] * xsq;
                xden = xsq;
                for (int i = 0; i < 3; i++) {
                    xnum = (xnum + A[i]) * xsq;
                    xden = (xden + B[i]) * xsq;
                }
            }
            return 0.5 + x * (xnum + A[3]) / (xden + B[3]);
        }
        final double tail = tail(y);
        return x < 0 ? tail : 1.0 - tail;
    }

    /** @return {@code 1 - Phi(x) = P[Z > x]}, with full relative accuracy in the upper tail */
    public static double survival(double x) {
        return cdf(-x);
    }

    /** {@code Phi(-y)} for {@code y > 0.67448975}. */
    private static double tail(double y) {
        double temp;
        if (y <= SQRT_32) {
            double xnum = C[8] * y;
            double xden = y;
            for (int i = 0; i < 7; i++) {
                xnum = (xnum + C[i]) * y;
                xden = (xden + D[i]) * y;
            }
            temp = (xnum + C[7]) / (xden + D[7]);
        } else if (y < 37.5193) {
            final double xsq = 1.0 / (y * y);
            double xnum = P[5] * xsq;
            double xden = xsq;
            for (int i = 0; i < 4; i++) {
                xnum = (xnum + P[i]) * xsq;
                xden = (xden + Q[i]) * xsq;
            }
            temp = xsq * (xnum + P[4]) / (xden + Q[4]);
            temp = (ONE_OVER_SQRT_2PI - temp) / y;
        } else {
            return 0.0;
        }
        // exp(-y^2/2) split so that the large part is exact: Cody's device against cancellation.
        final double ysq = ((long) (y * 16)) / 16.0;
        final double del = (y - ysq) * (y + ysq);
        return StrictMath.exp(-ysq * ysq * 0.5) * StrictMath.exp(-del * 0.5) * temp;
    }
}
