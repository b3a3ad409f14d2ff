package org.vtrial.engine.sampling;

/**
 * A Gaussian copula over some coordinates of the unit cube: independent uniforms {@code u} become
 * dependent uniforms with the given latent correlation, marginals unchanged. For the member
 * coordinates {@code z = Phi^-1(u)}, {@code w = L z} with {@code L L^T = R} (Cholesky), then
 * {@code u' = Phi(w)}; other coordinates pass through. The rank (Spearman) correlation of two
 * members is {@code (6/pi) asin(R_ij / 2)} whatever their marginals.
 *
 * <p>Immutable and thread-safe; {@link #apply} allocates nothing (the caller owns the scratch).
 */
public final class GaussianCopula {

    private final int[] members;
    /** Lower-triangular Cholesky factor, row by row: row i holds L[i][0..i]. */
    private final double[] factor;

    private GaussianCopula(int[] members, double[] factor) {
        this.members = members;
        this.factor = factor;
    }

    /**
     * @param members     coordinates (indices into the cube point) the matrix is about, distinct
     * @param correlation symmetric, unit-diagonal, positive definite matrix over {@code members}
     * @throws IllegalArgumentException when the matrix is not positive definite (the caller
     *                                  validates symmetry and the diagonal with better messages)
     */
    public static GaussianCopula of(int[] members, double[][] correlation) {
        final int k = members.length;
        if (correlation.length != k) {
            throw new IllegalArgumentException("correlation matrix is " + correlation.length + "x?, expected " + k + "x" + k);
        }
        final double[] l = new double[k * (k + 1) / 2];
        for (int i = 0; i < k; i++) {
            final int ri = i * (i + 1) / 2;
            for (int j = 0; j <= i; j++) {
                final int rj = j * (j + 1) / 2;
                double s = correlation[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[ri + m] * l[rj + m];
                }
                if (i == j) {
                    if (!(s > 1e-12)) {
                        throw new IllegalArgumentException("correlation matrix is not positive definite");
                    }
                    l[ri + i] = Math.sqrt(s);
                } else {
                    l[ri + j] = s / l[rj + j];
                }
            }
        }
        return new GaussianCopula(members.clone(), l);
    }

    /** @return number of member coordinates */
    public int size() {
        return members.length;
    }

    /** @return the member coordinates */
    public int[] members() {
        return members.clone();
    }

    /** @return {@code L[i][j]} of the Cholesky factor ({@code j <= i}) */
    public double factor(int i, int j) {
        return j > i ? 0.0 : factor[i * (i + 1) / 2 + j];
    }

    /**
     * Transforms the member coordinates of {@code u} in place.
     *
     * @param u       cube point, coordinates in (0, 1)
     * @param scratch at least {@link #size()} doubles
     */
    public void apply(double[] u, double[] scratch) {
        final int k = members.length;
        for (int i = 0; i < k; i++) {
            scratch[i] = StandardNormal.inverse(clamp(u[members[i]]));
        }
        // w = L z, from the last row down so that each z_i is still unread when overwritten.
        for (int i = k - 1; i >= 0; i--) {
            final int ri = i * (i + 1) / 2;
            double w = 0;
            for (int j = 0; j <= i; j++) {
                w += factor[ri + j] * scratch[j];
            }
            scratch[i] = w;
        }
        for (int i = 0; i < k; i++) {
            u[members[i]] = clamp(StandardNormal.cdf(scratch[i]));
        }
    }

    private static double clamp(double u) {
        return u < PhiloxStream.U_MIN ? PhiloxStream.U_MIN : (u > PhiloxStream.U_MAX ? PhiloxStream.U_MAX : u);
    }
}
