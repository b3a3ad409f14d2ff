package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code auc_0_28} (MODELS.md §5): the area under {@code E + M + X} from day 0 to day 28, in
 * cells·day, integrating the dense output over each step's part inside the window: a whole step by the
 * mean of its Bernstein coefficients, a part of one by Gauss–Legendre with enough points for the
 * interpolant's degree (a quartic for the 5(4) pairs, degree 7 for 8(5,3)), so both are exact up
 * to round-off. NaN when the solve failed or ended before day 28.
 */
public final class CarTAuc implements Endpoint {

    /** Window of the area, days after the first infusion (the column's name). */
    static final double FROM = 0.0;
    static final double TO = 28.0;

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("auc_0_28", "cells*day", "area under E+M+X from day 0 to day 28"));

    private double area;
    private double covered;
    private final double[] control = new double[DenseStep.MAX_DEGREE + 1];

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        area = 0.0;
        covered = Math.max(FROM, context.startTime());
    }

    @Override
    public void observe(DenseStep step) {
        final double lo = Math.max(step.start(), FROM);
        final double hi = Math.min(step.end(), TO);
        if (hi > lo) {
            // a whole step: the exact integral of the interpolant, the step times the mean of its Bernstein
            // coefficients; a part of a step: Gauss-Legendre, also exact for it
            if (lo == step.start() && hi == step.end() && CarTotal.INSTANCE.bernstein(step, control)) {
                final int d = step.degree();
                double sum = 0;
                for (int i = 0; i <= d; i++) {
                    sum += control[i];
                }
                area += (hi - lo) * sum / (d + 1);
            } else {
                area += StepScan.integrate(CarTotal.INSTANCE, step, lo, hi);
            }
        }
        if (step.end() > covered) {
            covered = step.end();
        }
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        out[offset] = status == SolveStatus.OK && covered >= TO ? area : Double.NaN;
    }
}
