package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sobol's G-function (Sobol' 1993, "Sensitivity estimates for nonlinear mathematical models",
 * Math. Modeling Comput. Experiment 1:407–414; Saltelli & Sobol' 1995):
 * {@code y = prod_i (|4 x_i - 2| + a_i) / (1 + a_i)}, {@code x_i ~ U(0, 1)} independent,
 * {@code a_i >= 0}; the smaller {@code a_i}, the more important {@code x_i}.
 *
 * <p>Exact variances (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", Wiley):
 * <pre>
 *   V_i = 1 / (3 (1 + a_i)^2),   V = prod_i (1 + V_i) - 1
 *   S1_i = V_i / V,              ST_i = V_i prod_{j != i} (1 + V_j) / V
 * </pre>
 */
public final class GFunction implements AnalyticModel {

    private static final long serialVersionUID = 1L;

    private final double[] a;
    private final List<String> inputs;

    /** @param a the coefficients {@code a_i >= 0} (finite), one per input; at least one */
    public GFunction(double[] a) {
        if (a.length == 0 || a.length > 1000) {
            throw new IllegalArgumentException("g-function: 1 to 1000 coefficients a_i needed, got " + a.length);
        }
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0 && Double.isFinite(a[i]))) {
                throw new IllegalArgumentException("g-function: a[" + i + "] = " + a[i] + " must be finite and >= 0");
            }
            names.add("x" + (i + 1));
        }
        this.a = a.clone();
        this.inputs = Collections.unmodifiableList(names);
    }

    /** @return the coefficients */
    public double[] coefficients() {
        return a.clone();
    }

    @Override
    public String name() {
        return "g-function";
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public List<String> outputs() {
        return List.of("y");
    }

    @Override
    public void evaluate(double[] x, double[] y) {
        double product = 1;
        for (int i = 0; i < a.length; i++) {
            product *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
        }
        y[0] = product;
    }

    @Override
    public List<Marginal> referenceInputs() {
        return Collections.nCopies(a.length, Marginal.uniform(0, 1));
    }

    @Override
    public double[][] exactIndices() {
        final int k = a.length;
        final double[] vi = new double[k];
        double all = 1;
        for (int i = 0; i < k; i++) {
            vi[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
            all *= 1 + vi[i];
        }
        final double v = all - 1;
        final double[][] out = new double[2][k];
        for (int i = 0; i < k; i++) {
            double others = 1;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    others *= 1 + vi[j];
                }
            }
            out[0][i] = vi[i] / v;
            out[1][i] = vi[i] * others / v;
        }
        return out;
    }
}
