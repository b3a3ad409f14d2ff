package org.vtrial.engine.ode;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * What a solver did on one problem, recorded for comparisons: the accepted step ends, dense-output
 * samples inside each step, evaluation counts. Filled either by one of our integrators or by a
 * Hipparchus integrator (the independent reference), so that both can be compared field by field.
 */
public final class Trajectory {

    /** Fractions of a step at which the dense output is sampled (interior points only). */
    public static final double[] THETAS = {0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875};

    /** Step end times, in order. */
    public final List<Double> stepTimes = new ArrayList<>();
    /** States at the step ends. */
    public final List<double[]> stepStates = new ArrayList<>();
    /** Dense-output sample times: {@link #THETAS} of each step. */
    public final List<Double> sampleTimes = new ArrayList<>();
    /** Dense-output states at {@link #sampleTimes}. */
    public final List<double[]> sampleStates = new ArrayList<>();
    /** Right-hand-side evaluations. */
    public long evaluations;
    /** Accepted steps. */
    public long acceptedSteps;
    /** Outcome (OK for a Hipparchus run that returned normally). */
    public Outcome outcome;
    /** State at the end of the run. */
    public double[] finalState;
    /** Time at the end of the run. */
    public double finalTime;

    /**
     * The largest difference between two lists of states (ours and a reference, index by index), in
     * the problem's tolerance units {@code |a - b| / (atol_i + rtol |b_i|)}; fails if the lists differ
     * in length.
     */
    public static double maxScaledDifference(AnalyticProblem pb, List<double[]> ours, List<double[]> ref) {
        org.junit.jupiter.api.Assertions.assertEquals(ref.size(), ours.size(), pb.name() + ": number of states");
        double worst = 0;
        for (int k = 0; k < ours.size(); k++) {
            for (int i = 0; i < pb.dimension(); i++) {
                final double b = ref.get(k)[i];
                worst = Math.max(worst, Math.abs(ours.get(k)[i] - b) / pb.scale(i, b));
            }
        }
        return worst;
    }

    /** @return the largest step end time difference relative to {@code max(1, |t|)} */
    public double maxStepTimeDifference(Trajectory other) {
        double worst = 0;
        for (int i = 0; i < Math.min(stepTimes.size(), other.stepTimes.size()); i++) {
            final double a = stepTimes.get(i);
            final double b = other.stepTimes.get(i);
            worst = Math.max(worst, Math.abs(a - b) / Math.max(1.0, Math.abs(b)));
        }
        return worst;
    }

    /**
     * Solves with our integrator, recording every accepted step.
     *
     * @return the trajectory (outcome included)
     */
    public static Trajectory ours(OdeFunction f, double[] p, double t0, double[] y0, double tEnd,
                                  double[] atol, IntegratorSettings settings) {
        return ours(OdeMethod.DP54, f, p, t0, y0, tEnd, atol, settings);
    }

    /**
     * Solves with our integrator of the given method, recording every accepted step.
     *
     * @return the trajectory (outcome included)
     */
    public static Trajectory ours(OdeMethod method, OdeFunction f, double[] p, double t0, double[] y0, double tEnd,
                                  double[] atol, IntegratorSettings settings) {
        final int n = y0.length;
        final AdaptiveIntegrator integrator = method.create(n, settings);
        final Trajectory tr = new Trajectory();
        final StepObserver observer = step -> {
            tr.stepTimes.add(step.end());
            tr.stepStates.add(java.util.Arrays.copyOf(step.endState(), n));
            final double h = step.end() - step.start();
            for (double theta : THETAS) {
                final double t = step.start() + theta * h;
                final double[] y = new double[n];
                step.interpolate(t, y);
                tr.sampleTimes.add(t);
                tr.sampleStates.add(y);
            }
        };
        integrator.begin(f, p, t0, y0, n, atol);
        tr.outcome = integrator.advanceTo(tEnd, observer, EventFunctions.NONE);
        tr.evaluations = integrator.evaluations();
        tr.acceptedSteps = integrator.acceptedSteps();
        tr.finalTime = integrator.time();
        tr.finalState = java.util.Arrays.copyOf(integrator.state(), n);
        return tr;
    }

