package org.vtrial.engine.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.ode.AdaptiveIntegrator;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.ode.Outcome;
import org.vtrial.engine.ode.StepObserver;

/**
 * Solves virtual patients of one model, one after another, reusing one integrator, one set of
 * endpoint observers and all buffers: nothing is allocated per patient after warm-up.
 *
 * <p>A solve starts at {@link Model#startTime}, integrates piecewise between the model's scheduled
 * discontinuities (infusions, switches of a piecewise right-hand side), applying the state jumps at
 * exactly those times, locates the model's state events on the dense output, feeds every accepted
 * step to the endpoints, and writes the endpoint values into a row buffer. It never throws for a
 * patient that cannot be solved: the returned {@link SolveStatus} says why, and the endpoints
 * still write their (possibly NaN) values.
 *
 * <p>One instance per thread.
 */
public final class PatientSimulator implements StepObserver {

    /** Solver statistics columns, written after the endpoint columns. */
    public static final List<ColumnSpec> SOLVER_COLUMNS = List.of(
            ColumnSpec.integer("steps", "-", "accepted integrator steps"),
            ColumnSpec.integer("rejected_steps", "-", "rejected integrator steps"),
            ColumnSpec.integer("evaluations", "-", "right-hand-side evaluations"));

    private final Model model;
    private final AdaptiveIntegrator ode;
    private final List<Endpoint> endpoints;
    private final Endpoint[] endpointArray;
    private final int[] columnOffsets;
    private final int[] settingOffsets;
    private final List<ColumnSpec> columns;
    private final List<ParameterSpec> settingSpecs;
    private final double[] settingScratch;
    private final int[] settingCounts;
    private final PatientContext context;
    private final double[] y0;
    private final double[] atol;
    private double[] schedule = new double[8];
    private StepObserver extra = StepObserver.NONE;
    private double absoluteToleranceOverride = Double.NaN;

