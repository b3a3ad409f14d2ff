package org.vtrial.engine.ode;

/**
 * Step-size control settings of an adaptive integrator.
 *
 * <p>The error of a step is the root-mean-square over components of
 * {@code err_i / (atol_i + rtol * max(|y0_i|, |y1_i|))}; a step is accepted when it is below 1.
 * The next step is {@code h * min(maxGrowth, max(minReduction, safety * err^(-1/5)))}, bounded by
 * {@code [minStep, maxStep]}: the controller of Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>,
 * §II.4, as Hipparchus implements it, so that both take the same steps.
 *
 * @param relativeTolerance  relative tolerance {@code rtol} (&gt; 0)
 * @param minStep            smallest step before {@link Outcome#STEP_UNDERFLOW} (days, &gt; 0)
 * @param maxStep            largest step (days)
 * @param maxEvaluations     hard cap on right-hand-side evaluations per {@code begin} (always set)
 * @param safety             safety factor of the controller
 * @param minReduction       smallest step-size factor after a rejection
 * @param maxGrowth          largest step-size factor after an acceptance
 * @param eventTimeTolerance time tolerance of event location (days)
 */
public record IntegratorSettings(double relativeTolerance, double minStep, double maxStep,
                                 long maxEvaluations, double safety, double minReduction,
                                 double maxGrowth, double eventTimeTolerance) {

    /** Default hard cap on evaluations: about 30,000 steps, far beyond a healthy patient. */
    public static final long DEFAULT_MAX_EVALUATIONS = 200_000L;

    /** Default event time tolerance, days. */
    public static final double DEFAULT_EVENT_TIME_TOLERANCE = 1e-9;

    /** Relative tolerance of trials, sensitivity analyses and single patients unless they set one. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    /**
     * Tightest relative tolerance an input may ask for: about 1e4 ulps, below which the error estimate
     * of a step is round-off and the controller only shrinks the step.
     */
    public static final double MIN_RELATIVE_TOLERANCE = 1e-12;

    /**
     * The check every input's {@code rtol} passes (a trial's, a sensitivity analysis', the command
     * line's): in {@code [1e-12, 1)}.
     *
     * @return null when {@code rtol} is admissible, else the problem, naming the value
     */
    public static String relativeToleranceProblem(double rtol) {
        return rtol >= MIN_RELATIVE_TOLERANCE && rtol < 1 ? null
                : "relative tolerance must be in [1e-12, 1), got " + rtol;
    }

    /** Validates the settings. */
    public IntegratorSettings {
        requirePositive("relativeTolerance", relativeTolerance);
        requirePositive("minStep", minStep);
        requirePositive("maxStep", maxStep);
        if (maxStep < minStep) {
            throw new IllegalArgumentException("maxStep (" + maxStep + ") < minStep (" + minStep + ")");
        }
        if (maxEvaluations < 10) {
            throw new IllegalArgumentException("maxEvaluations must be at least 10, got " + maxEvaluations);
        }
        if (!(safety > 0 && safety <= 1)) {
            throw new IllegalArgumentException("safety must be in (0, 1], got " + safety);
        }
        if (!(minReduction > 0 && minReduction < 1)) {
            throw new IllegalArgumentException("minReduction must be in (0, 1), got " + minReduction);
        }
        if (!(maxGrowth > 1)) {
            throw new IllegalArgumentException("maxGrowth must be > 1, got " + maxGrowth);
        }
        requirePositive("eventTimeTolerance", eventTimeTolerance);
    }

    /**
     * Settings with the given relative tolerance and the defaults of Hipparchus' embedded
     * Runge–Kutta integrators (safety 0.9, reduction 0.2, growth 10).
     */
    public static IntegratorSettings of(double relativeTolerance) {
        return new IntegratorSettings(relativeTolerance, 1e-12, Double.MAX_VALUE, DEFAULT_MAX_EVALUATIONS,
                0.9, 0.2, 10.0, DEFAULT_EVENT_TIME_TOLERANCE);
    }

    /** @return {@link #of} the {@linkplain #DEFAULT_RELATIVE_TOLERANCE default relative tolerance} */
    public static IntegratorSettings defaults() {
        return of(DEFAULT_RELATIVE_TOLERANCE);
    }

    /** @return a copy with another maximum step */
    public IntegratorSettings withMaxStep(double value) {
        return new IntegratorSettings(relativeTolerance, minStep, value, maxEvaluations, safety, minReduction,
                maxGrowth, eventTimeTolerance);
    }

    /** @return a copy with another minimum step */
    public IntegratorSettings withMinStep(double value) {
        return new IntegratorSettings(relativeTolerance, value, maxStep, maxEvaluations, safety, minReduction,
                maxGrowth, eventTimeTolerance);
    }

    /** @return a copy with another evaluation cap */
    public IntegratorSettings withMaxEvaluations(long value) {
        return new IntegratorSettings(relativeTolerance, minStep, maxStep, value, safety, minReduction,
                maxGrowth, eventTimeTolerance);
    }

    /** @return a copy with another event time tolerance */
    public IntegratorSettings withEventTimeTolerance(double value) {
        return new IntegratorSettings(relativeTolerance, minStep, maxStep, maxEvaluations, safety, minReduction,
                maxGrowth, value);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value) && !"maxStep".equals(name)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }
}