    /** Solves {@code problem} with our integrator at its own tolerances. */
    public static Trajectory ours(AnalyticProblem problem, IntegratorSettings settings) {
        return ours(problem, new double[0], problem.t0(), problem.y0(), problem.tEnd(), problem.absTol(), settings);
    }

    /** Solves {@code problem} with our integrator of the given method at its own tolerances. */
    public static Trajectory ours(OdeMethod method, AnalyticProblem problem, IntegratorSettings settings) {
        return ours(method, problem, new double[0], problem.t0(), problem.y0(), problem.tEnd(), problem.absTol(),
                settings);
    }

    /**
     * Solves with Hipparchus' {@code DormandPrince853Integrator} at the same vector tolerances, step
     * bounds and controller settings as {@code settings}: the reference our {@link DormandPrince853}
     * must follow step by step.
     */
    public static Trajectory hipparchus853(OdeFunction f, double[] p, double t0, double[] y0, double tEnd,
                                           double[] atol, IntegratorSettings settings) {
        final double[] rtol = new double[y0.length];
        java.util.Arrays.fill(rtol, settings.relativeTolerance());
        final DormandPrince853Integrator integrator = new DormandPrince853Integrator(settings.minStep(),
                settings.maxStep(), atol.clone(), rtol);
        integrator.setSafety(settings.safety());
        integrator.setMinReduction(settings.minReduction());
        integrator.setMaxGrowth(settings.maxGrowth());
        return hipparchus(integrator, f, p, t0, y0, tEnd);
    }

    /**
     * Solves with Hipparchus' {@code DormandPrince54Integrator} at the same vector tolerances and
     * step bounds as {@code settings} (safety 0.9, reduction 0.2, growth 10 are Hipparchus' defaults,
     * the same as {@link IntegratorSettings#of}).
     */
    public static Trajectory hipparchus54(OdeFunction f, double[] p, double t0, double[] y0, double tEnd,
                                          double[] atol, IntegratorSettings settings) {
        final double[] rtol = new double[y0.length];
        java.util.Arrays.fill(rtol, settings.relativeTolerance());
        final DormandPrince54Integrator integrator = new DormandPrince54Integrator(settings.minStep(),
                settings.maxStep(), atol.clone(), rtol);
        integrator.setSafety(settings.safety());
        integrator.setMinReduction(settings.minReduction());
        integrator.setMaxGrowth(settings.maxGrowth());
        return hipparchus(integrator, f, p, t0, y0, tEnd);
    }

    /** Solves with Hipparchus' {@code DormandPrince853Integrator} (8th order): the accuracy reference. */
    public static Trajectory hipparchus853(OdeFunction f, double[] p, double t0, double[] y0, double tEnd,
                                           double[] atol, double rtol) {
        final double[] rtolV = new double[y0.length];
        java.util.Arrays.fill(rtolV, rtol);
        return hipparchus(new DormandPrince853Integrator(1e-12, Double.MAX_VALUE, atol.clone(), rtolV),
                f, p, t0, y0, tEnd);
    }

    /**
     * The Hipparchus {@code DormandPrince853Integrator} solution at the given increasing times (by its
     * dense output, of order 7): the accuracy reference where no closed form is at hand.
     *
     * @return {@code out[i]} = state at {@code times[i]}
     */
    public static double[][] hipparchus853At(OdeFunction f, double[] p, double t0, double[] y0, double[] times,
                                             double[] atol, double rtol) {
        final int n = y0.length;
        final double[] rtolV = new double[n];
        java.util.Arrays.fill(rtolV, rtol);
        final DormandPrince853Integrator integrator =
                new DormandPrince853Integrator(1e-12, Double.MAX_VALUE, atol.clone(), rtolV);
        integrator.setMaxEvaluations(Integer.MAX_VALUE);
        final double[][] out = new double[times.length][];
        final int[] next = {0};
        integrator.addStepHandler(interpolator -> {
            final double end = interpolator.getCurrentState().getTime();
            while (next[0] < times.length && times[next[0]] <= end) {
                out[next[0]] = interpolator.getInterpolatedState(times[next[0]]).getPrimaryState();
                next[0]++;
            }
        });
        integrator.integrate(asHipparchus(f, p, n), new ODEState(t0, y0.clone()), times[times.length - 1]);
        return out;
    }

