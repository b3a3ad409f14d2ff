package org.vtrial.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.PatientSimulator;

/**
 * The most any exact treatment of IL-6 outside the explicit solve could save: the production solve
 * ({@link PatientSimulator}, events and all endpoints) of the first 400 quickstart patients, once as
 * is and once with {@code dIL6/dt} forced to 0 (IL-6 stays at its initial 0, so it never limits a
 * step, never fires its events, and its peak tracker has nothing to find), alternated round by round
 * in one JVM. IL-6 feeds no other state, so the other seven states are solved exactly as they would
 * be if IL-6 were updated per step by a separate exact formula at no cost; the difference in CPU time
 * and steps is the ceiling of that lever (docs/PERFORMANCE.md, "Next levers"). Figures, not a test.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.CartIl6Ceiling 21"} (rounds).
 */
public final class CartIl6Ceiling {

    private static double sink;

    private CartIl6Ceiling() {
    }

    /** The cart model, with IL-6's equation switched off when {@code frozen}. */
    private static final class Il6Switch extends CartDelegate {
        private final boolean frozen;

        Il6Switch(boolean frozen) {
            this.frozen = frozen;
        }

        @Override
        public void derivatives(double t, double[] y, double[] p, double[] yDot) {
            cart.derivatives(t, y, p, yDot);
            if (frozen) {
                yDot[CartModel.IL6] = 0.0;
            }
        }
    }

    /** @param args rounds (default 21) */
    public static void main(String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        final CartPatients patients = CartPatients.quickstart(400);
        final String[] names = {"IL-6 solved", "IL-6 frozen"};
        final PatientSimulator[] sims = {
            PatientSimulator.create(new Il6Switch(false), IntegratorSettings.of(CartSolvers.RTOL)),
            PatientSimulator.create(new Il6Switch(true), IntegratorSettings.of(CartSolvers.RTOL)),
        };
        final double[] settings = sims[0].defaultEndpointSettings();
        final double[] row = new double[sims[0].endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size()];
        for (int m = 0; m < sims.length; m++) {
            double steps = 0;
            double evaluations = 0;
            double events = 0;
            for (int i = 0; i < patients.size(); i++) {
                sims[m].solve(patients.params[i], patients.regimens[i], patients.horizon, settings, null, row, 0);
                steps += sims[m].integrator().acceptedSteps();
                evaluations += sims[m].integrator().evaluations();
                events += sims[m].integrator().eventsTriggered();
            }
            System.out.printf(Locale.ROOT, "%-11s steps %6.1f  evaluations %7.1f  events %4.1f per patient%n", names[m],
                    steps / patients.size(), evaluations / patients.size(), events / patients.size());
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 3; w++) {
            for (PatientSimulator s : sims) {
                solveAll(s, patients, settings, row);
            }
        }
        final double[][] micros = new double[sims.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < sims.length; m++) {
                final long t0 = threads.getCurrentThreadCpuTime();
                solveAll(sims[m], patients, settings, row);
                micros[m][r] = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / patients.size();
            }
        }
        final double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = micros[0][r] / micros[1][r];
        }
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "CPU µs per patient: %s %.1f, %s %.1f; speed-up median %.3f (quartiles "
                        + "%.3f-%.3f over %d rounds)%n", names[0], median(micros[0]), names[1], median(micros[1]),
                ratio[rounds / 2], ratio[rounds / 4], ratio[(3 * rounds) / 4], rounds);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void solveAll(PatientSimulator s, CartPatients patients, double[] settings, double[] row) {
        for (int i = 0; i < patients.size(); i++) {
            s.solve(patients.params[i], patients.regimens[i], patients.horizon, settings, null, row, 0);
            sink += row[0];
        }
    }

    private static double median(double[] v) {
        final double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}
