package org.vtrial.engine.model.builtin;

import java.util.List;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;

/**
 * {@code tumor-control}: the control threshold of MODELS.md §2, CAR T-cells supplied at a constant
 * rate.
 *
 * <pre>
 *   dT/dt = r * T - alpha * C * T
 *   dC/dt = kappa - delta * C
 * </pre>
 *
 * Tumor-control number {@code R_ctrl = r * delta / (alpha * kappa)}: the tumor is controlled iff
 * {@code R_ctrl < 1}. The closed form of MODELS.md §2 is {@link #exactTumor} / {@link #exactCarT}.
 * MODELS.md gives no defaults: every value is required.
 */
public final class TumorControlModel implements Model {

    public static final int T = 0;
    public static final int C = 1;

    public static final int P_R = 0;
    public static final int P_ALPHA = 1;
    public static final int P_KAPPA = 2;
    public static final int P_DELTA = 3;
    public static final int P_T0 = 4;
    public static final int P_C0 = 5;

    private static final List<StateSpec> STATES = List.of(
            new StateSpec("T", "cells", "tumor cells"),
            new StateSpec("C", "cells", "CAR T-cells"));

    private static final ParameterSpace PARAMETERS = ParameterSpace.of(
            ParameterSpec.required("r", "1/day", 0, 1e3, "tumor growth rate"),
            ParameterSpec.required("alpha", "1/(cell*day)", 0, 1e3, "killing rate constant"),
            ParameterSpec.required("kappa", "cells/day", 0, Double.MAX_VALUE, "CAR T-cell supply rate"),
            new ParameterSpec("delta", "1/day", Double.NaN, Double.MIN_NORMAL, 1e3, "CAR T-cell death rate", List.of()),
            ParameterSpec.required("T0", "cells", 0, Double.MAX_VALUE, "initial tumor cells"),
            ParameterSpec.required("C0", "cells", 0, Double.MAX_VALUE, "initial CAR T-cells"));

    @Override
    public String name() {
        return "tumor-control";
    }

    @Override
    public String description() {
        return "tumor under a constant CAR T-cell supply; control iff R_ctrl < 1, MODELS.md section 2";
    }

    @Override
    public List<StateSpec> states() {
        return STATES;
    }

    @Override
    public ParameterSpace parameters() {
        return PARAMETERS;
    }

    @Override
    public void initialState(double[] p, double[] y) {
        y[T] = p[P_T0];
        y[C] = p[P_C0];
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        yDot[T] = p[P_R] * y[T] - p[P_ALPHA] * y[C] * y[T];
        yDot[C] = p[P_KAPPA] - p[P_DELTA] * y[C];
    }

    @Override
    public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        atol[T] = 1e-6;
        atol[C] = 1e-6;
    }

    /** @return the tumor-control number {@code R_ctrl = r * delta / (alpha * kappa)} */
    public static double controlNumber(double[] p) {
        return p[P_R] * p[P_DELTA] / (p[P_ALPHA] * p[P_KAPPA]);
    }

    /** Closed form of MODELS.md §2: {@code C(t)}. */
    public static double exactCarT(double[] p, double t) {
        final double cStar = p[P_KAPPA] / p[P_DELTA];
        return cStar + (p[P_C0] - cStar) * Math.exp(-p[P_DELTA] * t);
    }

    /** Closed form of MODELS.md §2: {@code T(t)}. */
    public static double exactTumor(double[] p, double t) {
        final double delta = p[P_DELTA];
        final double cStar = p[P_KAPPA] / delta;
        final double integralC = cStar * t + (p[P_C0] - cStar) * (-Math.expm1(-delta * t)) / delta;
        return p[P_T0] * Math.exp(p[P_R] * t - p[P_ALPHA] * integralC);
    }
}
