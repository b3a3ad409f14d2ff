package org.vtrial.engine.trial;

import java.util.List;

import org.vtrial.engine.io.Origin;

/**
 * A Gaussian copula over named parameters: {@code matrix[i][j]} is the correlation of the latent
 * standard normals of {@code parameters[i]} and {@code parameters[j]} (the rank correlation of the
 * parameters themselves is {@code (6/pi) asin(r/2)}, within 0.02 of {@code r}). Validated symmetric,
 * unit diagonal, positive definite.
 *
 * @param parameters names of the correlated parameters
 * @param matrix     the correlation matrix (the record owns the array)
 * @param origin     where it was given
 */
public record CorrelationSpec(List<String> parameters, double[][] matrix, Origin origin) {

    /** Freezes the names. */
    public CorrelationSpec {
        parameters = List.copyOf(parameters);
    }

    /** @return a copy of the matrix */
    @Override
    public double[][] matrix() {
        final double[][] m = new double[matrix.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = matrix[i].clone();
        }
        return m;
    }
}
