package org.vtrial.engine.gsa;

import java.util.function.ToDoubleFunction;

/**
 * Exact-to-rounding variance decomposition of a function of a few independent inputs by tensor
 * product quadrature: the test's independent reference for closed-form Sobol' indices. Each input
 * has nodes and probability weights (summing to 1); first-order and total variances follow from
 * their definitions, {@code V_i = Var(E[f | x_i])} and {@code VT_i = E[Var(f | x_~i)]}.
 */
final class TensorQuadrature {

    private TensorQuadrature() {
    }

    /** @return {@code {S1[], ST[]}} of {@code f} */
    static double[][] indices(double[][] nodes, double[][] weights, ToDoubleFunction<double[]> f) {
        final int k = nodes.length;
        final int n = nodes[0].length;
        int total = 1;
        for (int d = 0; d < k; d++) {
            total *= n;
        }
        final double[] values = new double[total];
        final double[] w = new double[total];
        final double[] x = new double[k];
        double mean = 0;
        double second = 0;
        for (int flat = 0; flat < total; flat++) {
            double weight = 1;
            int rest = flat;
            for (int d = 0; d < k; d++) {
                final int i = rest % n;
                rest /= n;
                x[d] = nodes[d][i];
                weight *= weights[d][i];
            }
            values[flat] = f.applyAsDouble(x);
            w[flat] = weight;
            mean += weight * values[flat];
            second += weight * values[flat] * values[flat];
        }
        final double v = second - mean * mean;
        final double[][] out = new double[2][k];
        int stride = 1;
        for (int d = 0; d < k; d++) {
            // first order: variance over x_d of the conditional mean
            final double[] conditional = new double[n];
            for (int flat = 0; flat < total; flat++) {
                final int i = (flat / stride) % n;
                conditional[i] += w[flat] / weights[d][i] * values[flat];
            }
            double vi = 0;
            for (int i = 0; i < n; i++) {
                vi += weights[d][i] * conditional[i] * conditional[i];
            }
            out[0][d] = (vi - mean * mean) / v;
            // total: mean over the others of the variance along x_d
            double vt = 0;
            for (int flat = 0; flat < total; flat++) {
                if ((flat / stride) % n != 0) {
                    continue;
                }
                double m1 = 0;
                double m2 = 0;
                double others = w[flat] / weights[d][0];
                for (int i = 0; i < n; i++) {
                    final double y = values[flat + i * stride];
                    m1 += weights[d][i] * y;
                    m2 += weights[d][i] * y * y;
                }
                vt += others * (m2 - m1 * m1);
            }
            out[1][d] = vt / v;
            stride *= n;
        }
        return out;
    }
}
