package org.vtrial.engine.trial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sampling.PopulationSampler;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The patient kernel of a trial: sample the patient's parameters from the cohort (population
 * generator), solve the patient under the arm's regimen with the model's endpoints, write the row
 * {@code [sampled parameters..., endpoints..., solver statistics..., status]}.
 *
 * <p>Columns follow from declarations only: the cohort's sampled parameters (their model
 * {@link ParameterSpec}s), the model's endpoint columns and the simulator's solver columns.
 * One instance per thread; {@link #compute} allocates nothing.
 */
public final class TrialKernel implements PatientKernel {

    private final TrialSpec trial;
    private final Model model;
    private final PopulationSampler sampler;
    private final PatientSimulator simulator;
    private final double[] params;
    private final double[] settings;
    private final double[] solveRow;
    private final int[] sampledIndex;
    private final List<ColumnSpec> columns;
    private final List<String> arms;
    private final List<String> stateNames;
    /** The arms' regimens, built once: {@link TrialSpec#regimen} builds a new one per call. */
    private final Regimen[] regimens;
    private long nanos;

    private TrialKernel(TrialSpec trial) {
        this.trial = trial;
        this.model = trial.model();
        this.sampler = PopulationSampler.create(trial);
        this.params = model.parameters().defaults();
        final int capacity = capacity(trial);
        this.simulator = PatientSimulator.create(model, IntegratorSettings.of(trial.relativeTolerance()),
                capacity, trial.method());
        this.settings = trial.endpointSettings();
        final List<String> sampled = sampler.sampledParameters();
        this.sampledIndex = new int[sampled.size()];
        final List<ColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            sampledIndex[i] = model.parameters().require(sampled.get(i));
            cols.add(columnOf(model.parameters().get(sampledIndex[i])));
        }
        cols.addAll(simulator.endpointColumns());
        cols.addAll(PatientSimulator.SOLVER_COLUMNS);
        cols.add(ColumnSpec.category(STATUS, "OK, or why the patient could not be solved", SolveStatus.LABELS));
        this.columns = Collections.unmodifiableList(cols);
        this.solveRow = new double[simulator.endpointColumns().size() + PatientSimulator.SOLVER_COLUMNS.size()];
        this.arms = trial.armNames();
        this.regimens = new Regimen[arms.size()];
        for (int a = 0; a < regimens.length; a++) {
            regimens[a] = trial.regimen(a);
        }
        final List<String> states = new ArrayList<>();
        for (StateSpec s : model.states()) {
            states.add(s.name());
        }
        this.stateNames = Collections.unmodifiableList(states);
    }

    /** @return a kernel for this trial (one per thread) */
    public static TrialKernel of(TrialSpec trial) {
        return new TrialKernel(trial);
    }

    private static int capacity(TrialSpec trial) {
        // a spatial model's dimension depends on its parameters: size for the default (patients
        // beyond it are reported INVALID_PARAMETERS by the simulator, never out of bounds)
        return Math.max(1, trial.model().dimension(trial.model().parameters().defaults()));
    }

    /** @return the Parquet column of a sampled parameter */
    public static ColumnSpec columnOf(ParameterSpec p) {
        return p.isChoice()
                ? ColumnSpec.category(p.name(), p.description(), p.choices())
                : ColumnSpec.real(p.name(), p.unit(), p.description());
    }

    /** @return the trial */
    public TrialSpec trial() {
        return trial;
    }

    @Override
    public List<ColumnSpec> columns() {
        return columns;
    }

    @Override
    public List<String> arms() {
        return arms;
    }

    @Override
    public int replicates() {
        return trial.replicates();
    }

    @Override
    public long patientsPerArm() {
        return trial.patientsPerArm();
    }

    @Override
    public List<String> stateNames() {
        return stateNames;
    }

    @Override
    public long solverNanos() {
        return nanos;
    }

    @Override
    public void compute(int replicate, int arm, long patientIndex, double[] row) {
        sampler.sample(replicate, arm, patientIndex, params);
        final long t0 = System.nanoTime();
        final SolveStatus status = simulator.solve(params, regimens[arm], trial.horizonDays(), settings, null,
                solveRow, 0);
        nanos += System.nanoTime() - t0;
        int c = 0;
        for (int i = 0; i < sampledIndex.length; i++) {
            row[c++] = params[sampledIndex[i]];
        }
        System.arraycopy(solveRow, 0, row, c, solveRow.length);
        row[c + solveRow.length] = status.ordinal();
    }

    @Override
    public SolveStatus trajectory(int replicate, int arm, long patientIndex, double every, GridObserver.Sink sink) {
        sampler.sample(replicate, arm, patientIndex, params);
        final GridObserver grid = new GridObserver(simulator.integrator().capacity(), sink);
        grid.reset(model.startTime(params), every, trial.horizonDays());
        final SolveStatus status = simulator.solve(params, trial.regimen(arm), trial.horizonDays(), settings, grid,
                solveRow, 0);
        if (status == SolveStatus.OK) {
            grid.finish(simulator.integrator().time(), simulator.integrator().state());
        }
        return status;
    }
}
