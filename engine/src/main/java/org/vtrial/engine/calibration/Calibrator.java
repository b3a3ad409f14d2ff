package org.vtrial.engine.calibration;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.SimplePointChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.trial.CohortSpec;
import org.vtrial.engine.trial.TrialSpec;

/**
 * Fits a cohort's free population-level values to published figures: minimises the sum of squared
 * standardized deviations {@code sum ((simulated - published) / se)^2} over the {@code calibrate}
 * targets, each evaluation a simulated cohort of the same patients (common random numbers: patient
 * keys {@code 0..n-1} of replicate 0 every time, so the objective changes only through the values,
 * not through sampling noise).
 *
 * <p>The optimiser (BOBYQA or CMA-ES, {@link OptimizerSettings}) searches the unit cube of the free
 * values, so bounds hold for every evaluation. After it stops, the best values are rounded to
 * {@link #SIGNIFICANT_DIGITS} significant digits and evaluated once more; when rounding makes the
 * objective worse (a statistic of a finite cohort is a step function of the values, and rounding can
 * move a patient across a threshold) the exact best values are kept instead. The result reports that
 * last evaluation, so the figures shown are those of the cohort file written.
 * Running out of evaluations is reported as non-convergence, with the best point found.
 */
public final class Calibrator {

    /** Significant digits of the calibrated values written to the cohort. */
    public static final int SIGNIFICANT_DIGITS = 4;
    /** Objective of an evaluation whose cohort could not be built (reported in the trace). */
    static final double INADMISSIBLE = 1e12;

