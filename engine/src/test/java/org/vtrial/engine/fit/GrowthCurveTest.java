package org.vtrial.engine.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.GrowthLaw;

class GrowthCurveTest {

    /**
     * The closed forms solve MODELS.md §1's growth laws: compared with dN/dt = r phi(N) N, phi from the
     * engine's GrowthLaw (the models' own right-hand side), integrated by Hipparchus'
     * DormandPrince853Integrator at relative tolerance 1e-12. Growing (K above N0) and shrinking
     * (K below N0) cases; agreement to 1e-9 relative leaves room for the integrator's global error.
     */
    @Test
    void closedFormsSolveTheGrowthLaws() {
        final double[][] cases = {{1e8, 0.25, 1e10}, {5e9, 0.1, 1e9}, {3.0, 0.7, 40.0}};
        for (GrowthLaw law : GrowthLaw.values()) {
            for (double[] c : cases) {
                final double n0 = c[0];
                final double r = c[1];
                final double k = c[2];
                final OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
                    @Override
                    public int getDimension() {
                        return 1;
                    }

                    @Override
                    public double[] computeDerivatives(double t, double[] y) {
                        return new double[] {r * GrowthLaw.growthTimesN(law.ordinal(), y[0], k)};
                    }
                };
                final DormandPrince853Integrator reference = new DormandPrince853Integrator(1e-12, 1, 1e-14 * n0, 1e-12);
                for (double t : new double[] {0.5, 3, 10, 30}) {
                    final double expected = reference.integrate(ode, new ODEState(0, new double[] {n0}), t)
                            .getPrimaryState()[0];
                    assertEquals(expected, GrowthCurve.value(law, n0, r, k, t), 1e-9 * expected,
                            law + " " + java.util.Arrays.toString(c) + " t=" + t);
                }
            }
        }
    }

    /** The analytic gradient of ln N against central differences (step 1e-6, error ~1e-12 relative). */
    @Test
    void gradientMatchesFiniteDifferences() {
        for (GrowthLaw law : GrowthLaw.values()) {
            final double[] theta = GrowthCurve.internal(law, 1e8, 0.25, 1e10);
            final int p = GrowthCurve.parameterCount(law);
            for (double tau : new double[] {0, 1, 7.5, 20, 60}) {
                final double[] grad = new double[p];
                GrowthCurve.logValue(law, theta, tau, grad);
                for (int j = 0; j < p; j++) {
                    final double h = 1e-6;
                    final double[] up = theta.clone();
                    final double[] down = theta.clone();
                    up[j] += h;
                    down[j] -= h;
                    final double fd = (GrowthCurve.logValue(law, up, tau, null) - GrowthCurve.logValue(law, down, tau, null))
                            / (2 * h);
                    assertEquals(fd, grad[j], 1e-7 * Math.max(1, Math.abs(fd)), law + " tau=" + tau + " j=" + j);
                }
            }
        }
    }

    @Test
    void naturalAndInternalParametersRoundTrip() {
        final double[] nat = GrowthCurve.natural(GrowthLaw.LOGISTIC, GrowthCurve.internal(GrowthLaw.LOGISTIC, 2e6, 0.3, 5e9));
        assertEquals(2e6, nat[0], 1e-14 * 2e6);
        assertEquals(0.3, nat[1], 1e-15);
        assertEquals(5e9, nat[2], 1e-14 * 5e9);
        final double[] exp = GrowthCurve.natural(GrowthLaw.EXPONENTIAL, GrowthCurve.internal(GrowthLaw.EXPONENTIAL, 2e6, -0.1, 1));
        assertEquals(-0.1, exp[1]);
        assertEquals(Double.NaN, exp[2]);
        // delta method: SE(e^x) = e^x SE(x); SE(r) of exponential growth is its own
        final double[] se = GrowthCurve.naturalErrors(GrowthLaw.GOMPERTZ, GrowthCurve.internal(GrowthLaw.GOMPERTZ, 10, 2, 100),
                new double[] {0.1, 0.2, 0.3});
        assertEquals(1.0, se[0], 1e-12);
        assertEquals(0.4, se[1], 1e-12);
        assertEquals(30.0, se[2], 1e-10);
    }
}
