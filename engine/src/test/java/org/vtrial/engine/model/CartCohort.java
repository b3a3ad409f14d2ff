package org.vtrial.engine.model;

import java.util.SplittableRandom;

import org.vtrial.engine.model.builtin.CartModel;

/** Test helper: random {@code cart} patients around MODELS.md's starting point (not a cohort model). */
final class CartCohort {

    private static final String[] PRESETS = {"CD28", "4-1BB"};
    private static final String[] CONDITIONING = {"none", "standard", "intensified"};
    private static final int[] SCALED = {
        CartModel.P_R_POS, CartModel.P_R_NEG, CartModel.P_K_A, CartModel.P_K_OFF, CartModel.P_H, CartModel.P_MU_ESC,
        CartModel.P_RHO, CartModel.P_K_ACT, CartModel.P_ALPHA_H, CartModel.P_K_C, CartModel.P_D_E, CartModel.P_GAMMA,
        CartModel.P_K_EXH, CartModel.P_MU, CartModel.P_K_MEM, CartModel.P_OMEGA, CartModel.P_D_M, CartModel.P_D_X,
        CartModel.P_S_L, CartModel.P_D_L, CartModel.P_S_C, CartModel.P_D_C, CartModel.P_C_L, CartModel.P_Q_6,
        CartModel.P_D_6};

    private CartCohort() {
    }

    /** @return one random patient's parameter vector */
    static double[] sample(SplittableRandom rnd) {
        final double[] p = CartRuns.params(PRESETS[rnd.nextInt(2)], CONDITIONING[rnd.nextInt(3)]);
        for (int i : SCALED) {
            p[i] *= Math.exp(rnd.nextDouble(-Math.log(3), Math.log(3)));
        }
        // logistic or gompertz: under exponential growth a fast antigen-negative tumor grows without
        // bound over two years (1e16 cells and beyond), which is no patient
        p[CartModel.P_GROWTH] = 1 + rnd.nextInt(2);
        p[CartModel.P_TPOS0] = Math.exp(rnd.nextDouble(Math.log(1e8), Math.log(2e11)));
        p[CartModel.P_DOSE_CELLS] = Math.exp(rnd.nextDouble(Math.log(1e6), Math.log(1e9)));
        return p;
    }
}
