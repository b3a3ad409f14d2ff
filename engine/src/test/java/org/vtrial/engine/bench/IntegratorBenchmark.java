package org.vtrial.engine.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.builtin.PredatorPreyModel;
import org.vtrial.engine.model.builtin.TumorControlModel;
import org.vtrial.engine.ode.DormandPrince54;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;

/**
 * Patients per second of our {@link DormandPrince54} and of Hipparchus' {@code DormandPrince54Integrator}
 * on the same cohorts ({@link Cohorts}, 1000 patients each, 365 days) at identical tolerances (rtol
 * 1e-6, the models' vector atol). One operation is one patient ({@link OperationsPerInvocation}), so
 * the score is patients/s and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per patient.
 *
 * <p>Run: {@code cd engine && mvn -B -ntp -Pbench verify -Djmh.args="IntegratorBenchmark -prof gc -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IntegratorBenchmark {

    /** Patients per cohort (one benchmark invocation solves all of them). */
    public static final int PATIENTS = 1000;
    /** Relative tolerance of both solvers. */
    public static final double RTOL = 1e-6;

    private final TumorControlModel tumorControl = new TumorControlModel();
    private final PredatorPreyModel predatorPrey = new PredatorPreyModel();
    private double[][] tumorControlCohort;
    private double[][] predatorPreyCohort;

    private DormandPrince54 ours;
    private final double[] y0 = new double[2];
    private final double[] atol = new double[2];

    private DormandPrince54Integrator hipparchus;
    private final double[] rtolVector = {RTOL, RTOL};
    private final HipparchusOde hipparchusOde = new HipparchusOde();

    /** A model seen by Hipparchus: it must return a new derivative array on every call. */
    private static final class HipparchusOde implements OrdinaryDifferentialEquation {
        Model model;
        double[] params;

        @Override
        public int getDimension() {
            return 2;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            final double[] yDot = new double[2];
            model.derivatives(t, y, params, yDot);
            return yDot;
        }
    }

    @Setup
    public void setup() {
        tumorControlCohort = Cohorts.tumorControl(PATIENTS);
        predatorPreyCohort = Cohorts.predatorPrey(PATIENTS);
        final IntegratorSettings settings = IntegratorSettings.of(RTOL);
        ours = DormandPrince54.create(2, settings);
        // Hipparchus with the same step bounds and controller constants (its defaults: 0.9, 0.2, 10)
        hipparchus = new DormandPrince54Integrator(settings.minStep(), settings.maxStep(), new double[] {1, 1}, rtolVector);
        // both solvers must solve the same problem: compare the first patients' end states
        for (int i = 0; i < 10; i++) {
            check(tumorControl, tumorControlCohort[i]);
            check(predatorPrey, predatorPreyCohort[i]);
        }
    }

    private void check(Model model, double[] p) {
        final double a = solveOurs(model, p);
        final double b = solveHipparchus(model, p);
        if (!(Math.abs(a - b) <= 1e-3 * Math.abs(b))) {
            throw new IllegalStateException(model.name() + " " + Arrays.toString(p) + ": " + a + " vs Hipparchus " + b);
        }
    }

    /** Solves one patient with our integrator; returns the sum of the end state. */
    private double solveOurs(Model model, double[] p) {
        model.initialState(p, y0);
        model.absoluteTolerance(p, RTOL, y0, atol);
        ours.begin(model, p, 0.0, y0, 2, atol);
        final Outcome outcome = ours.advanceTo(Cohorts.HORIZON, StepObserver.NONE, EventFunctions.NONE);
        final double[] y = ours.state();
        return outcome == Outcome.OK ? y[0] + y[1] : Double.NaN;
    }

    /** Solves one patient with Hipparchus at the same tolerances; returns the sum of the end state. */
    private double solveHipparchus(Model model, double[] p) {
        model.initialState(p, y0);
        model.absoluteTolerance(p, RTOL, y0, atol);
        hipparchus.setStepSizeControl(hipparchus.getMinStep(), hipparchus.getMaxStep(), atol, rtolVector);
        hipparchusOde.model = model;
        hipparchusOde.params = p;
        final ODEStateAndDerivative end = hipparchus.integrate(hipparchusOde, new ODEState(0.0, y0.clone()),
                Cohorts.HORIZON);
        final double[] y = end.getPrimaryState();
        return y[0] + y[1];
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double tumorControlOurs() {
        double sum = 0;
        for (double[] p : tumorControlCohort) {
            sum += solveOurs(tumorControl, p);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double tumorControlHipparchus() {
        double sum = 0;
        for (double[] p : tumorControlCohort) {
            sum += solveHipparchus(tumorControl, p);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double predatorPreyOurs() {
        double sum = 0;
        for (double[] p : predatorPreyCohort) {
            sum += solveOurs(predatorPrey, p);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double predatorPreyHipparchus() {
        double sum = 0;
        for (double[] p : predatorPreyCohort) {
            sum += solveHipparchus(predatorPrey, p);
        }
        return sum;
    }
}
