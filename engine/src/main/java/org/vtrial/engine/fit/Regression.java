package org.vtrial.engine.fit;

/**
 * An ordinary least-squares line {@code y = intercept + slope * x}.
 *
 * @param slope      slope
 * @param slopeError standard error of the slope
 * @param intercept  intercept
 * @param rSquared   coefficient of determination (NaN when {@code y} does not vary)
 */
public record Regression(double slope, double slopeError, double intercept, double rSquared) {

    /**
     * Fits a line by ordinary least squares.
     *
     * @param x abscissae (at least 3, not all equal)
     * @param y ordinates
     */
    public static Regression fit(double[] x, double[] y) {
        final int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            final double dx = x[i] - mx;
            final double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        final double slope = sxy / sxx;
        final double intercept = my - slope * mx;
        final double rss = Math.max(0.0, syy - slope * sxy);
        final double slopeError = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
        final double r2 = syy > 0 ? 1.0 - rss / syy : Double.NaN;
        return new Regression(slope, slopeError, intercept, r2);
    }

    /**
     * @return {@code slope / slopeError}; +-infinity for an exact non-zero slope, 0 for an exact zero
     *         one, NaN when the slope is undefined (all abscissae equal)
     */
    public double tStatistic() {
        if (Double.isNaN(slope)) {
            return Double.NaN;
        }
        if (slopeError > 0) {
            return slope / slopeError;
        }
        return slope == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, slope);
    }
}
