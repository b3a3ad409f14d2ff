package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * CAR-T expansion peak (MODELS.md §5): {@code cmax} = largest {@code E + M + X} over the horizon,
 * located on the interpolant (an infusion's post-jump value counts), in cells and in blood cells/µL
 * ({@code f_blood / V_blood_uL}); {@code tmax} its day; {@code expansion_fold = cmax / dose} with the
 * dose the total of cells infused. NaN when the solve failed.
 */
public final class CarTPeak implements Endpoint {

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("cmax", "cells", "peak of CAR T-cells E+M+X"),
            ColumnSpec.real("cmax_blood", "cells/uL", "peak CAR T-cell concentration in blood, cmax*f_blood/V_blood_uL"),
            ColumnSpec.real("tmax", "day", "day of the CAR T-cell peak"),
            ColumnSpec.real("expansion_fold", "-", "cmax divided by the total cells infused"));

    private final PeakTracker peak = new PeakTracker();
    private double[] params;
    private double infused;

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        params = context.params();
        infused = CartModel.infusedCells(params, context.regimen());
        peak.reset();
        peak.offer(context.startTime(), CarTotal.INSTANCE.of(context.initialState()));
    }

    @Override
    public void observe(DenseStep step) {
        peak.observe(CarTotal.INSTANCE, step);
    }

    @Override
    public void onJump(double t, double[] y) {
        peak.offer(t, CarTotal.INSTANCE.of(y));
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        if (status != SolveStatus.OK) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                out[offset + i] = Double.NaN;
            }
            return;
        }
        final double cmax = peak.value();
        out[offset] = cmax;
        out[offset + 1] = CartModel.bloodConcentration(cmax, params);
        out[offset + 2] = peak.time();
        out[offset + 3] = cmax / infused;
    }
}