    /** Wraps one of our right-hand sides for Hipparchus (which allocates the derivative array). */
    public static OrdinaryDifferentialEquation asHipparchus(OdeFunction f, double[] p, int n) {
        return new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                final double[] yDot = new double[n];
                f.derivatives(t, y, p, yDot);
                return yDot;
            }
        };
    }

    private static Trajectory hipparchus(ODEIntegrator integrator, OdeFunction f, double[] p, double t0,
                                         double[] y0, double tEnd) {
        final int n = y0.length;
        final Trajectory tr = new Trajectory();
        integrator.setMaxEvaluations(Integer.MAX_VALUE);
        integrator.addStepHandler(interpolator -> {
            final ODEStateAndDerivative end = interpolator.getCurrentState();
            tr.stepTimes.add(end.getTime());
            tr.stepStates.add(end.getPrimaryState());
            tr.acceptedSteps++;
            final double start = interpolator.getPreviousState().getTime();
            final double h = end.getTime() - start;
            for (double theta : THETAS) {
                final double t = start + theta * h;
                tr.sampleTimes.add(t);
                tr.sampleStates.add(interpolator.getInterpolatedState(t).getPrimaryState());
            }
        });
        final ODEStateAndDerivative last = integrator.integrate(asHipparchus(f, p, n), new ODEState(t0, y0.clone()), tEnd);
        tr.outcome = Outcome.OK;
        tr.evaluations = integrator.getEvaluations();
        tr.finalTime = last.getTime();
        tr.finalState = last.getPrimaryState();
        return tr;
    }

    /**
     * Local errors of {@code method} on {@code pb} over the steps of size exactly {@code h} (forced by
     * {@code maxStep} with a loose tolerance; the first, growing steps and a truncated last one are
     * left out), each step compared with the exact flow from its own start: {@code {largest error at
     * the step's end, largest error of the dense output at the interior points THETAS}}, absolute, over
     * all components. For order checks: halving {@code h} divides them by {@code 2^(p+1)} and
     * {@code 2^(q+1)} for a method of order {@code p} with an interpolant of order {@code q}. Asserts
     * that no step was rejected and that steps of size {@code h} cover at least half of the interval.
     */
    public static double[] localErrors(OdeMethod method, AnalyticProblem pb, double h) {
        final int n = pb.dimension();
        final AdaptiveIntegrator integrator = method.create(n, IntegratorSettings.of(1e-2).withMaxStep(h));
        final double[] worst = {0, 0};
        final int[] fullSteps = {0};
        final double[] exact = new double[n];
        final double[] interp = new double[n];
        final double[] ys = new double[n];
        integrator.begin(pb, new double[0], pb.t0(), pb.y0(), n, pb.absTol());
        final Outcome outcome = integrator.advanceTo(pb.tEnd(), step -> {
            if (Math.abs((step.end() - step.start()) - h) > 1e-12 * h) {
                return; // the first (growing) steps and the last (truncated) one
            }
            fullSteps[0]++;
            System.arraycopy(step.startState(), 0, ys, 0, n);
            pb.flow(step.start(), ys, step.end(), exact);
            for (int i = 0; i < n; i++) {
                worst[0] = Math.max(worst[0], Math.abs(step.endState()[i] - exact[i]));
            }
            for (double theta : THETAS) {
                final double t = step.start() + theta * h;
                step.interpolate(t, interp);
                pb.flow(step.start(), ys, t, exact);
                for (int i = 0; i < n; i++) {
                    worst[1] = Math.max(worst[1], Math.abs(interp[i] - exact[i]));
                }
            }
        }, EventFunctions.NONE);
        org.junit.jupiter.api.Assertions.assertEquals(Outcome.OK, outcome, method + " on " + pb.name());
        org.junit.jupiter.api.Assertions.assertEquals(0, integrator.rejectedSteps(),
                "steps must not be rejected in an order test");
        org.junit.jupiter.api.Assertions.assertTrue(fullSteps[0] > 0.5 * (pb.tEnd() - pb.t0()) / h,
                "too few full steps: " + fullSteps[0]);
        return worst;
    }
}
