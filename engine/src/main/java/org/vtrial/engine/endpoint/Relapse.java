package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Relapse (MODELS.md §5): after complete response ({@link BestResponse}), the first time {@code Ttot}
 * rises back through the disease detection level {@code cr_ratio * Ttot(0)}, located on the
 * interpolant by root finding. {@code relapse_day} is censored at the horizon
 * ({@code relapse_event = 0}); {@code relapse_antigen} says which population dominates at relapse:
 * {@code negative} when {@code Tneg > Tpos} (antigen escape), else {@code positive}. All three are NaN
 * for a patient without CR or a failed solve; {@code relapse_antigen} is NaN without relapse.
 *
 * <p>Reads the CR time and level from the {@link BestResponse} instance given at construction, which
 * observes each step before this one (registration order in {@link CartEndpoints}).
 */
public final class Relapse implements Endpoint {

    /** Labels of {@code relapse_antigen}, in code order. */
    public static final List<String> ANTIGEN_LABELS = List.of("negative", "positive");
    public static final int NEGATIVE = 0;
    public static final int POSITIVE = 1;

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("relapse_day", "day", "first day Ttot re-crosses the detection level after CR; the horizon if censored"),
            ColumnSpec.flag("relapse_event", "1 if the patient relapsed after CR before the horizon, 0 if censored"),
            ColumnSpec.category("relapse_antigen", "dominant tumor population at relapse", ANTIGEN_LABELS));

    private final BestResponse response;
    private double horizon;
    private double relapseDay;
    private double antigen;

    /** @param response the response endpoint of the same patient, registered before this one */
    public Relapse(BestResponse response) {
        this.response = response;
    }

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        horizon = context.endTime();
        relapseDay = Double.NaN;
        antigen = Double.NaN;
    }

    @Override
    public void observe(DenseStep step) {
        final double crTime = response.crTime();
        if (Double.isNaN(crTime) || !Double.isNaN(relapseDay) || step.end() <= crTime) {
            return;
        }
        final double level = response.crLevel();
        final double vb = TumorBurden.INSTANCE.of(step.endState());
        if (vb <= level) {
            return;
        }
        final double lo = Math.max(step.start(), crTime);
        final double vLo = lo == step.start() ? TumorBurden.INSTANCE.of(step.startState())
                : TumorBurden.INSTANCE.at(step, lo);
        final double t = vLo > level ? lo
                : StepScan.crossing(TumorBurden.INSTANCE, step, level, lo, step.end(), vLo - level, vb - level);
        relapseDay = t;
        final double tPos = step.interpolate(t, CartModel.TPOS);
        final double tNeg = step.interpolate(t, CartModel.TNEG);
        antigen = tNeg > tPos ? NEGATIVE : POSITIVE;
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        if (status != SolveStatus.OK || Double.isNaN(response.crTime())) {
            out[offset] = Double.NaN;
            out[offset + 1] = Double.NaN;
            out[offset + 2] = Double.NaN;
            return;
        }
        final boolean event = !Double.isNaN(relapseDay);
        out[offset] = event ? relapseDay : horizon;
        out[offset + 1] = event ? 1.0 : 0.0;
        out[offset + 2] = event ? antigen : Double.NaN;
    }
}
