package org.vtrial.engine.model;

import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/** Test helper: {@code cart} patients by bundle names and overrides, solved with every step recorded. */
final class CartRuns {

    static final CartModel MODEL = (CartModel) ModelRegistry.get("cart");

    /** One solve: step ends and their states, endpoint row, status. */
    static final class Run {
        final List<Double> times = new ArrayList<>();
        final List<double[]> states = new ArrayList<>();
        /** State at the start of every step (after any jump or event at that time). */
        final List<double[]> starts = new ArrayList<>();
        /** Interpolated states at eight interior points of every step (positivity checks). */
        final List<double[]> inner = new ArrayList<>();
        final List<ColumnSpec> columns;
        final double[] row;
        final SolveStatus status;
        final long steps;
        final long events;

        Run(PatientSimulator sim, double[] p, Regimen regimen, double tEnd, boolean keepInner) {
            columns = sim.endpointColumns();
            row = new double[columns.size() + PatientSimulator.SOLVER_COLUMNS.size()];
            status = sim.solve(p, regimen, tEnd, sim.defaultEndpointSettings(), step -> {
                times.add(step.end());
                states.add(step.endState().clone());
                starts.add(step.startState().clone());
                if (keepInner) {
                    for (int k = 1; k < 8; k++) {
                        final double[] y = new double[CartModel.DIMENSION];
                        step.interpolate(step.start() + k * (step.end() - step.start()) / 8, y);
                        inner.add(y);
                    }
                }
            }, row, 0);
            steps = sim.integrator().acceptedSteps();
            events = sim.integrator().eventsTriggered();
        }

        double endpoint(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    return row[i];
                }
            }
            throw new IllegalArgumentException(name);
        }

        String label(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    return columns.get(i).label(row[i]);
                }
            }
            throw new IllegalArgumentException(name);
        }

        double[] timesArray() {
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private CartRuns() {
    }

    /** Defaults, then the named bundles, then NAME=VALUE overrides. */
    static double[] params(String preset, String conditioning, String... sets) {
        final ParameterSpace space = MODEL.parameters();
        final double[] p = space.defaults();
        for (ParameterBundle b : MODEL.bundles()) {
            if (b.kind().equals("preset") && b.name().equals(preset)
                    || b.kind().equals("conditioning") && b.name().equals(conditioning)) {
                b.applyTo(space, p);
            }
        }
        for (String s : sets) {
            final int eq = s.indexOf('=');
            final int i = space.require(s.substring(0, eq));
            p[i] = space.get(i).parse(s.substring(eq + 1));
        }
        return p;
    }

    static Run run(double[] p, Regimen regimen, double tEnd, double rtol) {
        return run(p, regimen, tEnd, rtol, OdeMethod.DP54);
    }

    static Run run(double[] p, Regimen regimen, double tEnd, double rtol, OdeMethod method) {
        return new Run(PatientSimulator.create(MODEL, IntegratorSettings.of(rtol), CartModel.DIMENSION, method), p,
                regimen, tEnd, false);
    }

    static Run runWithInterior(PatientSimulator sim, double[] p, Regimen regimen, double tEnd) {
        return new Run(sim, p, regimen, tEnd, true);
    }

    /** Per-state absolute tolerance divided by rtol (the model's resolution of each state). */
    static double[] resolution(double[] p) {
        final double[] atol = new double[CartModel.DIMENSION];
        MODEL.absoluteTolerance(p, 1.0, new double[CartModel.DIMENSION], atol);
        return atol;
    }
}
