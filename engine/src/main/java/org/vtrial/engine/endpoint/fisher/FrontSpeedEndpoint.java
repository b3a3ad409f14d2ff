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
 * {@code front_speed}: the measured invasion speed of a {@code fisher-kpp} patient (MODELS.md §4).
 *
 * <p>The front is the rightmost position where {@code E} falls through the level
 * {@code front_level * alpha * T0} (the density behind the front when the whole tumor has been
 * converted is {@code alpha * T0}; the default level 1e-3 of it lies on the leading edge), located
 * between cells as {@link FrontLocator} says. It is sampled at {@value #SAMPLES} equally spaced
 * times of the fit window {@code [t0 + front_fit_from * (t_end - t0), t_end]} on the dense output,
 * and the speed is the least-squares slope of position against time over the samples where a front
 * exists inside the grid. Samples after the front has reached the far boundary are not used.
 *
 * <p>Why the window starts late: a pulled Fisher–KPP front approaches {@code c_min} from below as
 * {@code c_min - 3/(2 lambda t)} (Bramson's logarithmic correction, {@code lambda = c_min/(2 D_E)});
 * a least-squares slope over {@code [t_a, t_b]} is low by about
 * {@code (3/(4 r)) ln(t_b/t_a)/(t_b - t_a)} relative to {@code c_min}, with
 * {@code r = alpha kappa T0 - delta}. With the default window (second half of the run) that is
 * {@code (3 ln 2 / 2)/(r t_end) = 1.04/(r t_end)}: 2.6% at {@code r t_end = 40}. docs/FISHER_KPP.md
 * has the figures.
 *
 * <p>Columns: {@code front_speed} (mm/day, NaN with fewer than 3 samples), {@code front_fit_samples}
 * (samples used), {@code front_position} (front at the horizon, NaN when there is none inside the
 * grid).
 */
public final class FrontSpeedEndpoint implements Endpoint {

    /** Number of sample times in the fit window. */
    public static final int SAMPLES = 201;

    private static final List<ColumnSpec> COLUMNS = List.of(
            ColumnSpec.real("front_speed", "mm/day", "least-squares speed of the E level crossing over the fit window"),
            ColumnSpec.integer("front_fit_samples", "-", "sample times with a front inside the grid used by the fit"),
            ColumnSpec.real("front_position", "mm", "front position at the horizon (NaN: no front inside the grid)"));

    private static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.real("front_level", "-", 1e-3, 1e-12, 1.0,
                    "E level defining the front, as a fraction of alpha*T0"),
            ParameterSpec.real("front_fit_from", "-", 0.5, 0.0, 0.99,
                    "start of the front-speed fit window, as a fraction of the run"));

    private final FrontLocator locator = new FrontLocator();
    private double level;
    private double windowStart;
    private double windowEnd;
    private double spacing;
    private int next;
    private boolean reachedEnd;
    private double lastPosition;
    private boolean horizonSeen;
    // running least-squares sums (Welford form: stable for large time offsets)
    private int count;
    private double meanT;
    private double meanX;
    private double sTT;
    private double sTX;

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
        level = settings[0] * p[FisherKppModel.P_ALPHA] * p[FisherKppModel.P_T0];
        final double t0 = context.startTime();
        windowEnd = context.endTime();
        windowStart = t0 + settings[1] * (windowEnd - t0);
        spacing = (windowEnd - windowStart) / (SAMPLES - 1);
        next = 0;
        reachedEnd = false;
        lastPosition = Double.NaN;
        horizonSeen = false;
        count = 0;
        meanT = 0;
        meanX = 0;
        sTT = 0;
        sTX = 0;
    }

    private double sampleTime(int k) {
        return k == SAMPLES - 1 ? windowEnd : windowStart + k * spacing;
    }

    @Override
    public void observe(DenseStep step) {
        if (!(level > 0)) {
            return;
        }
        while (next < SAMPLES) {
            final double t = sampleTime(next);
            if (t > step.end()) {
                return;
            }
            if (t >= step.start()) {
                final double x = locator.position(step, t, level);
                if (next == SAMPLES - 1) {
                    lastPosition = x;
                    horizonSeen = true;
                }
                if (x == Double.POSITIVE_INFINITY) {
                    reachedEnd = true;
                }
                if (!reachedEnd && !Double.isNaN(x)) {
                    add(t, x);
                }
            }
            next++;
        }
    }

    private void add(double t, double x) {
        count++;
        final double dt = t - meanT;
        meanT += dt / count;
        meanX += (x - meanX) / count;
        sTT += dt * (t - meanT);
        sTX += dt * (x - meanX);
    }

    @Override
    public void finish(SolveStatus status, double[] out, int offset) {
        final boolean ok = status == SolveStatus.OK;
        out[offset] = ok && count >= 3 && sTT > 0 ? sTX / sTT : Double.NaN;
        out[offset + 1] = ok ? count : Double.NaN;
        out[offset + 2] = ok && horizonSeen && Double.isFinite(lastPosition) ? lastPosition : Double.NaN;
    }
}
