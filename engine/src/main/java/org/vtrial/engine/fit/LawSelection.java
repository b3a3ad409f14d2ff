package org.vtrial.engine.fit;

import java.util.List;

import org.vtrial.engine.model.GrowthLaw;

/**
 * The law selected by the smallest AIC among the converged fits, with the evidence for it.
 *
 * <p>{@code deltaAic[i] = AIC_i - AIC_min} and the Akaike weights {@code exp(-delta/2) / sum} are
 * given per law (NaN for a fit that did not converge). Exact ties go to the law with fewer
 * parameters, then to the order exponential, logistic, gompertz.
 *
 * <p>Close calls. A runner-up within {@link #CLOSE_CALL} AIC units means the data support both laws
 * (the usual reading of Burnham and Anderson, <i>Model Selection and Multimodel Inference</i>, 2nd ed.,
 * 2002, §2.6) and the selection should not be relied upon. With one caution from the same section: a
 * runner-up with one more parameter is always within 2 units when its extra parameter buys nothing
 * (the saturating laws contain exponential growth as {@code K -> infinity}, so on exponential data
 * they trail by just under 2). Such a runner-up counts as a close call only when its extra parameter
 * improves the fit by more than one AIC unit, i.e. the threshold is {@code 2 - (extra parameters)}.
 *
 * @param selected      the law with the smallest AIC, or null when no fit converged
 * @param runnerUp      the law with the next smallest AIC, or null
 * @param runnerUpDelta AIC of the runner-up minus the selected one's (NaN without runner-up)
 * @param closeCall     true when the runner-up is within the close-call threshold (see above)
 * @param deltaAic      per law (in {@link GrowthLaw} order)
 * @param weights       Akaike weights per law (in {@link GrowthLaw} order)
 */
public record LawSelection(GrowthLaw selected, GrowthLaw runnerUp, double runnerUpDelta, boolean closeCall,
                           double[] deltaAic, double[] weights) {

    /** AIC difference below which a selection is reported as a close call. */
    public static final double CLOSE_CALL = 2.0;

    /** Copies the arrays. */
    public LawSelection {
        deltaAic = deltaAic.clone();
        weights = weights.clone();
    }

    @Override
    public double[] deltaAic() {
        return deltaAic.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Selects among laws by AIC.
     *
     * @param aic per law in {@link GrowthLaw} order; NaN for a law without a converged fit
     */
    public static LawSelection byAic(double[] aic) {
        final GrowthLaw[] laws = GrowthLaw.values();
        GrowthLaw best = null;
        for (GrowthLaw law : laws) {
            final double a = aic[law.ordinal()];
            // strict comparison: on an exact tie the earlier law (fewer parameters) stays
            if (!Double.isNaN(a) && (best == null || a < aic[best.ordinal()])) {
                best = law;
            }
        }
        final double[] delta = new double[laws.length];
        final double[] weight = new double[laws.length];
        java.util.Arrays.fill(delta, Double.NaN);
        java.util.Arrays.fill(weight, Double.NaN);
        if (best == null) {
            return new LawSelection(null, null, Double.NaN, false, delta, weight);
        }
        GrowthLaw second = null;
        double sum = 0;
        for (GrowthLaw law : laws) {
            final double a = aic[law.ordinal()];
            if (Double.isNaN(a)) {
                continue;
            }
            delta[law.ordinal()] = a - aic[best.ordinal()];
            sum += StrictMath.exp(-0.5 * delta[law.ordinal()]);
            if (law != best && (second == null || a < aic[second.ordinal()])) {
                second = law;
            }
        }
        for (GrowthLaw law : laws) {
            if (!Double.isNaN(delta[law.ordinal()])) {
                weight[law.ordinal()] = StrictMath.exp(-0.5 * delta[law.ordinal()]) / sum;
            }
        }
        final double gap = second == null ? Double.NaN : delta[second.ordinal()];
        final boolean close = second != null && gap < CLOSE_CALL
                - Math.max(0, GrowthCurve.parameterCount(second) - GrowthCurve.parameterCount(best));
        return new LawSelection(best, second, gap, close, delta, weight);
    }

    /** Selects among the fits of one series. */
    public static LawSelection of(List<LawFit> fits) {
        final double[] aic = new double[GrowthLaw.values().length];
        java.util.Arrays.fill(aic, Double.NaN);
        for (LawFit f : fits) {
            if (f.converged()) {
                aic[f.law().ordinal()] = f.aic();
            }
        }
        return byAic(aic);
    }
}
