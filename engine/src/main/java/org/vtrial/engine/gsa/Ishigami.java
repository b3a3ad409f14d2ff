package org.vtrial.engine.gsa;

import java.util.List;

/**
 * The Ishigami function (Ishigami & Homma 1990, "An importance quantification technique in
 * uncertainty analysis for computer models", Proc. ISUMA '90, 398–403):
 * {@code y = sin x1 + a sin^2 x2 + b x3^4 sin x1}, {@code x_i ~ U(-pi, pi)} independent;
 * defaults {@code a = 7}, {@code b = 0.1}.
 *
 * <p>Exact variances, by direct integration (Homma & Saltelli 1996, Reliab. Eng. Syst. Saf.
 * 52:1–17; a standard test case of Saltelli et al. 2008, "Global Sensitivity Analysis: The
 * Primer", Wiley); the tests recompute them by quadrature:
 * <pre>
 *   V   = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2
 *   V1  = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,  V3 = 0
 *   V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225,  all other interactions 0
 *   ST1 = (V1 + V13)/V,  ST2 = V2/V,  ST3 = V13/V
 * </pre>
 */
public final class Ishigami implements AnalyticModel {

    private static final long serialVersionUID = 1L;

    private final double a;
    private final double b;

    /** @param a coefficient of {@code sin^2 x2}; @param b coefficient of {@code x3^4 sin x1} (finite) */
    public Ishigami(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("ishigami: a and b must be finite, got a=" + a + ", b=" + b);
        }
        this.a = a;
        this.b = b;
    }

    @Override
    public String name() {
        return "ishigami";
    }

    @Override
    public List<String> inputs() {
        return List.of("x1", "x2", "x3");
    }

    @Override
    public List<String> outputs() {
        return List.of("y");
    }

    @Override
    public void evaluate(double[] x, double[] y) {
        final double s1 = StrictMath.sin(x[0]);
        final double s2 = StrictMath.sin(x[1]);
        final double x3 = x[2] * x[2];
        y[0] = s1 + a * s2 * s2 + b * x3 * x3 * s1;
    }

    @Override
    public List<Marginal> referenceInputs() {
        final Marginal m = Marginal.uniform(-Math.PI, Math.PI);
        return List.of(m, m, m);
    }

    @Override
    public double[][] exactIndices() {
        final double pi4 = Math.pow(Math.PI, 4);
        final double pi8 = pi4 * pi4;
        final double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
        final double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
        final double v2 = a * a / 8;
        final double v13 = 8 * b * b * pi8 / 225;
        return new double[][] {
            {v1 / v, v2 / v, 0},
            {(v1 + v13) / v, v2 / v, v13 / v}
        };
    }
}
