package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

/** The verification models and their closed-form indices against independent references. */
class AnalyticModelsTest {

    @Test
    void ishigamiValuesByHand() {
        final Ishigami f = new Ishigami(7, 0.1);
        final double[] y = new double[1];
        // sin(pi/2) = 1 exactly in double: 1 + 7 * 1 + 0.1 * 1 * 1 = 8.1
        f.evaluate(new double[] {Math.PI / 2, Math.PI / 2, 1}, y);
        assertEquals(8.1, y[0], 1e-15);
        // x1 = 0: only a sin^2 x2 remains; sin(pi/6)^2 = 1/4
        f.evaluate(new double[] {0, Math.PI / 6, 2}, y);
        assertEquals(7 * 0.25, y[0], 1e-15);
    }

    @Test
    void ishigamiExactIndicesMatchThePublishedValues() {
        // a = 7, b = 0.1 by hand from the variance formulas (pi^4 = 97.4091, pi^8 = 9488.53):
        // V = 6.125 + 1.94818 + 5.27141 + 0.5 = 13.8446; V1 = (1 + 1.94818)^2 / 2 = 4.34589;
        // V2 = 6.125; V13 = 8 * 0.01 * 9488.53 / 225 = 3.37370; the four-decimal values found
        // throughout the literature: S1 = .3139 .4424 0, ST = .5576 .4424 .2437
        final double[][] s = new Ishigami(7, 0.1).exactIndices();
        final double[] s1 = {0.3139, 0.4424, 0};
        final double[] st = {0.5576, 0.4424, 0.2437};
        for (int j = 0; j < 3; j++) {
            assertEquals(s1[j], s[0][j], 5e-5, "S1 of x" + (j + 1));
            assertEquals(st[j], s[1][j], 5e-5, "ST of x" + (j + 1));
        }
    }

    @Test
    void ishigamiExactIndicesMatchQuadratureForOtherCoefficients() {
        // Gauss-Legendre with 24 nodes on [-pi, pi] integrates sin, sin^2 and x^4 sin to rounding
        // (entire functions; degree-8 polynomials are exact with 5 nodes), so the tensor rule is an
        // independent, exact-to-rounding reference
        final Ishigami f = new Ishigami(5, 0.3);
        final GaussIntegrator rule = new GaussIntegratorFactory().legendre(24, -Math.PI, Math.PI);
        final double[][] nodes = new double[3][];
        final double[][] weights = new double[3][];
        for (int d = 0; d < 3; d++) {
            nodes[d] = new double[24];
            weights[d] = new double[24];
            for (int i = 0; i < 24; i++) {
                nodes[d][i] = rule.getPoint(i);
                weights[d][i] = rule.getWeight(i) / (2 * Math.PI);
            }
        }
        final double[] y = new double[1];
        final double[][] reference = TensorQuadrature.indices(nodes, weights, x -> {
            f.evaluate(x, y);
            return y[0];
        });
        final double[][] exact = f.exactIndices();
        for (int j = 0; j < 3; j++) {
            assertEquals(reference[0][j], exact[0][j], 1e-10, "S1 of x" + (j + 1));
            assertEquals(reference[1][j], exact[1][j], 1e-10, "ST of x" + (j + 1));
        }
    }

    @Test
    void gFunctionValuesByHand() {
        final GFunction g = new GFunction(new double[] {0, 1, 9});
        final double[] y = new double[1];
        // x = (0, 0.5, 1): |4x - 2| = 2, 0, 2 -> (2 + 0)/1 * (0 + 1)/2 * (2 + 9)/10 = 2 * 0.5 * 1.1
        g.evaluate(new double[] {0, 0.5, 1}, y);
        assertEquals(1.1, y[0], 1e-15);
    }

    @Test
    void gFunctionExactIndicesMatchQuadrature() {
        // |4x - 2| is linear on [0, 1/2] and on [1/2, 1]: composite Gauss-Legendre with 4 nodes per
        // half integrates every factor and its square exactly, so the tensor rule is exact to rounding
        final double[] a = {0, 1, 4.5, 9};
        final GFunction g = new GFunction(a);
        final GaussIntegrator low = new GaussIntegratorFactory().legendre(4, 0, 0.5);
        final GaussIntegrator high = new GaussIntegratorFactory().legendre(4, 0.5, 1);
        final double[][] nodes = new double[4][8];
        final double[][] weights = new double[4][8];
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 4; i++) {
                nodes[d][i] = low.getPoint(i);
                weights[d][i] = low.getWeight(i);
                nodes[d][4 + i] = high.getPoint(i);
                weights[d][4 + i] = high.getWeight(i);
            }
        }
        final double[] y = new double[1];
        final double[][] reference = TensorQuadrature.indices(nodes, weights, x -> {
            g.evaluate(x, y);
            return y[0];
        });
        final double[][] exact = g.exactIndices();
        for (int j = 0; j < 4; j++) {
            assertEquals(reference[0][j], exact[0][j], 1e-12, "S1 of x" + (j + 1));
            assertEquals(reference[1][j], exact[1][j], 1e-12, "ST of x" + (j + 1));
        }
        // and by hand for a single input: V = V_1 = 1/27, S1 = ST = 1 (V is computed as
        // (1 + 1/27) - 1: a few ulps of cancellation, hence 1e-14)
        final double[][] one = new GFunction(new double[] {2}).exactIndices();
        assertEquals(1, one[0][0], 1e-14);
        assertEquals(1, one[1][0], 1e-14);
    }

    @Test
    void registryBuildsModelsFromSettingsAndRejectsUnknownOnes() {
        assertEquals(java.util.List.of("ishigami", "g-function"), AnalyticModels.names());
        final AnalyticModel i = AnalyticModels.create("ishigami", Map.of("b", new double[] {0.3}));
        final double[] y = new double[1];
        i.evaluate(new double[] {Math.PI / 2, Math.PI / 2, 1}, y);
        assertEquals(1 + 7 + 0.3, y[0], 1e-15, "a keeps its default 7");
        final AnalyticModel g = AnalyticModels.create("g-function", Map.of("a", new double[] {0, 1}));
        assertEquals(java.util.List.of("x1", "x2"), g.inputs());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnalyticModels.create("sobol-g", Map.of()))
                .getMessage().contains("known: ishigami, g-function"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AnalyticModels.create("ishigami", Map.of("c", new double[] {1}))).getMessage().contains("'c'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AnalyticModels.create("g-function", Map.of("a", new double[] {0, -1}))).getMessage()
                .contains("a[1] = -1.0"));
    }

    @Test
    void analyticNamesDoNotShadowBuiltInModels() {
        for (String n : AnalyticModels.names()) {
            assertTrue(!org.vtrial.engine.model.ModelRegistry.names().contains(n), n);
        }
    }
}
