package org.vtrial.engine.endpoint.fisher;

import java.util.List;

import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code tumor_fraction_cleared}: the fraction of the initial tumor mass of a {@code fisher-kpp}
 * patient killed by the horizon (MODELS.md §4), {@code 1 - sum_i T_i(t_end) / sum_i T_i(0)}
 * (the cell width cancels). NaN when there is no tumor at the start or the solve failed.
 */
public final class TumorClearedEndpoint implements Endpoint {

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("tumor_fraction_cleared", "-", "fraction of the initial tumor mass killed by the horizon"));

    private int n;
    private int offsetT;
    private double initialMass;
    private double endTime;
    private double finalMass;

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        final double[] p = context.params();
        n = FisherKppModel.cells(p);
        offsetT = FisherKppModel.index(p, FisherKppModel.FIELD_T, 0);
        // a patient too large for the simulator is not solved (INVALID_PARAMETERS): do not read past the buffer
        initialMass = 2 * n <= context.initialState().length ? sum(context.initialState()) : Double.NaN;
        endTime = context.endTime();
        finalMass = Double.NaN;
    }

    private double sum(double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += y[offsetT + i];
        }
        return s;
    }

    @Override
    public void observe(DenseStep step) {
        // only the step that ends at the horizon is summed
        if (step.end() >= endTime) {
            finalMass = sum(step.endState());
        }
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        out[offset] = status == SolveStatus.OK && initialMass > 0 ? 1.0 - finalMass / initialMass : Double.NaN;
    }
}
