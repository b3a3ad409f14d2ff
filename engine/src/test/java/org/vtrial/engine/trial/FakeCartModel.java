package org.vtrial.engine.trial;

import java.util.List;
import java.util.Map;

import org.vtrial.engine.model.GrowthLaw;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.PatientContext;
import org.vtrial.engine.sim.SolveStatus;

/**
 * A test-only model shaped like the cart model where the loaders care: presets and conditioning
 * bundles, a named choice, a required parameter, infusions, endpoint settings, a relation between
 * parameters. Its dynamics (exponential tumor growth) are irrelevant to these tests.
 */
final class FakeCartModel implements Model {

    static final String NAME = "fake-cart";
    static final FakeCartModel INSTANCE = new FakeCartModel();

    private static final ParameterSpace PARAMETERS = ParameterSpace.of(
            ParameterSpec.required("r", "1/day", 0, 1e3, "tumor growth rate"),
            ParameterSpec.real("K", "cells", 1e12, Double.MIN_NORMAL, Double.MAX_VALUE, "carrying capacity"),
            ParameterSpec.real("rho", "1/day", 1.0, 0, 1e3, "proliferation gain"),
            ParameterSpec.real("k_A", "1/day", 1.0, 0, 1e3, "kill rate"),
            ParameterSpec.real("Tpos0", "cells", 5e10, 0, Double.MAX_VALUE, "initial tumor"),
            ParameterSpec.real("lambda_LD", "1/day", 0, 0, 10, "lymphodepletion rate"),
            ParameterSpec.real("t_LD", "day", -5, -30, 0, "conditioning start"),
            ParameterSpec.choice("growth", "logistic", GrowthLaw.LABELS, "growth law"),
            ParameterSpec.real("f_mem", "-", 0.1, 0, 1, "memory fraction of the product"));

    /** Model lookup for the loaders: the fake model by name, the built-in models otherwise. */
    static Model lookup(String name) {
        return NAME.equals(name) ? INSTANCE : ModelRegistry.get(name);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test model";
    }

    @Override
    public List<StateSpec> states() {
        return List.of(new StateSpec("T", "cells", "tumor"));
    }

    @Override
    public ParameterSpace parameters() {
        return PARAMETERS;
    }

    @Override
    public void initialState(double[] p, double[] y) {
        y[0] = p[4];
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        yDot[0] = p[0] * y[0];
    }

    @Override
    public boolean acceptsDoses() {
        return true;
    }

    @Override
    public List<ParameterBundle> bundles() {
        return List.of(
                new ParameterBundle("preset", "CD28", Map.of("rho", 1.2), "test"),
                new ParameterBundle("preset", "4-1BB", Map.of("rho", 0.9), "test"),
                new ParameterBundle("conditioning", "none", Map.of("lambda_LD", 0.0), "test"),
                new ParameterBundle("conditioning", "standard", Map.of("lambda_LD", 0.8, "t_LD", -5.0), "test"),
                new ParameterBundle("conditioning", "intensified", Map.of("lambda_LD", 1.6, "t_LD", -6.0), "test"));
    }

    @Override
    public List<Endpoint> newEndpoints() {
        return List.of(new Endpoint() {
            @Override
            public List<ColumnSpec> columns() {
                return List.of(ColumnSpec.real("final_tumor", "cells", "tumor at the horizon"));
            }

            @Override
            public List<ParameterSpec> settings() {
                return List.of(
                        ParameterSpec.real("cr_threshold", "-", 0.01, 0, 1, "complete response threshold"),
                        ParameterSpec.real("detection_limit", "cells", 1e6, 0, 1e12, "detection limit"));
            }

            @Override
            public void begin(PatientContext context, double[] settings) {
            }

            @Override
            public void observe(DenseStep step) {
            }

            @Override
            public void finish(SolveStatus status, double[] out, int offset) {
                out[offset] = Double.NaN;
            }
        });
    }

    @Override
    public void validate(double[] p, List<String> problems) {
        if (!(p[1] > p[4])) {
            problems.add("carrying capacity K (" + p[1] + ") must exceed the initial tumor Tpos0 (" + p[4] + ")");
        }
    }
}
