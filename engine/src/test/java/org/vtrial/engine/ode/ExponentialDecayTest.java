package org.vtrial.engine.ode;

/** {@link DormandPrince54AbstractTest} on {@link AnalyticProblem.ExponentialDecay}. */
class ExponentialDecayTest extends DormandPrince54AbstractTest {

    @Override
    protected AnalyticProblem problem() {
        return new AnalyticProblem.ExponentialDecay();
    }

    @Override
    protected long pinnedEvaluations() {
        return 230; // regression pin (measured 2026-11-26)
    }

    @Override
    protected long pinnedAcceptedSteps() {
        return 38; // regression pin (measured 2026-11-26)
    }

    @Override
    protected double globalErrorBound() {
        return 3.5; // measured 1.78 tolerance units
    }

    @Override
    protected double denseErrorBound() {
        return 3.5; // measured 1.73 tolerance units
    }
}
