package org.vtrial.engine.sim;

import java.util.List;

import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.DenseStep;

/**
 * A per-patient endpoint computed while the patient is solved, from the integrator's dense output:
 * no stored trajectory, no allocation per patient.
 *
 * <p>Contract: one instance per {@link PatientSimulator} (endpoints keep per-patient running state);
 * {@link #begin} then {@link #observe} for every accepted step in time order (including steps cut
 * by events, and across doses) then {@link #finish}. Thresholds are declared as
 * {@link #settings()} (name, unit, default, range) and arrive as values in the same order.
 * Adding an endpoint is one class plus one registry line of its model.
 */
public interface Endpoint {

    /** @return the columns this endpoint writes, in order */
    List<ColumnSpec> columns();

    /** @return thresholds and options this endpoint reads (cohort/trial settings), possibly none */
    default List<ParameterSpec> settings() {
        return List.of();
    }

    /**
     * Starts a patient.
     *
     * @param context  the patient: parameters, regimen, times
     * @param settings values of {@link #settings()}, in order (read only)
     */
    void begin(PatientContext context, double[] settings);

    /** Observes one accepted step. */
    void observe(DenseStep step);

    /**
     * Called at every scheduled discontinuity (a dose, a switch) after the state jump, with the
     * state after it. Most endpoints ignore it.
     */
    default void onJump(double t, double[] y) {
    }

    /**
     * Writes this endpoint's values.
     *
     * @param status how the solve ended (endpoints of a failed patient may be NaN)
     * @param out    row buffer
     * @param offset index of this endpoint's first column in {@code out}
     */
    void finish(SolveStatus status, double[] out, int offset);
}
