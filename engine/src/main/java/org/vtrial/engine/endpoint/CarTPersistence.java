package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code persistence_days} (MODELS.md §5): the last day at which blood CAR T-cells
 * ({@code (E + M + X) * f_blood / V_blood_uL}) are at or above the detection limit
 * {@code car_detection_limit}; the downward crossing is located on the interpolant by root finding.
 * Equals the horizon when still detectable at the end (censored), 0 when never detectable after day 0.
 * NaN when the solve failed.
 */
public final class CarTPersistence implements Endpoint, Signal {

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("persistence_days", "day",
                    "last day with blood CAR T-cells at or above car_detection_limit (the horizon if still detectable)"));

    private static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.real("car_detection_limit", "cells/uL", 0.1, 0, 1e9,
                    "detection limit of CAR T-cells in blood for persistence_days (a convention: set it to the assay's limit)"));

    private double limit;
    private double toBlood;
    private double lastDetected;

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public List<ParameterSpec> settings() {
        return SETTINGS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        limit = settings[0];
        toBlood = CartModel.bloodConcentration(1.0, context.params());
        lastDetected = Double.NaN;
        if (context.startTime() >= 0 && of(context.initialState()) >= limit) {
            lastDetected = context.startTime();
        }
    }

    @Override
    public double of(double[] y) {
        return CarTotal.INSTANCE.of(y) * toBlood;
    }

    @Override
    public double at(DenseStep step, double t) {
        return CarTotal.INSTANCE.at(step, t) * toBlood;
    }

    @Override
    public void observe(DenseStep step) {
        final double b = step.end();
        if (b < 0) {
            return;
        }
        final double vb = of(step.endState());
        if (vb >= limit) {
            lastDetected = b;
            return;
        }
        final double a = Math.max(step.start(), 0.0);
        final double va = a == step.start() ? of(step.startState()) : at(step, a);
        if (va >= limit) {
            lastDetected = StepScan.crossing(this, step, limit, a, b, va - limit, vb - limit);
        }
    }

    @Override
    public void onJump(double t, double[] y) {
        if (t >= 0 && of(y) >= limit) {
            lastDetected = t;
        }
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        if (status != SolveStatus.OK) {
            out[offset] = Double.NaN;
        } else {
            out[offset] = Double.isNaN(lastDetected) ? 0.0 : lastDetected;
        }
    }
}
