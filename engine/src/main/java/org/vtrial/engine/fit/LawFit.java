package org.vtrial.engine.fit;

import org.vtrial.engine.model.GrowthLaw;

/**
 * The least-squares fit of one growth law to one series.
 *
 * <p>Information criteria count the law's {@code p} curve parameters plus the residual variance
 * ({@code k = p + 1}), with the Gaussian log-likelihood of the residuals on the fit's scale:
 * {@code AIC = n ln(RSS/n) + 2k}, {@code AICc = AIC + 2k(k+1)/(n-k-1)} (NaN when {@code n <= k+1}),
 * {@code BIC = n ln(RSS/n) + k ln n}. They compare laws fitted to the same data on the same scale.
 *
 * @param law           the law
 * @param converged     true when Levenberg–Marquardt converged from at least one start
 * @param estimate      {@code (N0, r, K)}: size at the first observation time, rate (1/day),
 *                      carrying capacity ({@code K = NaN} for exponential growth); NaN when not converged
 * @param standardError standard errors of {@link #estimate} from the covariance
 *                      {@code s^2 (J^T J)^-1}, {@code s^2 = RSS/(n - p)}, mapped to the natural
 *                      parameters by the delta method; NaN where the covariance is singular
 * @param rss           residual sum of squares on the fit's scale
 * @param points        number of observations {@code n}
 * @param parameters    number of curve parameters {@code p}
 * @param aic           Akaike information criterion
 * @param aicc          small-sample corrected AIC
 * @param bic           Bayesian information criterion
 * @param iterations    Levenberg–Marquardt iterations of the retained start
 * @param note          a caveat for the reader (a parameter at its search bound, a singular
 *                      covariance, no convergence), or empty
 */
public record LawFit(GrowthLaw law, boolean converged, double[] estimate, double[] standardError, double rss,
                     int points, int parameters, double aic, double aicc, double bic, int iterations, String note) {

    /** Copies the arrays. */
    public LawFit {
        estimate = estimate.clone();
        standardError = standardError.clone();
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    /** @return the law's label ({@code exponential}, {@code logistic}, {@code gompertz}) */
    public String label() {
        return GrowthLaw.LABELS.get(law.ordinal());
    }
}
