package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Tumor response (MODELS.md §5) from the ratio {@code R(t) = Ttot(t) / Ttot(0)}, {@code Ttot(0)} the
 * tumor at day 0, over the assessment window {@code [assessment_start, assessment_end]}:
 *
 * <ul>
 * <li>{@code best_response}: {@code CR} if {@code R <= cr_ratio} at some time of the window, else
 * {@code PR} if {@code R <= pr_ratio}, else {@code PD} if {@code R >= pd_ratio}, else {@code SD}.
 * {@code cr_ratio} is also the detection level of disease that relapse re-crosses ({@link Relapse}).</li>
 * <li>{@code time_to_response}: the first time in the window at which {@code R <= pr_ratio} (PR or
 * better), located on the interpolant; NaN for SD and PD.</li>
 * </ul>
 *
 * Default thresholds: {@code cr_ratio = 0.05}, after the morphologic remission of acute
 * lymphoblastic leukemia (fewer than 5% marrow blasts, as in ELIANA, Maude et al. NEJM 2018) on a
 * heavily infiltrated baseline; {@code pr_ratio = 0.5} and {@code pd_ratio = 1.5}: a 50% decrease or
 * increase as in the Lugano classification (Cheson et al., J Clin Oncol 2014); window days 0–90,
 * ELIANA's "remission within 3 months". A crossing is detected between step ends and located by
 * root finding; a dip across a threshold and back inside one step is not seen. The window is clipped
 * at the horizon. Both columns are NaN when the solve failed or {@code Ttot(0) = 0}.
 */
public final class BestResponse implements Endpoint, Signal {

    /** Labels of {@code best_response}, in code order. */
    public static final List<String> LABELS = List.of("CR", "PR", "SD", "PD");
    public static final int CR = 0;
    public static final int PR = 1;
    public static final int SD = 2;
    public static final int PD = 3;

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.category("best_response", "best tumor response in the assessment window, from Ttot/Ttot(0)", LABELS),
            ColumnSpec.real("time_to_response", "day", "first day with Ttot/Ttot(0) <= pr_ratio (NaN for SD, PD)"));

    private static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.real("cr_ratio", "-", 0.05, 0, 1,
                    "complete response (and the disease detection level that relapse re-crosses): Ttot/Ttot(0) at or below"),
            ParameterSpec.real("pr_ratio", "-", 0.5, 0, 1, "partial response: Ttot/Ttot(0) at or below"),
            ParameterSpec.real("pd_ratio", "-", 1.5, 1, 1e12, "progressive disease: Ttot/Ttot(0) at or above (without response)"),
            ParameterSpec.real("assessment_start", "day", 0, 0, 1e5, "first day of the response assessment window"),
            ParameterSpec.real("assessment_end", "day", 90, 0, 1e5, "last day of the response assessment window"));

    private double crRatio;
    private double prRatio;
    private double pdRatio;
    private double windowStart;
    private double windowEnd;

    private double baseline;
    private double crLevel;
    private double prLevel;
    private double pdLevel;
    private double crTime;
    private double prTime;
    private boolean progressed;

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
        crRatio = settings[0];
        prRatio = settings[1];
        pdRatio = settings[2];
        windowStart = Math.max(settings[3], 0.0);
        windowEnd = settings[4];
        crTime = Double.NaN;
        prTime = Double.NaN;
        progressed = false;
        baseline = Double.NaN;
        if (context.startTime() >= 0) {
            setBaseline(TumorBurden.INSTANCE.of(context.initialState()));
        }
    }

    private void setBaseline(double tumor) {
        baseline = tumor;
        crLevel = crRatio * tumor;
        prLevel = prRatio * tumor;
        pdLevel = pdRatio * tumor;
    }

    /** @return first time of complete response, NaN while none */
    double crTime() {
        return crTime;
    }

    /** @return the disease detection level {@code cr_ratio * Ttot(0)} (cells), NaN before day 0 */
    double crLevel() {
        return Double.isNaN(baseline) ? Double.NaN : crLevel;
    }

    @Override
    public double of(double[] y) {
        return TumorBurden.INSTANCE.of(y);
    }

    @Override
    public double at(DenseStep step, double t) {
        return TumorBurden.INSTANCE.at(step, t);
    }

    private double value(DenseStep step, double t) {
        if (t == step.start()) {
            return of(step.startState());
        }
        if (t == step.end()) {
            return of(step.endState());
        }
        return at(step, t);
    }

    @Override
    public void observe(DenseStep step) {
        final double a = step.start();
        final double b = step.end();
        if (Double.isNaN(baseline)) {
            if (!(a <= 0 && b >= 0)) {
                return;
            }
            setBaseline(value(step, 0.0));
        }
        final double lo = Math.max(a, windowStart);
        final double hi = Math.min(b, windowEnd);
        if (!(hi >= lo) || baseline == 0 || !Double.isNaN(crTime)) {
            return;
        }
        final double vLo = value(step, lo);
        final double vHi = value(step, hi);
        if (Double.isNaN(prTime)) {
            prTime = firstAtOrBelow(step, prLevel, lo, hi, vLo, vHi);
        }
        crTime = firstAtOrBelow(step, crLevel, lo, hi, vLo, vHi);
        if (vLo >= pdLevel || vHi >= pdLevel) {
            progressed = true;
        }
    }

    private double firstAtOrBelow(DenseStep step, double level, double lo, double hi, double vLo, double vHi) {
        if (vLo <= level) {
            return lo;
        }
        if (vHi <= level) {
            return StepScan.crossing(this, step, level, lo, hi, vLo - level, vHi - level);
        }
        return Double.NaN;
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        if (status != SolveStatus.OK || Double.isNaN(baseline) || baseline == 0) {
            out[offset] = Double.NaN;
            out[offset + 1] = Double.NaN;
            return;
        }
        final int category;
        if (!Double.isNaN(crTime)) {
            category = CR;
        } else if (!Double.isNaN(prTime)) {
            category = PR;
        } else if (progressed) {
            category = PD;
        } else {
            category = SD;
        }
        out[offset] = category;
        out[offset + 1] = category <= PR ? prTime : Double.NaN;
    }
}
