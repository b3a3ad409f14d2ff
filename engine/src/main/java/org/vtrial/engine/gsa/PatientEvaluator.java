package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Evaluates a virtual patient of a built-in ODE model ({@link ModelRegistry}, e.g. {@code cart}):
 * the varied parameters overwrite a fixed parameter vector, the patient is solved by
 * {@link PatientSimulator} with the given regimen, horizon and endpoint settings, and the analysed
 * outputs are picked from its raw row: the model's endpoint columns, then one column
 * {@code STATE_end} per state (see {@link #columns}). A patient that cannot be solved (invalid
 * parameters, step-size underflow, ...) has that status and NaN outputs.
 */
public final class PatientEvaluator implements DesignEvaluator {

    /** Suffix of the state-at-horizon columns. */
    public static final String END_SUFFIX = "_end";

    private final PatientSimulator sim;
    private final Regimen regimen;
    private final double tEnd;
    private final double[] settings;
    private final int[] varied;
    private final double[] base;
    private final double[] p;
    /** the simulator's row: endpoint columns, then solver statistics */
    private final double[] solved;
    /** the raw outputs: endpoint columns, then the states at the end of the solve */
    private final double[] raw;
    private final int endpointColumns;
    private final int states;
    private final OutputSelector selector;
    private final List<ColumnSpec> outputs;
    private final int count;
    private long nanos;

    private PatientEvaluator(Recipe r) {
        final Model model = ModelRegistry.get(r.model);
        this.sim = PatientSimulator.create(model, IntegratorSettings.of(r.rtol), model.dimension(r.base),
                OdeMethod.of(r.method));
        final List<Dose> doses = new ArrayList<>();
        for (int i = 0; i < r.doseDays.length; i++) {
            doses.add(new Dose(r.doseDays[i], r.doseCells[i]));
        }
        this.regimen = doses.isEmpty() ? Regimen.none() : new Regimen(doses);
        this.tEnd = r.tEnd;
        this.settings = r.settings.clone();
        this.varied = r.varied.clone();
        this.base = r.base.clone();
        this.p = r.base.clone();
        this.endpointColumns = sim.endpointColumns().size();
        this.solved = new double[endpointColumns + PatientSimulator.SOLVER_COLUMNS.size()];
        this.states = stateColumns(model, r.base);
        this.raw = new double[endpointColumns + states];
        this.selector = r.selector;
        this.outputs = selector.outputs();
        this.count = outputs.size();
    }

    /** The serializable specification of a patient evaluator. */
    private static final class Recipe implements Factory {
        private static final long serialVersionUID = 1L;
        final String model;
        final double[] base;
        final int[] varied;
        final double[] doseDays;
        final double[] doseCells;
        final double tEnd;
        final double rtol;
        final String method;
        final double[] settings;
        final OutputSelector selector;

        Recipe(String model, double[] base, int[] varied, double[] doseDays, double[] doseCells, double tEnd,
               double rtol, String method, double[] settings, OutputSelector selector) {
            this.model = model;
            this.base = base;
            this.varied = varied;
            this.doseDays = doseDays;
            this.doseCells = doseCells;
            this.tEnd = tEnd;
            this.rtol = rtol;
            this.method = method;
            this.settings = settings;
            this.selector = selector;
        }

        @Override
        public DesignEvaluator create() {
            return new PatientEvaluator(this);
        }
    }

    /**
     * The raw columns a patient of {@code model} with parameters {@code p} offers: its endpoint
     * columns, then {@code STATE_end} for every named state (the state at the end of the solve: the
     * horizon, unless the model stopped the solve earlier). Models whose state vector is a grid
     * (more states than names) offer no state columns.
     */
    public static List<ColumnSpec> columns(Model model, double[] p) {
        final PatientSimulator s = PatientSimulator.create(model, IntegratorSettings.defaults(),
                Math.max(1, model.states().size()));
        final List<ColumnSpec> out = new ArrayList<>(s.endpointColumns());
        final int n = stateColumns(model, p);
        for (int i = 0; i < n; i++) {
            final StateSpec st = model.states().get(i);
            out.add(ColumnSpec.real(st.name() + END_SUFFIX, st.unit(), st.name() + " at the end of the solve"));
        }
        return out;
    }

    private static int stateColumns(Model model, double[] p) {
        return model.dimension(p) == model.states().size() ? model.states().size() : 0;
    }

    /**
     * @param model    registry name of the model
     * @param base     complete parameter vector (defaults, bundles, fixed values); varied entries are overwritten
     * @param varied   parameter-vector index of each varied parameter, in analysis order
     * @param doses    the regimen (empty for models that take none)
     * @param tEnd     horizon (days)
     * @param rtol     relative tolerance of the integrator
     * @param method   integration method
     * @param settings endpoint settings, in {@link PatientSimulator#endpointSettings()} order
     * @param outputs  analysed outputs
     * @throws IllegalArgumentException for unknown output columns or labels
     */
    public static Factory factory(String model, double[] base, int[] varied, List<Dose> doses, double tEnd,
                                  double rtol, OdeMethod method, double[] settings, List<OutputSpec> outputs) {
        final Model m = ModelRegistry.get(model);
        final OutputSelector selector = new OutputSelector(columns(m, base), outputs);
        final double[] days = new double[doses.size()];
        final double[] cells = new double[doses.size()];
        for (int i = 0; i < doses.size(); i++) {
            days[i] = doses.get(i).day();
            cells[i] = doses.get(i).cells();
        }
        return new Recipe(model, base.clone(), varied.clone(), days, cells, tEnd, rtol, method.id(), settings.clone(),
                selector);
    }

    @Override
    public List<ColumnSpec> outputs() {
        return outputs;
    }

    @Override
    public SolveStatus evaluate(double[] x, double[] y) {
        final long t0 = System.nanoTime();
        System.arraycopy(base, 0, p, 0, base.length);
        for (int j = 0; j < varied.length; j++) {
            p[varied[j]] = x[j];
        }
        final SolveStatus status = sim.solve(p, regimen, tEnd, settings, null, solved, 0);
        System.arraycopy(solved, 0, raw, 0, endpointColumns);
        final double[] state = sim.integrator().state();
        for (int i = 0; i < states; i++) {
            raw[endpointColumns + i] = status == SolveStatus.OK ? state[i] : Double.NaN;
        }
        selector.select(raw, y);
        if (status != SolveStatus.OK) {
            java.util.Arrays.fill(y, 0, count, Double.NaN);
        }
        nanos += System.nanoTime() - t0;
        return status;
    }

    @Override
    public long nanos() {
        return nanos;
    }
}
