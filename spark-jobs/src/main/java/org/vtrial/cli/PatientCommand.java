package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.ColumnType;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial patient}: solves one virtual patient and prints its trajectory as CSV on a fixed
 * grid, or its endpoints as JSON. This is how users replay and inspect any single patient.
 */
@Command(name = "patient", mixinStandardHelpOptions = true,
        description = {"Solve one virtual patient and print the trajectory as CSV (header t,<states>),",
            "or with --endpoints its per-patient endpoints as JSON."})
public final class PatientCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--t-end", required = true, paramLabel = "DAYS", description = "horizon (days)")
    double tEnd;

    @Option(names = "--every", paramLabel = "DAYS", description = "output interval (days); required for CSV")
    Double every;

    @Option(names = "--rtol", paramLabel = "TOL", defaultValue = "1e-6", description = "relative tolerance (default ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--method", paramLabel = "M", defaultValue = "tsit5",
            description = "integration method: dp54 (Dormand–Prince 5(4)), tsit5 (Tsitouras 5(4)) or dp853 (Dormand–Prince 8(5,3)) (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--atol", paramLabel = "TOL", description = "absolute tolerance for every state (default: the model's per-state tolerances)")
    Double atol;

    @Option(names = "--endpoints", description = "print the endpoint values as JSON instead of the trajectory")
    boolean endpoints;

    @Option(names = "--set-endpoint", paramLabel = "NAME=VALUE", description = "set an endpoint threshold (repeatable)")
    List<String> endpointSettings = new java.util.ArrayList<>();

    @Option(names = "--profile-at", split = ",", paramLabel = "DAYS", description = "spatial models (fisher-kpp): print the profile t,x,T,E at these days as CSV instead of the trajectory")
    List<Double> profileAt;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PatientCommand s = this;
        if (!Double.isFinite(s.tEnd) || s.tEnd <= 0) {
            throw new BadInputException("--t-end: must be a positive number of days, got " + s.tEnd);
        }
        if (!s.endpoints && s.every == null && s.profileAt == null) {
            throw new BadInputException("--every: required to print the trajectory (or use --endpoints)");
        }
        if (s.every != null && !(s.every > 0 && Double.isFinite(s.every))) {
            throw new BadInputException("--every: must be a positive number of days, got " + s.every);
        }
        final String rtolProblem = IntegratorSettings.relativeToleranceProblem(s.rtol);
        if (rtolProblem != null) {
            throw new BadInputException("--rtol: " + rtolProblem);
        }
        final OdeMethod odeMethod = OdeMethod.ofOption("--method", s.method);
        if (s.atol != null && !(s.atol > 0 && Double.isFinite(s.atol))) {
            throw new BadInputException("--atol: must be positive, got " + s.atol);
        }
        final Model m = s.model.resolveModel();
        final double[] p = s.model.parameters(m);
        final Regimen regimen = s.model.regimen(m);
        final int dim = m.dimension(p);
        final PatientSimulator sim = PatientSimulator.create(m, IntegratorSettings.of(s.rtol), dim, odeMethod);
        if (s.atol != null) {
            sim.overrideAbsoluteTolerance(s.atol);
        }
        final double[] settings = endpointSettings(sim, s.endpointSettings);
        final List<ColumnSpec> cols = sim.endpointColumns();
        final double[] row = new double[cols.size() + PatientSimulator.SOLVER_COLUMNS.size()];

        final SolveStatus status;
        if (s.profileAt != null) {
            status = SpatialProfile.print(m, p, regimen, s.tEnd, s.profileAt, s.endpoints, sim, settings, row, out);
        } else if (s.endpoints) {
            status = sim.solve(p, regimen, s.tEnd, settings, null, row, 0);
            out.println(endpointJson(m, p, cols, row, status, sim));
        } else {
            final StringBuilder line = new StringBuilder(128);
            final List<StateSpec> states = m.states();
            line.append('t');
            for (int i = 0; i < dim; i++) {
                line.append(',').append(stateName(states, i, dim));
            }
            out.println(line);
            final GridObserver grid = new GridObserver(dim, (t, y) -> {
                line.setLength(0);
                line.append(number(t));
                for (int i = 0; i < dim; i++) {
                    line.append(',').append(number(y[i]));
                }
                out.println(line);
            });
            grid.reset(m.startTime(p), s.every, s.tEnd);
            status = sim.solve(p, regimen, s.tEnd, settings, grid, row, 0);
            grid.finish(sim.integrator().time(), sim.integrator().state());
        }
        out.flush();
        if (status != SolveStatus.OK) {
            spec.commandLine().getErr().println("failed: patient could not be solved: status " + status
                    + " at t=" + sim.integrator().time());
            return VTrial.EXIT_FAILURE;
        }
        return 0;
    }

    private static String stateName(List<StateSpec> states, int i, int dim) {
        return states.size() == dim ? states.get(i).name() : "y" + i;
    }

    static String number(double v) {
        return Double.toString(v);
    }

    private static double[] endpointSettings(PatientSimulator sim, List<String> given) throws BadInputException {
        final double[] v = sim.defaultEndpointSettings();
        final List<ParameterSpec> specs = sim.endpointSettings();
        final List<String> problems = new java.util.ArrayList<>();
        for (String g : given) {
            final int eq = g.indexOf('=');
            final String name = eq > 0 ? g.substring(0, eq).trim() : g;
            int index = -1;
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).name().equals(name)) {
                    index = i;
                }
            }
            if (eq <= 0 || index < 0) {
                problems.add("--set-endpoint " + g + ": expected NAME=VALUE with NAME one of "
                        + specs.stream().map(ParameterSpec::name).toList());
                continue;
            }
            try {
                v[index] = specs.get(index).parse(g.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                problems.add("--set-endpoint " + g + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return v;
    }

    private static String endpointJson(Model m, double[] p, List<ColumnSpec> cols, double[] row, SolveStatus status,
                                       PatientSimulator sim) throws Exception {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("model", m.name());
        root.put("status", status.name());
        final ObjectNode params = root.putObject("parameters");
        for (int i = 0; i < p.length; i++) {
            final ParameterSpec spec = m.parameters().get(i);
            if (spec.isChoice()) {
                params.put(spec.name(), spec.format(p[i]));
            } else if (Double.isNaN(p[i])) {
                params.putNull(spec.name());
            } else {
                params.put(spec.name(), p[i]);
            }
        }
        final ObjectNode endpoints = root.putObject("endpoints");
        for (int i = 0; i < cols.size(); i++) {
            put(endpoints, cols.get(i), row[i]);
        }
        final ObjectNode solver = root.putObject("solver");
        solver.put("method", sim.integrator().method().id());
        solver.put("rtol", sim.integrator().settings().relativeTolerance());
        for (int i = 0; i < PatientSimulator.SOLVER_COLUMNS.size(); i++) {
            put(solver, PatientSimulator.SOLVER_COLUMNS.get(i), row[cols.size() + i]);
        }
        return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void put(ObjectNode node, ColumnSpec c, double v) {
        if (Double.isNaN(v)) {
            node.putNull(c.name());
        } else if (c.type() == ColumnType.CATEGORY) {
            node.put(c.name(), c.label(v));
        } else if (c.type() == ColumnType.BOOLEAN) {
            node.put(c.name(), v != 0);
        } else if (c.type() == ColumnType.INT) {
            node.put(c.name(), (long) v);
        } else {
            node.put(c.name(), v);
        }
    }
}
