package org.vtrial.engine.model.builtin;

import java.util.List;

import org.vtrial.engine.model.GrowthLaw;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;

/**
 * {@code predator-prey}: the minimal picture of MODELS.md §1 (tumor {@code B} as prey, CAR T-cells
 * {@code C} as predator).
 *
 * <pre>
 *   dB/dt = r * phi(B) * B - k * B * C
 *   dC/dt = p * B * C - d * C
 * </pre>
 *
 * MODELS.md gives no defaults for this model, so every rate and initial value is required; the
 * growth law defaults to {@code exponential} ({@code phi = 1}) and {@code K} is required only by the
 * laws that use it.
 */
public final class PredatorPreyModel implements Model {

    public static final int B = 0;
    public static final int C = 1;

    public static final int P_R = 0;
    public static final int P_K = 1;
    public static final int P_KILL = 2;
    public static final int P_P = 3;
    public static final int P_D = 4;
    public static final int P_B0 = 5;
    public static final int P_C0 = 6;
    public static final int P_GROWTH = 7;

    private static final List<StateSpec> STATES = List.of(
            new StateSpec("B", "cells", "tumor cells (prey)"),
            new StateSpec("C", "cells", "CAR T-cells (predator)"));

    private static final ParameterSpace PARAMETERS = ParameterSpace.of(
            ParameterSpec.required("r", "1/day", 0, 1e3, "tumor growth rate"),
            new ParameterSpec("K", "cells", Double.NaN, Double.MIN_NORMAL, Double.MAX_VALUE,
                    "carrying capacity (logistic, gompertz)", List.of()),
            ParameterSpec.required("k", "1/(cell*day)", 0, 1e3, "killing rate constant"),
            ParameterSpec.required("p", "1/(cell*day)", 0, 1e3, "antigen-driven proliferation constant"),
            ParameterSpec.required("d", "1/day", 0, 1e3, "CAR T-cell death rate"),
            ParameterSpec.required("B0", "cells", 0, Double.MAX_VALUE, "initial tumor cells"),
            ParameterSpec.required("C0", "cells", 0, Double.MAX_VALUE, "initial CAR T-cells"),
            ParameterSpec.choice("growth", "exponential", GrowthLaw.LABELS, "tumor growth law"));

    @Override
    public String name() {
        return "predator-prey";
    }

    @Override
    public String description() {
        return "minimal tumor (prey) / CAR T-cell (predator) model, MODELS.md section 1";
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
        y[B] = p[P_B0];
        y[C] = p[P_C0];
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        final double b = y[B];
        final double c = y[C];
        final double growth = GrowthLaw.growthTimesN((int) p[P_GROWTH], b, p[P_K]);
        yDot[B] = p[P_R] * growth - p[P_KILL] * b * c;
        yDot[C] = p[P_P] * b * c - p[P_D] * c;
    }

    @Override
    public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        // Populations far below one cell carry no meaning: absolute tolerance of 1e-6 cell.
        atol[B] = 1e-6;
        atol[C] = 1e-6;
    }

    @Override
    public boolean uses(int index, double[] p) {
        return index != P_K || (int) p[P_GROWTH] != GrowthLaw.EXPONENTIAL.ordinal();
    }
}