    /** Receives each evaluation as it completes (progress output). */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param entry the evaluation
         * @param best  the lowest objective so far
         */
        void evaluated(TraceEntry entry, double best);
    }

    /**
     * One evaluation of the objective.
     *
     * @param evaluation 1-based index (0 for the rounded final evaluation)
     * @param values     the free values, in {@link CalibrationSpec#free()} order
     * @param objective  sum of squared standardized deviations of the calibrate targets
     * @param simulated  each calibrate target's simulated value, in {@link CalibrationSpec#calibrated()} order
     * @param seconds    wall time of the evaluation
     * @param problem    why the cohort was inadmissible, or null
     */
    public record TraceEntry(int evaluation, double[] values, double objective, double[] simulated, double seconds,
                             String problem) {
    }

    /**
     * The outcome.
     *
     * @param spec             the calibration
     * @param converged        true when the optimiser met its own stopping rule within the budget
     * @param message          what happened, in words
     * @param evaluations      evaluations made by the optimiser
     * @param start            the starting values
     * @param startSimulated   every target's simulated value at the start, in {@link CalibrationSpec#targets()} order
     * @param startObjective   objective at the start
     * @param values           the calibrated values (rounded)
     * @param simulated        every target's simulated value at the calibrated values
     * @param denominators     every proportion target's simulated denominator (NaN for others)
     * @param objective        objective at the calibrated values
     * @param trace            every evaluation of the optimiser, in order
     * @param cohort           the calibrated cohort (in memory; see {@link CohortWriter} for the file)
     * @param wallSeconds      wall time of the whole calibration
     */
    public record Result(CalibrationSpec spec, boolean converged, String message, int evaluations, double[] start,
                         double[] startSimulated, double startObjective, double[] values, double[] simulated,
                         double[] denominators, double objective, List<TraceEntry> trace, CohortSpec cohort, double wallSeconds) {

        /** @return the number of targets whose simulated value lies outside the published 95% interval */
        public int outside() {
            int n = 0;
            for (int i = 0; i < spec.targets().size(); i++) {
                n += spec.targets().get(i).inside(simulated[i]) ? 0 : 1;
            }
            return n;
        }

        /**
         * @return the simulation's own binomial standard error of target {@code i},
         *         {@code sqrt(p (1 - p) / m)} with {@code m} the simulated denominator (NaN for
         *         quantiles and half-lives, and for an empty denominator)
         */
        public double simulationError(int i) {
            final double p = simulated[i];
            final double m = denominators[i];
            if (Double.isNaN(p) || !(m > 0)) {
                return Double.NaN;
            }
            return Math.sqrt(p * (1 - p) / m);
        }
    }

    private final CalibrationSpec spec;
    private final CohortEvaluator evaluator;
    private final Listener listener;
    private final List<Target> calibrated;
    private final int[] arms;
    private final double[] loopDays;
    private final List<TraceEntry> trace = new ArrayList<>();
    private final Map<String, TraceEntry> cache = new HashMap<>();
    private double best = Double.POSITIVE_INFINITY;
    private double[] startUnit;
    private double[] startValues;

    private Calibrator(CalibrationSpec spec, CohortEvaluator evaluator, Listener listener) {
        this.spec = spec;
        this.evaluator = evaluator;
        this.listener = listener == null ? (e, b) -> { } : listener;
        this.calibrated = spec.calibrated();
        this.arms = spec.arms();
        this.loopDays = calibrated.stream().anyMatch(t -> t.statistic().kind() == Statistic.Kind.HALF_LIFE)
                ? spec.carDays() : new double[0];
    }

    /**
     * Runs a calibration.
     *
     * @param evaluator simulates the cohorts (its threads are used, not closed)
     * @param listener  receives each evaluation, or null
     */
    public static Result run(CalibrationSpec spec, CohortEvaluator evaluator, Listener listener) {
        return new Calibrator(spec, evaluator, listener).run();
    }

    /**
     * Evaluates the targets for the cohort as written (each free value at the cohort's own value,
     * whatever the file's starts and bounds), without optimising: one simulated cohort. The result
     * has no trace, counts as converged, and its start and calibrated values are the cohort's.
     *
     * @param evaluator simulates the cohort (its threads are used, not closed)
     */
    public static Result evaluate(CalibrationSpec spec, CohortEvaluator evaluator) {
        return new Calibrator(spec, evaluator, null).evaluateCohort();
    }

    private Result evaluateCohort() {
        final long t0 = System.nanoTime();
        final int k = spec.free().size();
        final double[] start = new double[k];
        for (int i = 0; i < k; i++) {
            start[i] = CalibrationLoader.cohortValue(spec.trial(), spec.free().get(i));
        }
        final double[] denominators = new double[spec.targets().size()];
        final double[] all = simulateAll(start, denominators);
        final double objective = objective(all);
        return new Result(spec, true, "evaluated for the cohort as written, without optimisation", 0, start, all,
                objective, start, all, denominators, objective, List.of(),
                CohortEdit.apply(spec.trial().cohort(), spec.free(), start), (System.nanoTime() - t0) / 1e9);
    }

    private Result run() {
        final long t0 = System.nanoTime();
        final List<FreeValue> free = spec.free();
        final int k = free.size();
        final double[] start = new double[k];
        final double[] x0 = new double[k];
        for (int i = 0; i < k; i++) {
            start[i] = free.get(i).start();
            x0[i] = free.get(i).toUnit(start[i]);
        }
        startUnit = x0.clone();
        startValues = start.clone();
        final double[] startAll = simulateAll(start, new double[spec.targets().size()]);
        final double startObjective = objective(startAll);

        final double[] lo = new double[k];
        final double[] hi = new double[k];
        Arrays.fill(hi, 1.0);
        final OptimizerSettings o = spec.optimizer();
        final ObjectiveFunction f = new ObjectiveFunction(this::evaluateUnit);
        boolean converged;
        String message;
        try {
            if (startObjective <= o.stopObjective()) {
                throw new StopObjectiveReached();
            }
            final PointValuePair r;
            if (o.method() == OptimizerSettings.Method.BOBYQA) {
                r = new BOBYQAOptimizer(2 * k + 1, o.initialRadius(), o.stoppingRadius()).optimize(
                        new MaxEval(o.maxEvaluations()), f, GoalType.MINIMIZE, new InitialGuess(x0),
                        new SimpleBounds(lo, hi));
            } else {
                final double[] sigma = new double[k];
                Arrays.fill(sigma, o.initialRadius());
                final int lambda = o.population() > 0 ? o.population() : 4 + (int) (3 * Math.log(k));
                // converged when two successive generations' best points agree within stopping_radius in
                // every coordinate: the search has contracted to that scale (its own tolerances, 1e-11,
                // are out of reach on an objective that is piecewise constant in the values)
                r = new CMAESOptimizer(Integer.MAX_VALUE, 0.0, true, 0, 0, new Well19937c(o.seed()), false,
                        new SimplePointChecker<>(1e-12, o.stoppingRadius()))
                        .optimize(new MaxEval(o.maxEvaluations()), f, GoalType.MINIMIZE, new InitialGuess(x0),
                                new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                                new CMAESOptimizer.PopulationSize(lambda));
            }
            // CMA-ES returns its best point, without an exception, when the budget runs out
            converged = r != null && (o.method() == OptimizerSettings.Method.BOBYQA || trace.size() < o.maxEvaluations());
            message = !converged ? notConverged(o)
                    : o.method() == OptimizerSettings.Method.BOBYQA
                    ? "converged: the trust region shrank to " + o.stoppingRadius() + " after " + trace.size() + " evaluations"
                    : "converged: successive generations' best points agree within " + o.stoppingRadius() + " after "
                    + trace.size() + " evaluations";
        } catch (StopObjectiveReached e) {
            converged = true;
            message = "converged: the objective reached the stop objective " + o.stopObjective() + " after "
                    + trace.size() + " evaluations";
        } catch (MathIllegalStateException e) {
            if (e.getSpecifier() != LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                throw e;
            }
            converged = false;
            message = notConverged(o);
        }
        TraceEntry bestEntry = null;
        for (TraceEntry e : trace) {
            if (e.problem() == null && (bestEntry == null || e.objective() < bestEntry.objective())) {
                bestEntry = e;
            }
        }
        double[] values = bestEntry == null ? start : rounded(bestEntry.values());
        double[] denominators = new double[spec.targets().size()];
        double[] all = simulateAll(values, denominators);
        double objective = objective(all);
        if (bestEntry != null && objective > bestEntry.objective() && !Arrays.equals(values, bestEntry.values())) {
            // rounding moved some patients across a response or grade threshold: keep the exact values
            values = bestEntry.values().clone();
            denominators = new double[spec.targets().size()];
            all = simulateAll(values, denominators);
            objective = objective(all);
        }
        final CohortSpec cohort = CohortEdit.apply(spec.trial().cohort(), free, values);
        return new Result(spec, converged, message, trace.size(), start, startAll, startObjective, values, all,
                denominators, objective, List.copyOf(trace), cohort, (System.nanoTime() - t0) / 1e9);
    }

    private static String notConverged(OptimizerSettings o) {
        return "not converged: the budget of " + o.maxEvaluations() + " evaluations was used up before "
                + (o.method() == OptimizerSettings.Method.BOBYQA ? "the trust region shrank to " + o.stoppingRadius()
                : "successive generations' best points agreed within " + o.stoppingRadius())
                + "; the best point found is reported";
    }

    /** @return the values rounded to {@link #SIGNIFICANT_DIGITS} digits, kept within their bounds */
    private double[] rounded(double[] v) {
        final double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            final FreeValue f = spec.free().get(i);
            double r = round(v[i]);
            if (r < f.lower() || r > f.upper()) {
                r = v[i];
            }
            out[i] = r;
        }
        return out;
    }

    /** @return {@code v} rounded to {@link #SIGNIFICANT_DIGITS} significant digits */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
    }

    /** The objective at a point of the unit cube (one evaluation: one simulated cohort). */
    private double evaluateUnit(double[] x) {
        final int k = spec.free().size();
        final double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            values[i] = spec.free().get(i).fromUnit(x[i]);
        }
        if (Arrays.equals(x, startUnit)) {
            // the starting point itself: its values as given, without the round trip through the cube
            System.arraycopy(startValues, 0, values, 0, k);
        }
        final String key = Arrays.toString(values);
        final TraceEntry cached = cache.get(key);
        final long t0 = System.nanoTime();
        TraceEntry e;
        if (cached != null) {
            e = new TraceEntry(trace.size() + 1, values, cached.objective(), cached.simulated(), 0.0, cached.problem());
        } else {
            double[] sim;
            String problem = null;
            double objective;
            try {
                final ArmSample[] s = simulate(values, loopDays);
                sim = new double[calibrated.size()];
                objective = 0;
                for (int j = 0; j < calibrated.size(); j++) {
                    final Target t = calibrated.get(j);
                    sim[j] = t.statistic().evaluate(s[armPosition(t.arm())]);
                    final double z = t.z(sim[j]);
                    objective += z * z;
                }
            } catch (BadInputException ex) {
                sim = new double[calibrated.size()];
                Arrays.fill(sim, Double.NaN);
                problem = String.join("; ", ex.problems());
                objective = INADMISSIBLE;
            }
            e = new TraceEntry(trace.size() + 1, values, objective, sim, (System.nanoTime() - t0) / 1e9, problem);
            cache.put(key, e);
        }
        trace.add(e);
        best = Math.min(best, e.objective());
        listener.evaluated(e, best);
        if (e.objective() <= spec.optimizer().stopObjective()) {
            throw new StopObjectiveReached();
        }
        return e.objective();
    }

    /** Ends the search from inside the objective when the stop objective is reached. */
    private static final class StopObjectiveReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopObjectiveReached() {
            super(null, null, false, false);
        }
    }

    private ArmSample[] simulate(double[] values, double[] days) throws BadInputException {
        final CohortSpec c = CohortEdit.apply(spec.trial().cohort(), spec.free(), values);
        final TrialSpec t = spec.trial().withCohort(c);
        return evaluator.simulate(t, spec.patients(), arms, days);
    }

    /**
     * @param denominators receives each target's simulated denominator
     * @return every target's simulated value at {@code values} (checks and half-lives included)
     */
    private double[] simulateAll(double[] values, double[] denominators) {
        final ArmSample[] s;
        try {
            s = simulate(values, spec.carDays());
        } catch (BadInputException e) {
            throw new IllegalStateException("the cohort is inadmissible at " + Arrays.toString(values) + ": "
                    + String.join("; ", e.problems()), e);
        }
        final double[] out = new double[spec.targets().size()];
        for (int j = 0; j < out.length; j++) {
            final Target t = spec.targets().get(j);
            final ArmSample a = s[armPosition(t.arm())];
            out[j] = t.statistic().evaluate(a);
            denominators[j] = t.statistic().denominator(a);
        }
        return out;
    }

    /** @return the objective of every target's simulated values (the calibrate ones count) */
    private double objective(double[] all) {
        double sum = 0;
        for (int j = 0; j < all.length; j++) {
            final Target t = spec.targets().get(j);
            if (t.calibrate()) {
                final double z = t.z(all[j]);
                sum += z * z;
            }
        }
        return sum;
    }

    private int armPosition(int arm) {
        for (int i = 0; i < arms.length; i++) {
            if (arms[i] == arm) {
                return i;
            }
        }
        throw new IllegalStateException("arm " + arm + " was not simulated");
    }
}
