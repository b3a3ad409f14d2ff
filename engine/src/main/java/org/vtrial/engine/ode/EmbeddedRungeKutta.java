package org.vtrial.engine.ode;

/**
 * What the embedded Runge–Kutta methods of this package share: the problem and its state, the
 * counters, the step loop of {@link #advanceTo} (evaluation budget, attempt, acceptance, event
 * location, step-size control, observer, restart after an event) and the accepted step's
 * {@link DenseStep} bookkeeping. A method supplies its stages and error norm ({@link #attempt}), what
 * an accepted attempt still needs ({@link #accept}), the state at a located event
 * ({@link #eventState}), the root of its controller ({@link #inverseRoot}) and its dense output.
 *
 * <p>The step-size control is Hipparchus' {@code EmbeddedRungeKuttaIntegrator}:
 * {@code h * min(maxGrowth, max(minReduction, safety * err^(-1/order)))}, bounded by
 * {@code [minStep, maxStep]}, a step below {@code minStep} allowed only as the last one; the initial
 * step is Hairer's {@code HINIT} ({@link StepSupport#initialStep}). Allocation-free after construction.
 */
abstract class EmbeddedRungeKutta implements AdaptiveIntegrator, DenseStep {

    /** {@link #accept}: the attempt is accepted. */
    static final int ACCEPT = 0;
    /** {@link #accept}: the attempt is rejected (the step is reduced and retried). */
    static final int REJECT = 1;
    /** {@link #accept}: the model cannot be evaluated at the attempt's finite end state. */
    static final int NON_FINITE_MODEL = 2;

    final int capacity;
    final IntegratorSettings settings;
    // controller constants, copied from settings (read on every attempt)
    final double safety;
    final double minReduction;
    final double maxGrowth;
    final double minStep;
    final double maxStep;
    private final int order;
    private final int attemptEvaluations;
    private final boolean growsAfterRejection;

    // problem
    OdeFunction function;
    double[] params;
    double[] absTol;
    int n;

    // state at the current time, with its derivative (first same as last)
    double t;
    double[] y;
    double[] k1;
    boolean derivativeValid;
    double h;
    boolean needInitialStep;
    // the last attempt was rejected (methods whose steps may not grow right after one)
    private boolean justRejected;

    // candidate end state, stage input, the initial-step probe's derivative
    double[] y1;
    final double[] yStage;
    private final double[] probeDerivative;

    // the last accepted step, as observers and event location see it
    double stepStart;
    double stepEnd;
    double stepSize;
    // stage times of the step are capped at this time (strictly below the end of an advanceTo call)
    double stepCap;
    boolean denseReady;
    // accepted steps so far: per-component dense coefficients carry the serial of their step
    long stepSerial;
    final long[] componentSerial;
    final double[] yInterp;

    // events
    final double[] gStart = new double[MAX_EVENTS];
    final double[] gEnd = new double[MAX_EVENTS];
    private final int[] eventDirection = new int[MAX_EVENTS];

    // statistics
    long evaluations;
    long acceptedSteps;
    long rejectedSteps;
    long eventsTriggered;

    /**
     * @param order               the order of the controller's root ({@code err^(-1/order)}) and of HINIT
     * @param attemptEvaluations  evaluations an attempt may need (the budget is checked before it)
     * @param growsAfterRejection false for Hairer's rule: a step accepted right after a rejection
     *                            proposes no larger step
     */
    EmbeddedRungeKutta(int capacity, IntegratorSettings settings, int order, int attemptEvaluations,
                       boolean growsAfterRejection) {
        this.capacity = capacity;
        this.settings = settings;
        this.safety = settings.safety();
        this.minReduction = settings.minReduction();
        this.maxGrowth = settings.maxGrowth();
        this.minStep = settings.minStep();
        this.maxStep = settings.maxStep();
        this.order = order;
        this.attemptEvaluations = attemptEvaluations;
        this.growsAfterRejection = growsAfterRejection;
        y = new double[capacity];
        k1 = new double[capacity];
        y1 = new double[capacity];
        yStage = new double[capacity];
        probeDerivative = new double[capacity];
        yInterp = new double[capacity];
        componentSerial = new long[capacity];
        java.util.Arrays.fill(componentSerial, -1L);
    }

