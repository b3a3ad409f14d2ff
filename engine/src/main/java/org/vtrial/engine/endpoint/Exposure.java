package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code exposure} (MODELS.md §5): {@code ∫ k_A * act * E dt} over the whole solve, with
 * {@code act = Tpos / (K_act + Tpos)}: the killing potential of the product.
 *
 * <p>Computed by three-point Gauss–Legendre quadrature of the interpolated integrand on every step,
 * rather than as an extra ODE state: the state vector stays MODELS.md's eight states (trajectory
 * output, tolerances, step-size control unchanged), and the quadrature costs two interpolated
 * components at three nodes per step, only while the integrand is not identically 0 ({@code Tpos = 0}
 * is absorbing, {@code E = 0} before infusion). The integrand is smooth inside a step and the step
 * size control keeps {@code Tpos} and {@code E} within tolerance of their interpolants, so the rule
 * (order 6) adds an error well below the solve's tolerance; the test suite checks it against an
 * independent solve that integrates the exposure as an ODE state. NaN when the solve failed.
 */
public final class Exposure implements Endpoint, Signal {

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("exposure", "cells", "killing potential: integral of k_A*act*E over the horizon"));

    private double kA;
    private double kAct;
    private double total;

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        final double[] p = context.params();
        kA = p[CartModel.P_K_A];
        kAct = p[CartModel.P_K_ACT];
        total = 0.0;
    }

    @Override
    public double of(double[] y) {
        final double a = y[CartModel.TPOS];
        return kA * a / (kAct + a) * y[CartModel.E];
    }

    @Override
    public double at(DenseStep step, double t) {
        final double a = step.interpolate(t, CartModel.TPOS);
        return kA * a / (kAct + a) * step.interpolate(t, CartModel.E);
    }

    @Override
    public void observe(DenseStep step) {
        // Zero at both ends means zero throughout in this model: Tpos = 0 is absorbing and E = 0 stays
        // 0 until an infusion (a jump at a step boundary) or reactivation from M (which makes E > 0).
        if (of(step.startState()) == 0.0 && of(step.endState()) == 0.0) {
            return;
        }
        total += StepScan.integrate(this, step, step.start(), step.end());
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        out[offset] = status == SolveStatus.OK ? total : Double.NaN;
    }
}
