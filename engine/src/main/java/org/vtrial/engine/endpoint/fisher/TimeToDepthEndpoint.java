package org.vtrial.engine.endpoint.fisher;

import java.util.List;

import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code time_to_depth}: the first time the CAR T-cell front of a {@code fisher-kpp} patient
 * reaches depth {@code x* = depth} (MODELS.md §4), i.e. the first time {@code E}, interpolated at
 * {@code x*} between the two nearest cell centers as {@link FrontLocator} does, reaches
 * {@code depth_level * alpha * T0}. The crossing is located inside the step on the dense output
 * (Illinois regula falsi to 1e-9 day), so the time does not depend on where steps end.
 *
 * <p>{@code 0} when {@code E} is already at the level at {@code x*} at the start; NaN when the
 * front never gets there within the horizon, or {@code x*} lies outside {@code [0, L_x]}.
 * {@code depth_level} is its own setting (default equal to {@code front_level}'s) so that a run
 * can ask when a given density reaches a given depth.
 */
public final class TimeToDepthEndpoint implements Endpoint {

    private static final double TIME_TOLERANCE = 1e-9;

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("time_to_depth", "day", "first time the E front reaches depth x* (NaN: not within the horizon)"));

    private static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.real("depth", "mm", 10.0, 0.0, 1e6, "depth x* whose time of reach is reported"),
            ParameterSpec.real("depth_level", "-", 1e-3, 1e-12, 1.0,
                    "E level that counts as the front reaching x*, as a fraction of alpha*T0"));

    private final FrontLocator locator = new FrontLocator();
    private double level;
    private int left;
    private int right;
    private double weight;
    private double time;
    private boolean active;

    @Override
    public List<ColumnSpec> columns() {
        return COLUMNS;
    }

    @Override
    public List<ParameterSpec> settings() {
        return SETTINGS;
    }

    @Override
    public void begin(PatientContext context, double[] settings) {
        final double[] p = context.params();
        locator.reset(p);
        level = settings[1] * p[FisherKppModel.P_ALPHA] * p[FisherKppModel.P_T0];
        time = Double.NaN;
        final double depth = settings[0];
        final int n = locator.cells();
        // n cells must fit the simulator's buffers (a larger patient is not solved: INVALID_PARAMETERS)
        active = level > 0 && depth <= p[FisherKppModel.P_L_X] && n >= 1
                && 2 * n <= context.initialState().length;
        // the two centers around x*; clamped to the first / last cell outside the centers' range
        final double s = depth / locator.cellWidth() - 0.5;
        if (s <= 0) {
            left = 0;
            weight = 0;
        } else if (s >= n - 1) {
            left = n - 1;
            weight = 0;
        } else {
            left = (int) s;
            weight = s - left;
        }
        right = Math.min(left + 1, n - 1);
        left = locator.indexE(left);
        right = locator.indexE(right);
        if (active && g(context.initialState()) >= 0) {
            time = context.startTime();
            active = false;
        }
    }

    private double g(double[] y) {
        return FrontLocator.between(y[left], y[right], weight) - level;
    }

    private double g(DenseStep step, double t) {
        return FrontLocator.between(step.interpolate(t, left), step.interpolate(t, right), weight) - level;
    }

    @Override
    public void observe(DenseStep step) {
        if (!active) {
            return;
        }
        final double gb = g(step.endState());
        if (gb < 0) {
            return;
        }
        active = false;
        // g < 0 at the start (else we would have stopped earlier): locate the crossing
        double a = step.start();
        double b = step.end();
        double fa = g(step.startState());
        double fb = gb;
        int side = 0;
        for (int k = 0; k < 200 && b - a > TIME_TOLERANCE; k++) {
            double c = b - fb * (b - a) / (fb - fa);
            if (!(c > a && c < b)) {
                c = 0.5 * (a + b);
            }
            final double fc = g(step, c);
            if (fc >= 0) {
                b = c;
                fb = fc;
                if (side == -1) {
                    fa *= 0.5;
                }
                side = -1;
            } else {
                a = c;
                fa = fc;
                if (side == 1) {
                    fb *= 0.5;
                }
                side = 1;
            }
        }
        time = b;
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        out[offset] = status == SolveStatus.OK ? time : Double.NaN;
    }
}