    private PatientSimulator(Model model, IntegratorSettings settings, int capacity, OdeMethod method) {
        this.model = model;
        this.ode = method.create(capacity, settings);
        this.endpoints = List.copyOf(model.newEndpoints());
        this.endpointArray = endpoints.toArray(new Endpoint[0]);
        this.columnOffsets = new int[endpointArray.length];
        this.settingOffsets = new int[endpointArray.length];
        this.settingCounts = new int[endpointArray.length];
        final List<ColumnSpec> cols = new ArrayList<>();
        final List<ParameterSpec> sets = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < endpointArray.length; i++) {
            columnOffsets[i] = cols.size();
            for (ColumnSpec c : endpointArray[i].columns()) {
                if (!names.add(c.name())) {
                    throw new IllegalStateException("duplicate endpoint column " + c.name());
                }
                cols.add(c);
            }
            settingOffsets[i] = sets.size();
            settingCounts[i] = endpointArray[i].settings().size();
            for (ParameterSpec s : endpointArray[i].settings()) {
                if (sets.stream().noneMatch(x -> x.name().equals(s.name()))) {
                    sets.add(s);
                } else {
                    throw new IllegalStateException("duplicate endpoint setting " + s.name());
                }
            }
        }
        this.columns = Collections.unmodifiableList(cols);
        this.settingSpecs = Collections.unmodifiableList(sets);
        this.settingScratch = new double[sets.size()];
        this.context = new PatientContext(capacity);
        this.y0 = new double[capacity];
        this.atol = new double[capacity];
    }

    /**
     * Creates a simulator with the default method, {@link OdeMethod#DEFAULT}.
     *
     * @param model    the model
     * @param settings integrator settings
     * @param capacity largest state dimension of the patients to solve
     */
    public static PatientSimulator create(Model model, IntegratorSettings settings, int capacity) {
        return create(model, settings, capacity, OdeMethod.DEFAULT);
    }

    /**
     * Creates a simulator that integrates with the given method.
     *
     * @param model    the model
     * @param settings integrator settings
     * @param capacity largest state dimension of the patients to solve
     * @param method   integration method
     */
    public static PatientSimulator create(Model model, IntegratorSettings settings, int capacity, OdeMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        return new PatientSimulator(model, settings, capacity, method);
    }

    /** Creates a simulator sized for the model at its default parameters. */
    public static PatientSimulator create(Model model, IntegratorSettings settings) {
        return create(model, settings, model.dimension(model.parameters().defaults()));
    }

    /** @return the model */
    public Model model() {
        return model;
    }

    /** @return the endpoint columns, in row order */
    public List<ColumnSpec> endpointColumns() {
        return columns;
    }

    /** @return the endpoint settings (thresholds), in the order {@link #solve} expects them */
    public List<ParameterSpec> endpointSettings() {
        return settingSpecs;
    }

    /** @return a new vector of the endpoint settings' defaults */
    public double[] defaultEndpointSettings() {
        final double[] v = new double[settingSpecs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = settingSpecs.get(i).defaultValue();
        }
        return v;
    }

    /**
     * Uses one absolute tolerance for every state instead of the model's per-state tolerances.
     *
     * @param atol positive tolerance, or NaN to return to the model's
     */
    public void overrideAbsoluteTolerance(double atol) {
        this.absoluteToleranceOverride = atol;
    }

    /** @return the integrator, for its statistics */
    public AdaptiveIntegrator integrator() {
        return ode;
    }

    /**
     * Solves one patient.
     *
     * @param p                parameter vector of the model (read only)
     * @param regimen          infusions (ignored by models that take none)
     * @param tEnd             horizon (days)
     * @param endpointSettings values of {@link #endpointSettings()}
     * @param observer         extra observer of every accepted step (trajectory output), or NONE
     * @param out              row buffer receiving the endpoint columns then {@link #SOLVER_COLUMNS}
     * @param offset           index of the first endpoint column in {@code out}
     * @return the patient's status
     */
    public SolveStatus solve(double[] p, Regimen regimen, double tEnd, double[] endpointSettings,
                             StepObserver observer, double[] out, int offset) {
        extra = observer == null ? StepObserver.NONE : observer;
        final int dim = model.dimension(p);
        final double t0 = model.startTime(p);
        boolean valid = dim > 0 && dim <= ode.capacity() && Double.isFinite(t0) && tEnd > t0;
        for (int i = 0; valid && i < p.length; i++) {
            final ParameterSpec spec = model.parameters().get(i);
            valid = p[i] >= spec.min() && p[i] <= spec.max() || Double.isNaN(p[i]) && !model.uses(i, p);
        }
        context.params = p;
        context.regimen = regimen;
        context.startTime = t0;
        context.endTime = tEnd;
        context.dimension = dim;

        SolveStatus status;
        if (!valid) {
            status = SolveStatus.INVALID_PARAMETERS;
            beginEndpoints(endpointSettings);
            ode.begin(model, p, 0, y0, 1, atol);
        } else {
            model.initialState(p, y0);
            System.arraycopy(y0, 0, context.initialState, 0, dim);
            model.absoluteTolerance(p, ode.settings().relativeTolerance(), y0, atol);
            if (!Double.isNaN(absoluteToleranceOverride)) {
                java.util.Arrays.fill(atol, 0, dim, absoluteToleranceOverride);
            }
            ode.begin(model, p, t0, y0, dim, atol);
            beginEndpoints(endpointSettings);
            status = integrate(p, regimen, t0, tEnd);
        }
        for (int i = 0; i < endpointArray.length; i++) {
            endpointArray[i].finish(status, out, offset + columnOffsets[i]);
        }
        final int s = offset + columns.size();
        out[s] = ode.acceptedSteps();
        out[s + 1] = ode.rejectedSteps();
        out[s + 2] = ode.evaluations();
        extra = StepObserver.NONE;
        return status;
    }

    private void beginEndpoints(double[] endpointSettings) {
        for (int i = 0; i < endpointArray.length; i++) {
            System.arraycopy(endpointSettings, settingOffsets[i], settingScratch, 0, settingCounts[i]);
            endpointArray[i].begin(context, settingScratch);
        }
    }

    private SolveStatus integrate(double[] p, Regimen regimen, double t0, double tEnd) {
        final int capacityNeeded = model.scheduleCapacity(regimen);
        if (schedule.length < capacityNeeded) {
            schedule = new double[Math.max(capacityNeeded, 2 * schedule.length)];
        }
        final int count = sortUnique(schedule, model.schedule(p, regimen, schedule));
        int next = 0;
        while (next < count && schedule[next] < t0) {
            next++;
        }
        while (true) {
            final double now = ode.time();
            while (next < count && schedule[next] <= now) {
                if (schedule[next] == now) {
                    model.applyScheduled(now, ode.state(), p, regimen);
                    ode.stateChanged();
                    for (Endpoint e : endpointArray) {
                        e.onJump(now, ode.state());
                    }
                }
                next++;
            }
            if (now >= tEnd) {
                return SolveStatus.OK;
            }
            final double target = next < count ? Math.min(schedule[next], tEnd) : tEnd;
            final Outcome outcome = ode.advanceTo(target, this, model.events());
            if (outcome == Outcome.STOPPED) {
                return SolveStatus.OK;
            }
            if (outcome != Outcome.OK) {
                return SolveStatus.of(outcome);
            }
        }
    }

    /** Insertion sort and de-duplication in place (short arrays; no allocation). */
    private static int sortUnique(double[] a, int n) {
        for (int i = 1; i < n; i++) {
            final double v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || a[i] != a[m - 1]) {
                a[m++] = a[i];
            }
        }
        return m;
    }

    @Override
    public void onStep(DenseStep step) {
        for (Endpoint e : endpointArray) {
            e.observe(step);
        }
        if (extra != StepObserver.NONE) {
            extra.onStep(step);
        }
    }
}
