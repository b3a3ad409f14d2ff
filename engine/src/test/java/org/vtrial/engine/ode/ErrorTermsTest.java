package org.vtrial.engine.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link DormandPrince54#errorTerms}, the profiling view of a step's error norm, against the norm the
 * controller used: after an acceptance the next step is {@code h * safety * err^(-1/5)} whenever that
 * factor lies strictly between the reduction and growth limits (Hairer's controller, the class
 * documentation), so {@code err = (safety * h / hNext)^5} is recovered from the step sizes alone and
 * must equal {@code sqrt(sum(terms) / n)}. Tolerance: the fifth power amplifies the relative
 * round-off of {@code hNext} (a few ulps, {@link FifthRoot} is within 1 ulp) five-fold: 1e-12.
 */
class ErrorTermsTest {

    /** Two decays at different rates and an oscillator: the limiting component changes over time. */
    private static final OdeFunction PROBLEM = (t, y, p, yDot) -> {
        yDot[0] = -0.5 * y[0];
        yDot[1] = y[2];
        yDot[2] = -4.0 * y[1];
        yDot[3] = -3.0 * y[3] + 1.0;
    };

    @Test
    void termsReproduceTheControllersErrorNormAndNameTheLimitingState() {
        final IntegratorSettings settings = IntegratorSettings.of(1e-7);
        final DormandPrince54 ode = DormandPrince54.create(4, settings);
        ode.begin(PROBLEM, new double[0], 0.0, new double[] {1.0, 1.0, 0.0, 0.0}, 4,
                new double[] {1e-10, 1e-10, 1e-10, 1e-10});
        final double[] terms = new double[4];
        final double[] last = new double[3]; // h, err from the terms, steps checked
        final int[] limiting = new int[4];
        final StepObserver observer = step -> {
            ode.errorTerms(terms);
            double sum = 0;
            int arg = 0;
            for (int j = 0; j < 4; j++) {
                sum += terms[j];
                if (terms[j] > terms[arg]) {
                    arg = j;
                }
            }
            limiting[arg]++;
            last[0] = step.end() - step.start();
            last[1] = Math.sqrt(sum / 4);
        };
        double t = 0;
        while (t < 20) {
            t += 0.5;
            // one step per call at most: advance in tiny increments of the proposed step
            final double h = ode.proposedStep();
            final double target = ode.time() + (h > 0 ? h : 1e-3);
            last[0] = Double.NaN;
            assertEquals(Outcome.OK, ode.advanceTo(Math.min(target, 20), observer, EventFunctions.NONE));
            final double factor = ode.proposedStep() / last[0];
            if (!Double.isNaN(last[0]) && ode.time() < 20 && factor > settings.minReduction() * 1.001
                    && factor < settings.maxGrowth() * 0.999 && ode.acceptedSteps() > 1) {
                final double err = Math.pow(settings.safety() / factor, 5);
                assertEquals(err, last[1], 1e-12 * err, "error norm at t = " + ode.time());
                last[2]++;
            }
            t = ode.time();
        }
        assertTrue(last[2] > 20, "steps checked: " + last[2]);
        // the oscillator (state 1 or 2) limits most steps: its local error dominates the slow decays
        assertTrue(limiting[1] + limiting[2] > limiting[0] + limiting[3], java.util.Arrays.toString(limiting));
    }
}
