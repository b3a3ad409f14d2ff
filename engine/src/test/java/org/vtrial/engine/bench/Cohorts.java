package org.vtrial.engine.bench;

import java.util.SplittableRandom;

import org.vtrial.engine.model.builtin.PredatorPreyModel;
import org.vtrial.engine.model.builtin.TumorControlModel;

/**
 * Reproducible virtual cohorts for the integrator benchmark and the allocation test: parameter
 * vectors drawn from a fixed {@link SplittableRandom} seed (illustrative ranges, not calibrated).
 */
public final class Cohorts {

    /** Seed of every cohort built here. */
    public static final long SEED = 20261126L;
    /** Horizon of a patient, days. */
    public static final double HORIZON = 365.0;

    private Cohorts() {
    }

    /**
     * {@code tumor-control} patients (MODELS.md §2) with {@code R_ctrl} log-uniform in [0.5, 2], so
     * that about half of them are controlled.
     */
    public static double[][] tumorControl(int size) {
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[][] cohort = new double[size][];
        for (int i = 0; i < size; i++) {
            final double[] p = new double[6];
            final double r = random.nextDouble(0.05, 0.3);
            final double delta = random.nextDouble(0.05, 0.5);
            final double alpha = 1e-9 * logUniform(random, 0.5, 2.0);
            final double rCtrl = logUniform(random, 0.5, 2.0);
            p[TumorControlModel.P_R] = r;
            p[TumorControlModel.P_ALPHA] = alpha;
            p[TumorControlModel.P_DELTA] = delta;
            p[TumorControlModel.P_KAPPA] = r * delta / (alpha * rCtrl);
            p[TumorControlModel.P_T0] = logUniform(random, 1e8, 1e10);
            p[TumorControlModel.P_C0] = logUniform(random, 1e6, 1e8);
            cohort[i] = p;
        }
        return cohort;
    }

    /**
     * {@code predator-prey} patients (MODELS.md §1), all three growth laws in turn, with
     * {@code p * B0 > d} so that CAR T-cells expand.
     */
    public static double[][] predatorPrey(int size) {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        final double[][] cohort = new double[size][];
        for (int i = 0; i < size; i++) {
            final double[] p = new double[8];
            p[PredatorPreyModel.P_R] = random.nextDouble(0.05, 0.2);
            p[PredatorPreyModel.P_K] = 1e12;
            p[PredatorPreyModel.P_KILL] = 1e-8 * logUniform(random, 0.5, 2.0);
            p[PredatorPreyModel.P_P] = 1e-10 * logUniform(random, 0.5, 2.0);
            p[PredatorPreyModel.P_D] = random.nextDouble(0.1, 0.3);
            p[PredatorPreyModel.P_B0] = logUniform(random, 1e9, 1e10);
            p[PredatorPreyModel.P_C0] = logUniform(random, 1e6, 1e7);
            p[PredatorPreyModel.P_GROWTH] = i % 3;
            cohort[i] = p;
        }
        return cohort;
    }

    private static double logUniform(SplittableRandom random, double lo, double hi) {
        return Math.exp(random.nextDouble(Math.log(lo), Math.log(hi)));
    }
}
