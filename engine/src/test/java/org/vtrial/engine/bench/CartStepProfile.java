package org.vtrial.engine.bench;

import java.util.Locale;
import org.vtrial.engine.model.builtin.CartModel;
import java.util.function.Consumer;

import org.vtrial.engine.ode.AdaptiveIntegrator;
import org.vtrial.engine.ode.DormandPrince54;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;

/**
 * Where a {@code cart} patient's steps go: for the quickstart cohort ({@link CartPatients}), accepted
 * steps per patient by time window, their mean size, and for each window how many steps each state
 * limited (the largest term of the step's error norm, {@link DormandPrince54#errorTerms}; the same for
 * {@link org.vtrial.engine.ode.Tsitouras54}). Solved as
 * {@link CartSolvers.Ours} does (events, rtol 1e-6, the model's atol), without endpoints, which do not
 * change the steps. Figures, not a test; docs/PERFORMANCE.md shows and explains its output.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartStepProfile 400 tsit5"} (the method: tsit5, the
 * default, or dp54).
 */
public final class CartStepProfile {

    private static final double[] EDGES = {Double.NEGATIVE_INFINITY, 0, 15, 60, 120, Double.POSITIVE_INFINITY};

    private CartStepProfile() {
    }

    /** @param args number of patients (default 400), method ({@code tsit5}, the default, or {@code dp54}) */
    public static void main(String[] args) {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        final OdeMethod method = args.length > 1 ? OdeMethod.of(args[1]) : OdeMethod.TSIT5;
        final CartPatients cohort = CartPatients.quickstart(size);
        final CartModel model = CartSolvers.MODEL;
        final IntegratorSettings settings = IntegratorSettings.of(CartSolvers.RTOL);
        final AdaptiveIntegrator ode;
        final Consumer<double[]> errorTerms;
        if (method == OdeMethod.DP54) {
            final DormandPrince54 dp = DormandPrince54.create(CartModel.DIMENSION, settings);
            ode = dp;
            errorTerms = dp::errorTerms;
        } else if (method == OdeMethod.TSIT5) {
            final org.vtrial.engine.ode.Tsitouras54 ts = org.vtrial.engine.ode.Tsitouras54.create(CartModel.DIMENSION, settings);
            ode = ts;
            errorTerms = ts::errorTerms;
        } else {
            throw new IllegalArgumentException("the step profile needs a 5(4) pair: dp54 or tsit5, got " + method.id());
        }
        final int windows = EDGES.length - 1;
        final long[][] limited = new long[windows][CartModel.DIMENSION];
        final long[] steps = new long[windows];
        final double[] width = new double[windows];
        final double[] terms = new double[CartModel.DIMENSION];
        final StepObserver observer = step -> {
            int w = 0;
            while (step.start() >= EDGES[w + 1]) {
                w++;
            }
            errorTerms.accept(terms);
            int arg = 0;
            for (int j = 1; j < CartModel.DIMENSION; j++) {
                if (terms[j] > terms[arg]) {
                    arg = j;
                }
            }
            limited[w][arg]++;
            steps[w]++;
            width[w] += step.end() - step.start();
        };
        final double[] y0 = new double[CartModel.DIMENSION];
        final double[] atol = new double[CartModel.DIMENSION];
        final double[] times = new double[16];
        long rejected = 0;
        long events = 0;
        long evaluations = 0;
        for (int i = 0; i < size; i++) {
            final double[] p = cohort.params[i];
            model.initialState(p, y0);
            model.absoluteTolerance(p, CartSolvers.RTOL, y0, atol);
            ode.begin(model, p, model.startTime(p), y0, CartModel.DIMENSION, atol);
            final int count = CartSolvers.schedule(p, cohort.regimens[i], times);
            int next = 0;
            while (true) {
                final double now = ode.time();
                while (next < count && times[next] <= now) {
                    if (times[next] == now) {
                        model.applyScheduled(now, ode.state(), p, cohort.regimens[i]);
                        ode.stateChanged();
                    }
                    next++;
                }
                if (now >= cohort.horizon) {
                    break;
                }
                final double target = next < count ? Math.min(times[next], cohort.horizon) : cohort.horizon;
                if (ode.advanceTo(target, observer, model.events()) != Outcome.OK) {
                    throw new IllegalStateException("patient " + i + " not solved");
                }
            }
            rejected += ode.rejectedSteps();
            events += ode.eventsTriggered();
            evaluations += ode.evaluations();
        }
        long total = 0;
        for (long s : steps) {
            total += s;
        }
        System.out.printf(Locale.ROOT, "%d quickstart patients, %.0f days, rtol %.0e: per patient %.1f accepted steps, "
                        + "%.1f rejected, %.1f events, %.0f evaluations%n", size, cohort.horizon, CartSolvers.RTOL,
                (double) total / size, (double) rejected / size, (double) events / size, (double) evaluations / size);
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %7s %8s |", "days", "steps",
                "mean h"));
        for (var s : model.states()) {
            header.append(String.format(Locale.ROOT, " %6s", s.name()));
        }
        System.out.println(header + "   (steps per patient limited by each state)");
        for (int w = 0; w < windows; w++) {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s %7.1f %8.3f |",
                    window(w), (double) steps[w] / size, steps[w] == 0 ? 0 : width[w] / steps[w]));
            for (int j = 0; j < CartModel.DIMENSION; j++) {
                line.append(String.format(Locale.ROOT, " %6.1f", (double) limited[w][j] / size));
            }
            System.out.println(line);
        }
    }

    private static String window(int w) {
        final String lo = Double.isInfinite(EDGES[w]) ? "start" : String.format(Locale.ROOT, "%.0f", EDGES[w]);
        final String hi = Double.isInfinite(EDGES[w + 1]) ? "end" : String.format(Locale.ROOT, "%.0f", EDGES[w + 1]);
        return "[" + lo + ", " + hi + ")";
    }
}
