package org.vtrial.engine.model;

import java.util.List;

import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.ode.OdeFunction;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.Regimen;

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

    /** @return true when the model takes infusions (a {@link Regimen}) */
    default boolean acceptsDoses() {
        return false;
    }

    /** @return the largest number of scheduled times {@link #schedule} can write for this regimen */
    default int scheduleCapacity(Regimen regimen) {
        return 0;
    }

    /**
     * Scheduled discontinuities: times where the right-hand side switches or the state jumps
     * (infusions). The simulator integrates piecewise between them and never steps over one.
     *
     * @param out receives the times, in any order, duplicates allowed
     * @return number of times written
     */
    default int schedule(double[] p, Regimen regimen, double[] out) {
        return 0;
    }

    /**
     * Applies the state jumps due at a scheduled time {@code t} (e.g. every infusion of that day).
     * Called once per distinct scheduled time, after the integration reached it.
     */
    default void applyScheduled(double t, double[] y, double[] p, Regimen regimen) {
    }

    /**
     * @return new instances of this model's per-patient endpoints, in column order (one set per
     *         simulator: endpoints keep running state)
     */
    default List<Endpoint> newEndpoints() {
        return List.of();
    }

    /** @return named parameter bundles (costimulation presets, conditioning regimens, ...) */
    default List<ParameterBundle> bundles() {
        return List.of();
    }

    /**
     * Tells whether parameter {@code index} enters the equations for these parameters; an unused
     * parameter without default may stay unset (e.g. a carrying capacity under exponential growth).
     */
    default boolean uses(int index, double[] p) {
        return true;
    }

    /**
     * Checks a complete parameter vector beyond each parameter's own range (relations between
     * parameters). Adds one message per violation, naming the parameters.
     */
    default void validate(double[] p, List<String> problems) {
    }
}
