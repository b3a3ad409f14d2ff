package org.vtrial.engine.endpoint.fisher;

import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.ode.DenseStep;

/**
 * Where the CAR T-cell density {@code E} of a {@code fisher-kpp} patient crosses a level, between
 * grid cells. Shared by the front endpoints so that they agree on what "the front" is.
 *
 * <p>Between two adjacent cell centers the density is interpolated geometrically
 * ({@code E_j^(1-w) E_{j+1}^w}) when both values are positive, linearly otherwise. The leading
 * edge of a pulled front is exponential, {@code E ~ exp(-lambda x)}, which geometric interpolation
 * reproduces exactly: the located position then does not wobble as the front passes grid cells.
 *
 * <p>Stateless apart from the grid it is {@link #reset} to; allocation-free.
 */
final class FrontLocator {

    private int n;
    private double dx;
    private int offsetE;

    /** Binds the locator to the grid of parameters {@code p}. */
    void reset(double[] p) {
        n = FisherKppModel.cells(p);
        dx = FisherKppModel.cellWidth(p);
        offsetE = FisherKppModel.index(p, FisherKppModel.FIELD_E, 0);
    }

    /** @return number of cells */
    int cells() {
        return n;
    }

    /** @return cell width (mm) */
    double cellWidth() {
        return dx;
    }

    /** @return state index of {@code E} in cell {@code i} */
    int indexE(int i) {
        return offsetE + i;
    }

    /**
     * The front at time {@code t} of {@code step}: the rightmost position where {@code E} falls
     * through {@code level} going into the tissue.
     *
     * @return the position (mm); {@code NaN} when {@code E < level} in every cell (no front);
     *         {@code +Infinity} when {@code E >= level} in the last cell (the front has reached the
     *         far boundary)
     */
    double position(DenseStep step, double t, double level) {
        double right = step.interpolate(t, offsetE + n - 1);
        if (right >= level) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = n - 2; i >= 0; i--) {
            final double left = step.interpolate(t, offsetE + i);
            if (left >= level) {
                return (i + 0.5 + fraction(left, right, level)) * dx;
            }
            right = left;
        }
        return Double.NaN;
    }

    /**
     * @return fraction {@code w} in {@code [0, 1)} of the way from a center with {@code left >= level}
     *         to the next one with {@code right < level} where the interpolated density equals
     *         {@code level}
     */
    static double fraction(double left, double right, double level) {
        if (right > 0) {
            return StrictMath.log(left / level) / StrictMath.log(left / right);
        }
        return (left - level) / (left - right);
    }

    /** @return the density interpolated a fraction {@code w} of the way between two adjacent centers */
    static double between(double left, double right, double w) {
        if (w == 0) {
            return left;
        }
        if (left > 0 && right > 0) {
            return left * StrictMath.exp(w * StrictMath.log(right / left));
        }
        return left + w * (right - left);
    }
}
