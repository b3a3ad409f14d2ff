package org.vtrial.engine.model;

import java.util.List;

import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.OdeFunction;

/**
 * A built-in model: the exact states, parameter names and equations of one section of MODELS.md.
 *
 * <p>Contract: a model instance is immutable and thread-safe (all per-patient data lives in the
 * parameter vector and the state); {@link #derivatives} allocates nothing and never throws.
 * Adding a model is one class implementing this interface plus one line in {@link ModelRegistry}.
 */
public interface Model extends OdeFunction {

    /** @return registry name (as in MODELS.md) */
    String name();

    /** @return one-line description */
    String description();

    /** @return the states, in MODELS.md order (the order of the state vector) */
    List<StateSpec> states();

    /** @return the parameter declarations (the order of the parameter vector) */
    ParameterSpace parameters();

    /** @return number of states for these parameters (a spatial model's grid size is a parameter) */
    default int dimension(double[] p) {
        return states().size();
    }

    /** @return the time the simulation starts at (days) */
    default double startTime(double[] p) {
        return 0.0;
    }

    /** Writes the initial state for parameters {@code p} into {@code y}. */
    void initialState(double[] p, double[] y);

    /**
     * Writes the per-component absolute tolerances. The default scales {@code rtol} by each state's
     * initial magnitude (with a floor of 1), so that tolerances follow the populations' scales.
     */
    default void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        final int n = dimension(p);
        for (int i = 0; i < n; i++) {
            atol[i] = rtol * Math.max(1.0, Math.abs(y0[i])) * 1e-3;
        }
    }

    /** @return state events of this model (extinction and the like), or none */
    default EventFunctions events() {
        return EventFunctions.NONE;
    }

    /**
     * Checks a complete parameter vector beyond each parameter's own range (relations between
     * parameters). Adds one message per violation, naming the parameters.
     */
    default void validate(double[] p, List<String> problems) {
    }
}
