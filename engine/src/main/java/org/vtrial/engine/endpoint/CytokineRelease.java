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
 * Toxicity (MODELS.md §5): {@code il6_peak}, the largest {@code IL6} over the horizon located on the
 * interpolant, and {@code crs_grade} 0–4: the highest grade {@code g} whose cut-off
 * {@code crs_grade<g>_il6} the peak reaches (0 below all).
 *
 * <p>CRS is graded clinically (fever, hypotension, hypoxia), not by a cytokine; peak IL-6 rises with
 * CRS severity (Teachey et al., Cancer Discov 2016). The default cut-offs are a convention, one decade
 * apart from 10 pg/mL (just above the upper reference limit of serum IL-6, a few pg/mL): 10, 100,
 * 1000, 10000 pg/mL. Cohorts calibrate {@code q_6} and these cut-offs together. NaN when the solve
 * failed.
 */
public final class CytokineRelease implements Endpoint, Signal {

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("il6_peak", "pg/mL", "peak IL-6 concentration"),
            ColumnSpec.integer("crs_grade", "-", "CRS grade 0-4 from il6_peak against the crs_grade<g>_il6 cut-offs"));

    private static final List<ParameterSpec> SETTINGS = List.of(
            cutoff(1, 10), cutoff(2, 100), cutoff(3, 1000), cutoff(4, 10000));

    private final PeakTracker peak = new PeakTracker();
    private final double[] cutoffs = new double[4];

    private static ParameterSpec cutoff(int grade, double value) {
        return ParameterSpec.real("crs_grade" + grade + "_il6", "pg/mL", value, 0, 1e12,
                "peak IL-6 from which CRS counts as grade " + grade + " or higher");
    }

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
        System.arraycopy(settings, 0, cutoffs, 0, cutoffs.length);
        peak.reset();
        peak.offer(context.startTime(), of(context.initialState()));
    }

    @Override
    public double of(double[] y) {
        return y[CartModel.IL6];
    }

    @Override
    public double at(DenseStep step, double t) {
        return step.interpolate(t, CartModel.IL6);
    }

    @Override
    public double upperBound(DenseStep step) {
        return step.upperBound(CartModel.IL6, 1);
    }

    @Override
    public boolean bernstein(DenseStep step, double[] out) {
        return step.bernstein(CartModel.IL6, 1, out);
    }

    @Override
    public void observe(DenseStep step) {
        // Without antigen there is no IL-6 source and Tpos = 0 is absorbing: a step that starts with
        // Tpos = 0 and IL-6 = 0 keeps IL-6 at exactly 0 in every stage, so its interpolant is 0 and
        // cannot exceed the running maximum (at least the initial IL-6, 0). Most of a responder's
        // horizon, skipped without computing the step's bound.
        final double[] y0 = step.startState();
        if (y0[CartModel.TPOS] == 0.0 && y0[CartModel.IL6] == 0.0 && peak.value() >= 0.0) {
            return;
        }
        peak.observe(this, step);
    }

    /** @return CRS grade for a peak IL-6 against the cut-offs of grades 1..4 */
    static int grade(double il6Peak, double[] cutoffs) {
        for (int g = cutoffs.length; g >= 1; g--) {
            if (il6Peak >= cutoffs[g - 1]) {
                return g;
            }
        }
        return 0;
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        if (status != SolveStatus.OK) {
            out[offset] = Double.NaN;
            out[offset + 1] = Double.NaN;
            return;
        }
        out[offset] = peak.value();
        out[offset + 1] = grade(peak.value(), cutoffs);
    }
}
