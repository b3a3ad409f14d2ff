package org.vtrial.engine.ode;

/** {@link DormandPrince54AbstractTest} on {@link AnalyticProblem.HarmonicOscillator}. */
class HarmonicOscillatorTest extends DormandPrince54AbstractTest {

    @Override
    protected AnalyticProblem problem() {
        return new AnalyticProblem.HarmonicOscillator();
    }

    @Override
    protected long pinnedEvaluations() {
        return 446; // regression pin (measured 2026-11-26)
    }

    @Override
    protected long pinnedAcceptedSteps() {
        return 74; // regression pin (measured 2026-11-26)
    }

    @Override
    protected double globalErrorBound() {
        return 10; // measured 5.00 tolerance units
    }

    @Override
    protected double denseErrorBound() {
        return 10; // measured 5.02 tolerance units
    }
}
