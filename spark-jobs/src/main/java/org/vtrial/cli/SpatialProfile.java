package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.ode.StepObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * {@code vtrial patient --profile-at DAYS,...}: the spatial profile of a {@code fisher-kpp} patient
 * at chosen days, as CSV with header {@code t,x,T,E} and one row per grid cell (at its center
 * {@code x}, mm) per requested day, in day order. Values come from the integrator's dense output,
 * so the days need not fall on step ends.
 */
final class SpatialProfile implements StepObserver {

    private final double[] times;
    private final double[] p;
    private final int cells;
    private final double[] buffer;
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder(96);
    private int next;

    private SpatialProfile(double[] times, double[] p, PrintWriter out) {
        this.times = times;
        this.p = p;
        this.cells = FisherKppModel.cells(p);
        this.buffer = new double[2 * cells];
        this.out = out;
    }

    /**
     * Solves the patient and prints its profile at {@code days}.
     *
     * @throws BadInputException when the model has no spatial grid, {@code --endpoints} is also given,
     *                           or a day is not a finite number in {@code [start, tEnd]}
     */
    static SolveStatus print(Model m, double[] p, Regimen regimen, double tEnd, List<Double> days, boolean endpoints,
                             PatientSimulator sim, double[] settings, double[] row, PrintWriter out)
            throws BadInputException {
        if (!(m instanceof FisherKppModel)) {
            throw new BadInputException("--profile-at: model " + m.name()
                    + " has no spatial grid (the profile is defined for fisher-kpp)");
        }
        if (endpoints) {
            throw new BadInputException("--profile-at and --endpoints: give one of them (the profile is CSV, the endpoints JSON)");
        }
        final double start = m.startTime(p);
        final List<String> problems = new ArrayList<>();
        final TreeSet<Double> sorted = new TreeSet<>();
        for (Double d : days) {
            if (d == null || !Double.isFinite(d) || d < start || d > tEnd) {
                problems.add("--profile-at: day " + d + " is not a finite number in [" + start + ", " + tEnd
                        + "] (the run's start and --t-end)");
            } else {
                sorted.add(d);
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        final double[] t = new double[sorted.size()];
        int k = 0;
        for (double d : sorted) {
            t[k++] = d;
        }
        final SpatialProfile profile = new SpatialProfile(t, p, out);
        out.println("t,x,T,E");
        return sim.solve(p, regimen, tEnd, settings, profile, row, 0);
    }

    @Override
    public void onStep(DenseStep step) {
        while (next < times.length && times[next] <= step.end()) {
            final double t = times[next];
            if (t >= step.start()) {
                step.interpolate(t, buffer);
                for (int i = 0; i < cells; i++) {
                    line.setLength(0);
                    line.append(PatientCommand.number(t)).append(',')
                            .append(PatientCommand.number(FisherKppModel.cellCenter(p, i))).append(',')
                            .append(PatientCommand.number(buffer[FisherKppModel.index(p, FisherKppModel.FIELD_T, i)]))
                            .append(',')
                            .append(PatientCommand.number(buffer[FisherKppModel.index(p, FisherKppModel.FIELD_E, i)]));
                    out.println(line);
                }
            }
            next++;
        }
    }
}
