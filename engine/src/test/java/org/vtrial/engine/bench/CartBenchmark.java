package org.vtrial.engine.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.trial.TrialKernel;

/**
 * Patients per second on the {@code cart} model: our integrator against Hipparchus'
 * {@code DormandPrince54Integrator}, same patients ({@link CartPatients}: the first
 * {@value #PATIENTS} patients of the quickstart trial, 365 days), same right-hand side, same schedule,
 * same tolerances ({@link CartSolvers}). One operation is one patient, so the score is patients/s and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per patient.
 *
 * <ul>
 * <li>{@code oursEvents} / {@code hipparchusEvents}: with the model's fourteen state events (the
 * model as specified: extinction, negligible levels, zero floors), our Dormand–Prince 5(4), which takes
 * Hipparchus' steps;</li>
 * <li>{@code oursTsit5Events}, {@code oursTsit5NoEvents}: the same with our Tsitouras 5(4), the production
 * default (fewer steps);</li>
 * <li>{@code oursNoEvents} / {@code hipparchusNoEvents}: the same equations without events, the
 * integration work alone (both take the same steps, about 2.4 times as many as with events: without
 * the negligible-level events decaying states sit at tolerance-level noise);</li>
 * <li>{@code oursEndpoints}: the production solve, Tsit5, events and all endpoints
 * ({@link org.vtrial.engine.sim.PatientSimulator});</li>
 * <li>{@code trialKernel}: what the Spark job runs per patient, sampling from the cohort, solve,
 * endpoints and the row ({@link TrialKernel#compute}).</li>
 * </ul>
 *
 * <p>Run: {@code cd engine && mvn -B -ntp -Pbench verify -Djmh.args="CartBenchmark -prof gc -f 1 -wi 3 -i 5"}.
 * {@link CartRatio} measures the ratios in alternation (robust to a shared machine's drifting load).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CartBenchmark {

    /** Patients per invocation. */
    public static final int PATIENTS = 400;

    private CartPatients patients;
    private CartSolvers.Ours ours;
    private CartSolvers.Ours oursTsit5;
    private CartSolvers.Hipparchus hipparchus;
    private CartSolvers.Simulator simulator;
    private TrialKernel kernel;
    private double[] row;

    @Setup
    public void setup() {
        patients = CartPatients.quickstart(PATIENTS);
        ours = new CartSolvers.Ours();
        oursTsit5 = new CartSolvers.Ours(OdeMethod.TSIT5);
        hipparchus = new CartSolvers.Hipparchus();
        simulator = new CartSolvers.Simulator();
        kernel = TrialKernel.of(patients.trial);
        row = new double[kernel.columns().size()];
        check(patients, ours, oursTsit5, hipparchus, simulator);
    }

    /**
     * The solvers must solve the same problem: our DP54's and Tsit5's end states within 1e-3 relative
     * (1000 tolerance units) or 10 resolution units (cells, 1e-3 pg/mL) of Hipparchus', for every
     * patient, with and without events, and the simulator's (the default method, Tsit5, with the
     * endpoints observing) equal to our Tsit5's; prints steps and evaluations per patient.
     */
    static void check(CartPatients cohort, CartSolvers.Ours ours, CartSolvers.Ours oursTsit5,
                      CartSolvers.Hipparchus hipparchus, CartSolvers.Simulator simulator) {
        if (OdeMethod.DEFAULT != OdeMethod.TSIT5) {
            throw new IllegalStateException("the simulator's method is " + OdeMethod.DEFAULT + ", not Tsit5");
        }
        for (boolean events : new boolean[] {true, false}) {
            ours.steps = 0;
            ours.evaluations = 0;
            oursTsit5.steps = 0;
            oursTsit5.evaluations = 0;
            hipparchus.evaluations = 0;
            for (int i = 0; i < cohort.size(); i++) {
                final double[] p = cohort.params[i];
                final Regimen regimen = cohort.regimens[i];
                final double[] b = endState(hipparchus, p, regimen, cohort.horizon, events);
                for (CartSolvers.Ours solver : new CartSolvers.Ours[] {ours, oursTsit5}) {
                    solver.solve(p, regimen, cohort.horizon, events);
                    final double[] a = solver.ode.state().clone();
                    for (int j = 0; j < CartModel.DIMENSION; j++) {
                        final double floor = j >= CartModel.CY ? 1e-2 : 10;
                        if (!(Math.abs(a[j] - b[j]) <= 1e-3 * Math.max(Math.abs(a[j]), Math.abs(b[j])) + floor)) {
                            throw new IllegalStateException("patient " + i + (events ? " with" : " without")
                                    + " events, state " + j + ": ours (" + solver.ode.method().id() + ") " + a[j]
                                    + ", Hipparchus " + b[j]);
                        }
                    }
                    if (events && solver == oursTsit5
                            && !(simulator.solve(p, regimen, cohort.horizon) == CartSolvers.sum(a))) {
                        throw new IllegalStateException("patient " + i + ": the simulator's end state differs");
                    }
                }
            }
            final double n = cohort.size();
            System.out.printf(Locale.ROOT, "%n%d patients %s events: ours DP54 %.1f steps, %.1f evaluations, "
                            + "ours Tsit5 %.1f steps, %.1f evaluations per patient; Hipparchus DP54 %.1f evaluations"
                            + " per patient%n", cohort.size(), events ? "with" : "without",
                    ours.steps / n, ours.evaluations / n, oursTsit5.steps / n, oursTsit5.evaluations / n,
                    hipparchus.evaluations / n);
        }
    }

    private static double[] endState(CartSolvers.Hipparchus h, double[] p, Regimen regimen, double tEnd,
                                     boolean events) {
        final double[] out = new double[CartModel.DIMENSION];
        h.endStateInto = out;
        h.solve(p, regimen, tEnd, events);
        h.endStateInto = null;
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double oursEvents() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += ours.solve(patients.params[i], patients.regimens[i], patients.horizon, true);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double oursTsit5Events() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += oursTsit5.solve(patients.params[i], patients.regimens[i], patients.horizon, true);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double oursTsit5NoEvents() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += oursTsit5.solve(patients.params[i], patients.regimens[i], patients.horizon, false);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double hipparchusEvents() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += hipparchus.solve(patients.params[i], patients.regimens[i], patients.horizon, true);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double oursNoEvents() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += ours.solve(patients.params[i], patients.regimens[i], patients.horizon, false);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double hipparchusNoEvents() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += hipparchus.solve(patients.params[i], patients.regimens[i], patients.horizon, false);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double oursEndpoints() {
        double sum = 0;
        for (int i = 0; i < PATIENTS; i++) {
            sum += simulator.solve(patients.params[i], patients.regimens[i], patients.horizon);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PATIENTS)
    public double trialKernel() {
        double sum = 0;
        final int arms = patients.trial.arms().size();
        for (int i = 0; i < PATIENTS; i++) {
            kernel.compute(0, i % arms, i / arms, row);
            sum += row[0];
        }
        return sum;
    }
}
