package org.vtrial.engine.sim;

import java.util.List;

import org.vtrial.engine.ode.Outcome;

/**
 * Status of one virtual patient (the {@code status} column): {@code OK}, or why the patient could
 * not be solved. Such a patient still gets its row; its endpoints are NaN where undefined.
 */
public enum SolveStatus {
    OK,
    MAX_EVALUATIONS,
    STEP_UNDERFLOW,
    NON_FINITE,
    /** The sampled parameters are outside the model's admissible domain. */
    INVALID_PARAMETERS;

    /** Labels in ordinal order (the status column's categories). */
    public static final List<String> LABELS = List.of("OK", "MAX_EVALUATIONS", "STEP_UNDERFLOW", "NON_FINITE",
            "INVALID_PARAMETERS");

    /** @return the status for an integrator outcome (STOPPED counts as OK: a model asked to stop) */
    public static SolveStatus of(Outcome outcome) {
        switch (outcome) {
            case MAX_EVALUATIONS: return MAX_EVALUATIONS;
            case STEP_UNDERFLOW: return STEP_UNDERFLOW;
            case NON_FINITE: return NON_FINITE;
            default: return OK;
        }
    }
}