    /** The checks of every {@code create(capacity, settings)}. */
    static void checkArguments(int capacity, IntegratorSettings settings) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
    }

    // --- what a method supplies ------------------------------------------------------------------

    /**
     * Computes the stages for step {@code hh} (stage times capped at {@code tCap}), the candidate end
     * state into {@code y1}, counts its evaluations, and returns the error norm (accept below 1).
     */
    abstract double attempt(double hh, double rtol, double tCap);

    /**
     * What an attempt with error {@code err} still needs to be accepted: {@link #ACCEPT},
     * {@link #REJECT} or {@link #NON_FINITE_MODEL}. This default accepts below 1.
     */
    int accept(double err, double hTry, double tCap) {
        return err < 1.0 ? ACCEPT : REJECT;
    }

    /**
     * Failure path only: after an attempt whose error norm is NaN, tells a NaN produced by the
     * right-hand side at a finite input (a model that cannot be evaluated) from one produced by
     * overflow of the stages (a step too large).
     */
    abstract boolean nanFromFiniteInput(double hh);

    /** {@code err^(-1/order)}, the same bits on every machine, allocation-free. */
    abstract double inverseRoot(double err);

    /** @return whether any of the first {@code n} values (a stage's derivatives) is NaN (failure path) */
    final boolean hasNaN(double[] v) {
        for (int j = 0; j < n; j++) {
            if (Double.isNaN(v[j])) {
                return true;
            }
        }
        return false;
    }

    /** After an accepted step without event: the derivative at its end becomes the next first stage. */
    abstract void swapFirstSameAsLast();

    /** Builds the dense output of every component of the accepted step (idempotent within the step). */
    final void ensureDenseOutput() {
        if (denseReady) {
            return;
        }
        for (int j = 0; j < n; j++) {
            if (componentSerial[j] != stepSerial) {
                denseComponent(j);
            }
        }
        denseReady = true;
    }

    /**
     * Builds the dense-output coefficients of component {@code j} for the accepted step and marks them
     * with its serial ({@code componentSerial[j] = stepSerial}).
     */
    abstract void denseComponent(int j);

    /** A new accepted step begins (before events and observers see it): reset per-step caches. */
    void newStep() {
    }

    /**
     * The state at a crossing located at {@code tEvent} inside the accepted step, into {@code y1}
     * (the dense output is built; {@code stepEnd} is already {@code tEvent}). This default takes the
     * interpolant's state.
     *
     * @return true when the event fires there; false when the step only ends there (the next step
     *         locates the crossing again)
     */
    boolean eventState(EventFunctions events, int firing, double tEvent, double rtol) {
        interpolate(tEvent, y1);
        return true;
    }

    // --- AdaptiveIntegrator ------------------------------------------------------------------------

    @Override
    public IntegratorSettings settings() {
        return settings;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void begin(OdeFunction f, double[] p, double t0, double[] y0, int dimension, double[] atol) {
        if (dimension <= 0 || dimension > capacity) {
            throw new IllegalArgumentException("dimension " + dimension + " outside 1.." + capacity);
        }
        this.function = f;
        this.params = p;
        this.absTol = atol;
        this.n = dimension;
        this.t = t0;
        System.arraycopy(y0, 0, y, 0, dimension);
        evaluations = 0;
        acceptedSteps = 0;
        rejectedSteps = 0;
        eventsTriggered = 0;
        derivativeValid = false;
        needInitialStep = true;
        justRejected = false;
        h = 0;
    }

    @Override
    public double time() {
        return t;
    }

    @Override
    public double[] state() {
        return y;
    }

    @Override
    public void stateChanged() {
        derivativeValid = false;
    }

    @Override
    public long evaluations() {
        return evaluations;
    }

    @Override
    public long acceptedSteps() {
        return acceptedSteps;
    }

    @Override
    public long rejectedSteps() {
        return rejectedSteps;
    }

    @Override
    public long eventsTriggered() {
        return eventsTriggered;
    }

    @Override
    public double proposedStep() {
        return h;
    }

    @Override
    public final Outcome advanceTo(double tEnd, StepObserver observer, EventFunctions events) {
        if (!(tEnd >= t)) {
            return tEnd < t ? Outcome.STEP_UNDERFLOW : Outcome.NON_FINITE;
        }
        if (tEnd == t) {
            return Outcome.OK;
        }
        final int m = events.eventCount();
        if (m > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " event functions per problem, got " + m);
        }
        for (int i = 0; i < m; i++) {
            eventDirection[i] = events.direction(i);
        }
        if (!derivativeValid) {
            if (evaluations + 1 > settings.maxEvaluations()) {
                return Outcome.MAX_EVALUATIONS;
            }
            function.derivatives(t, y, params, k1);
            evaluations++;
            if (!StepSupport.allFinite(y, n) || !StepSupport.allFinite(k1, n)) {
                return Outcome.NON_FINITE;
            }
            derivativeValid = true;
        }
        if (m > 0) {
            events.values(t, y, params, gStart);
        }
        if (needInitialStep) {
            if (evaluations + 1 > settings.maxEvaluations()) {
                return Outcome.MAX_EVALUATIONS;
            }
            h = StepSupport.initialStep(order, function, params, t, y, k1, n, absTol, settings, yStage,
                    probeDerivative);
            evaluations++;
            needInitialStep = false;
        }

        final double rtol = settings.relativeTolerance();
        while (true) {
            // --- one attempt -------------------------------------------------------------------
            double hTry = h;
            boolean reachesEnd = false;
            if (t + hTry >= tEnd) {
                hTry = tEnd - t;
                reachesEnd = true;
            }
            if (evaluations + attemptEvaluations > settings.maxEvaluations()) {
                return Outcome.MAX_EVALUATIONS;
            }
            // A step that ends this call keeps its stage times strictly below tEnd: a right-hand side
            // that switches at tEnd (a scheduled discontinuity, right-continuous in t) is evaluated on
            // the piece the step belongs to; the next piece starts with a derivative at tEnd itself.
            final double tCap = reachesEnd ? Math.nextDown(tEnd) : Double.POSITIVE_INFINITY;
            final double err = attempt(hTry, rtol, tCap);
            final int verdict = accept(err, hTry, tCap);
            if (verdict == NON_FINITE_MODEL) {
                return Outcome.NON_FINITE;
            }
            if (verdict == REJECT) {
                rejectedSteps++;
                justRejected = true;
                if (Double.isNaN(err) && nanFromFiniteInput(hTry)) {
                    return Outcome.NON_FINITE;
                }
                final double factor = err >= 1.0 && err < Double.POSITIVE_INFINITY ? stepFactor(err) : minReduction;
                final double hNew = hTry * factor;
                if (hNew < minStep || t + hNew == t) {
                    return Outcome.STEP_UNDERFLOW;
                }
                h = hNew < maxStep ? hNew : maxStep;
                continue;
            }

            // --- accepted -----------------------------------------------------------------------
            acceptedSteps++;
            final double tNew = reachesEnd ? tEnd : t + hTry;
            stepStart = t;
            stepEnd = tNew;
            stepSize = hTry;
            stepCap = tCap;
            denseReady = false;
            stepSerial++;
            newStep();

            int firing = -1;
            boolean restart = false; // the step ends early: restart from its end state
            if (m > 0) {
                events.values(tNew, y1, params, gEnd);
                double earliest = Double.POSITIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    if (StepSupport.crosses(eventDirection[i], gStart[i], gEnd[i])) {
                        final double tr = StepSupport.locate(this, events, i, gStart[i], gEnd[i],
                                settings.eventTimeTolerance(), params, yInterp);
                        if (tr < earliest) {
                            earliest = tr;
                            firing = i;
                        }
                    }
                }
                if (firing >= 0) {
                    // the dense output is built from the full step before y1 becomes the event state
                    ensureDenseOutput();
                    stepEnd = earliest;
                    if (!eventState(events, firing, earliest, rtol)) {
                        firing = -1;
                        restart = true;
                    }
                }
            }

            // next step size (Hipparchus' controller), from this step's error
            double scaled = hTry * stepFactor(err);
            if (justRejected && !growsAfterRejection && scaled > hTry) {
                scaled = hTry;
            }
            justRejected = false;
            double hNext = scaled < maxStep ? scaled : maxStep;
            boolean underflow = false;
            if (hNext < minStep) {
                // Hipparchus' filterStep: a small step is accepted only as the last one
                if (stepEnd + hNext >= tEnd) {
                    hNext = minStep;
                } else {
                    underflow = true;
                }
            }

            if (observer != StepObserver.NONE) {
                observer.onStep(this);
            }

            // move to the end of the (possibly truncated) step
            t = stepEnd;
            final double[] swap = y;
            y = y1;
            y1 = swap;
            h = hNext;

            if (firing >= 0 || restart) {
                if (firing >= 0) {
                    eventsTriggered++;
                    final EventAction action = events.apply(firing, t, y, params);
                    if (action == EventAction.STOP) {
                        derivativeValid = false;
                        return Outcome.STOPPED;
                    }
                }
                if (evaluations + 1 > settings.maxEvaluations()) {
                    derivativeValid = false;
                    return Outcome.MAX_EVALUATIONS;
                }
                function.derivatives(t, y, params, k1);
                evaluations++;
                events.values(t, y, params, gStart);
                if (t >= tEnd) {
                    return Outcome.OK;
                }
                if (underflow) {
                    return Outcome.STEP_UNDERFLOW;
                }
                continue;
            }

            swapFirstSameAsLast();
            if (m > 0) {
                System.arraycopy(gEnd, 0, gStart, 0, m);
            }
            if (reachesEnd) {
                return Outcome.OK;
            }
            if (underflow) {
                return Outcome.STEP_UNDERFLOW;
            }
        }
    }

    /**
     * Hipparchus' step-size factor {@code min(maxGrowth, max(minReduction, safety * err^(-1/order)))} for
     * a finite {@code err >= 0} (plain comparisons: no NaN can occur here).
     */
    private double stepFactor(double err) {
        final double f = safety * inverseRoot(err);
        return f >= maxGrowth ? maxGrowth : f <= minReduction ? minReduction : f;
    }

    // --- DenseStep ---------------------------------------------------------------------------------

    @Override
    public double start() {
        return stepStart;
    }

    @Override
    public double end() {
        return stepEnd;
    }

    @Override
    public double[] endState() {
        return y1;
    }

    @Override
    public double[] startState() {
        return y;
    }

    /** The step ends before its full length when an event truncated it. */
    final boolean truncated() {
        return stepEnd != stepStart + stepSize;
    }
}
