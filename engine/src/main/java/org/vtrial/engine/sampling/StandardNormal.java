package org.vtrial.engine.sampling;

/**
 * The standard normal distribution function and its inverse, allocation-free, accurate to a few
 * ulps including the far tails, and bit-identical on every machine (StrictMath only).
 *
 * <ul>
 * <li>Inverse: Wichura's algorithm AS 241 (PPND16; Applied Statistics 37, 477-484, 1988).</li>
 * <li>Distribution function: W. J. Cody's rational Chebyshev approximation (Math. Comp. 23, 1969;
 *     ACM TOMS Algorithm 715).</li>
 * </ul>
 * Hipparchus' {@code NormalDistribution} serves as the independent reference in the tests but not
 * here: its inverse evaluates {@code erfinv(2p - 1)}, which loses the relative accuracy of small
 * {@code p} (an error of 1e-4 at {@code p = 1e-15}), and its distribution function goes through a
 * continued fraction that allocates an object per call, which the per-patient copula cannot afford.
 */
public final class StandardNormal {

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

    /** @return {@code Phi^-1(p)} for {@code p} in (0, 1); -infinity at 0, +infinity at 1, NaN outside */
    public static double inverse(double p) {
        if (!(p > 0 && p < 1)) {
            return p == 0 ? Double.NEGATIVE_INFINITY : (p == 1 ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        final double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            final double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        // min(p, 1 - p); 1 - p is exact for p >= 1/2.
        double r = q < 0 ? p : 1.0 - p;
        r = Math.sqrt(-StrictMath.log(r));
        double val;
        if (r <= 5.0) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5.0;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
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
