package org.vtrial.engine.sim;

/**
 * What an endpoint may know about the patient being solved. Reused across patients (mutable,
 * owned by the {@link PatientSimulator}); read it in {@link Endpoint#begin}.
 */
public final class PatientContext {

    double[] params;
    Regimen regimen;
    double startTime;
    double endTime;
    final double[] initialState;
    int dimension;

    PatientContext(int capacity) {
        initialState = new double[capacity];
    }

    /** @return the patient's parameter vector (read only) */
    public double[] params() {
        return params;
    }

    /** @return the dosing regimen */
    public Regimen regimen() {
        return regimen;
    }

    /** @return simulation start time (days) */
    public double startTime() {
        return startTime;
    }

    /** @return simulation horizon (days) */
    public double endTime() {
        return endTime;
    }

    /** @return initial state (read only) */
    public double[] initialState() {
        return initialState;
    }

    /** @return number of states */
    public int dimension() {
        return dimension;
    }
}
