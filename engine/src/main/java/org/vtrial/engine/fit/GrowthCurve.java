package org.vtrial.engine.fit;

import org.vtrial.engine.model.GrowthLaw;

/**
 * Closed-form solutions of the growth laws of MODELS.md §1, {@code dN/dt = r phi(N) N}, from
 * {@code N(t0) = N0}, with {@code tau = t - t0}:
 *
 * <pre>
 *   exponential: N = N0 exp(r tau)
 *   logistic:    N = N0 K / (N0 + (K - N0) exp(-r tau))
 *   gompertz:    N = K exp(ln(N0/K) exp(-r tau))
 * </pre>
 *
 * <p>Natural parameters {@code (N0, r, K)} ({@code K} absent for exponential growth). The fit works
 * in internal coordinates that keep positive quantities positive and make the problem better
 * scaled: {@code (ln N0, r)} for exponential growth (a decaying series has {@code r < 0}) and
 * {@code (ln N0, ln r, ln K)} for the saturating laws (their {@code r > 0}: with {@code r < 0} a
 * Gompertz curve would accelerate without bound, which is not the law). Values and derivatives are
 * given for {@code ln N}; the linear-scale fit multiplies by {@code N}.
 */
public final class GrowthCurve {

    private GrowthCurve() {
    }

    /** @return number of parameters of {@code law} (2 or 3) */
    public static int parameterCount(GrowthLaw law) {
        return law == GrowthLaw.EXPONENTIAL ? 2 : 3;
    }

    /**
     * {@code ln N(tau)} and its gradient with respect to the internal parameters.
     *
     * @param law      the law
     * @param theta    internal parameters
     * @param tau      time since the first observation
     * @param gradient receives the gradient (length {@link #parameterCount}), or null
     * @return {@code ln N}
     */
    public static double logValue(GrowthLaw law, double[] theta, double tau, double[] gradient) {
        final double lnN0 = theta[0];
        if (law == GrowthLaw.EXPONENTIAL) {
            final double r = theta[1];
            if (gradient != null) {
                gradient[0] = 1;
                gradient[1] = tau;
            }
            return lnN0 + r * tau;
        }
        final double r = StrictMath.exp(theta[1]);
        final double lnK = theta[2];
        final double u = StrictMath.exp(-r * tau);
        final double oneMinusU = -StrictMath.expm1(-r * tau);
        if (law == GrowthLaw.LOGISTIC) {
            final double n0 = StrictMath.exp(lnN0);
            final double k = StrictMath.exp(lnK);
            // N = N0 K / D with D = N0 (1 - u) + K u, positive for N0, K > 0
            final double d = n0 * oneMinusU + k * u;
            if (gradient != null) {
                gradient[0] = k * u / d;
                gradient[1] = r * tau * u * (k - n0) / d;
                gradient[2] = n0 * oneMinusU / d;
            }
            return lnN0 + lnK - StrictMath.log(d);
        }
        // Gompertz: ln N = ln K + (ln N0 - ln K) u
        if (gradient != null) {
            gradient[0] = u;
            gradient[1] = -(lnN0 - lnK) * r * tau * u;
            gradient[2] = oneMinusU;
        }
        return lnK + (lnN0 - lnK) * u;
    }

    /** @return {@code N(tau)} for natural parameters {@code (N0, r, K)} (K ignored for exponential) */
    public static double value(GrowthLaw law, double n0, double r, double k, double tau) {
        return StrictMath.exp(logValue(law, internal(law, n0, r, k), tau, null));
    }

    /** @return internal parameters for natural {@code (N0, r, K)} */
    public static double[] internal(GrowthLaw law, double n0, double r, double k) {
        if (law == GrowthLaw.EXPONENTIAL) {
            return new double[] {StrictMath.log(n0), r};
        }
        return new double[] {StrictMath.log(n0), StrictMath.log(r), StrictMath.log(k)};
    }

    /** @return natural {@code (N0, r, K)} for internal parameters ({@code K = NaN} for exponential) */
    public static double[] natural(GrowthLaw law, double[] theta) {
        if (law == GrowthLaw.EXPONENTIAL) {
            return new double[] {StrictMath.exp(theta[0]), theta[1], Double.NaN};
        }
        return new double[] {StrictMath.exp(theta[0]), StrictMath.exp(theta[1]), StrictMath.exp(theta[2])};
    }

    /**
     * Standard errors of the natural parameters from those of the internal ones (delta method:
     * {@code SE(e^x) = e^x SE(x)}).
     */
    public static double[] naturalErrors(GrowthLaw law, double[] theta, double[] internalErrors) {
        final double[] nat = natural(law, theta);
        if (law == GrowthLaw.EXPONENTIAL) {
            return new double[] {nat[0] * internalErrors[0], internalErrors[1], Double.NaN};
        }
        return new double[] {nat[0] * internalErrors[0], nat[1] * internalErrors[1], nat[2] * internalErrors[2]};
    }
}
