package org.vtrial.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.EventFunctions;

/**
 * The cart model's performance paths give exactly the values of the plain formulas: the right-hand
 * side at {@code Tpos = 0} (where the saturations are taken as exactly 0, 0 and 1 without dividing)
 * and the one-pass evaluation of all fourteen event functions ({@link EventFunctions#values}) against
 * the per-event {@link EventFunctions#g}. Reference: the equations of MODELS.md section 3 written out
 * below (logistic growth), evaluated in the same order; agreement is bit for bit.
 */
class CartFastPathsTest {

    private static final CartModel CART = CartRuns.MODEL;

    /** MODELS.md section 3, logistic growth, lambda_LD given. */
    private static void reference(double[] y, double[] p, double lambda, double[] d) {
        final double tPos = y[0];
        final double tNeg = y[1];
        final double e = y[2];
        final double m = y[3];
        final double tTot = tPos + tNeg;
        final double act = tPos / (p[CartModel.P_K_ACT] + tPos);
        final double exh = tPos / (p[CartModel.P_K_EXH] + tPos);
        final double mem = p[CartModel.P_K_MEM] / (p[CartModel.P_K_MEM] + tPos);
        final double hom = p[CartModel.P_ALPHA_H] * y[6] / (p[CartModel.P_K_C] + y[6]);
        final double kill = e / (p[CartModel.P_H] + tTot);
        final double phi = 1.0 - tTot / p[CartModel.P_K];
        final double escape = p[CartModel.P_MU_ESC] * tPos;
        d[0] = p[CartModel.P_R_POS] * phi * tPos - p[CartModel.P_K_A] * kill * tPos - escape;
        d[1] = p[CartModel.P_R_NEG] * phi * tNeg - p[CartModel.P_K_OFF] * kill * tNeg + escape;
        final double toMemory = p[CartModel.P_MU] * mem * e;
        final double reactivation = p[CartModel.P_OMEGA] * act * m;
        final double exhaustion = p[CartModel.P_GAMMA] * exh * e;
        d[2] = p[CartModel.P_RHO] * act * e + hom * e - p[CartModel.P_D_E] * e - exhaustion - toMemory + reactivation;
        d[3] = toMemory - reactivation + hom * m - p[CartModel.P_D_M] * m;
        d[4] = exhaustion - p[CartModel.P_D_X] * y[4];
        d[5] = p[CartModel.P_S_L] - p[CartModel.P_D_L] * y[5] - lambda * y[5];
        d[6] = p[CartModel.P_S_C] - p[CartModel.P_D_C] * y[6] - p[CartModel.P_C_L] * y[6] * (y[5] + e + m)
                / p[CartModel.P_N_REF];
        d[7] = p[CartModel.P_Q_6] * act * e / p[CartModel.P_N_REF] - p[CartModel.P_D_6] * y[7];
    }

    private static double[] randomState(SplittableRandom rnd, boolean tumorGone) {
        final double[] y = new double[CartModel.DIMENSION];
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextInt(5) == 0 ? 0.0 : Math.exp(rnd.nextDouble(-5, 27));
        }
        if (tumorGone) {
            y[CartModel.TPOS] = 0.0;
        }
        return y;
    }

    @Test
    void derivativesEqualTheEquationsWithAndWithoutTumor() {
        final SplittableRandom rnd = new SplittableRandom(5L);
        final double[] ours = new double[CartModel.DIMENSION];
        final double[] ref = new double[CartModel.DIMENSION];
        for (int n = 0; n < 2000; n++) {
            final double[] p = CartRuns.params(rnd.nextBoolean() ? "CD28" : "4-1BB", "standard");
            final double[] y = randomState(rnd, n % 2 == 0);
            final double t = rnd.nextDouble(-10, 100);
            CART.derivatives(t, y, p, ours);
            reference(y, p, CartModel.lymphodepletion(t, p), ref);
            for (int i = 0; i < CartModel.DIMENSION; i++) {
                assertEquals(ref[i], ours[i], 0.0, "state " + i + " at Tpos=" + y[0]);
            }
        }
    }

    @Test
    void allEventValuesInOnePassEqualEachEventFunction() {
        final SplittableRandom rnd = new SplittableRandom(6L);
        final EventFunctions events = CART.events();
        final double[] values = new double[events.eventCount()];
        for (int n = 0; n < 2000; n++) {
            final double[] p = CartRuns.params("4-1BB", "none", "extinction_cells=" + rnd.nextDouble(0, 10));
            final double[] y = randomState(rnd, n % 3 == 0);
            if (n % 4 == 0) {
                y[rnd.nextInt(CartModel.DIMENSION)] = -rnd.nextDouble(); // below a floor
            }
            events.values(1.0, y, p, values);
            for (int i = 0; i < events.eventCount(); i++) {
                assertEquals(events.g(i, 1.0, y, p), values[i], 0.0, "event " + i);
            }
        }
    }
}
