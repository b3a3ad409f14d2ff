package org.vtrial.engine.ode;

/** {@link DormandPrince54AbstractTest} on {@link AnalyticProblem.LogisticGrowth}. */
class LogisticGrowthTest extends DormandPrince54AbstractTest {

    @Override
    protected AnalyticProblem problem() {
        return new AnalyticProblem.LogisticGrowth();
    }

    @Override
    protected long pinnedEvaluations() {
        return 218; // regression pin (measured 2026-11-26)
    }

    @Override
    protected long pinnedAcceptedSteps() {
        return 35; // regression pin (measured 2026-11-26)
    }

    @Override
    protected double globalErrorBound() {
        return 1.25; // measured 0.63 tolerance units
    }

    @Override
    protected double denseErrorBound() {
        return 6.5; // measured 3.29 tolerance units
    }
}
