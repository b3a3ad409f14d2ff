package org.vtrial.engine.sim;

import java.util.List;

/**
 * Everything a backend needs to produce one row per virtual patient: the declared value columns and
 * a pure function from the patient's key to the row. The Spark job, the in-process reference loop
 * and the command line all run patients through this, so they produce the same numbers.
 *
 * <p>Contract: {@link #compute} is a pure function of {@code (replicate, arm, patientIndex)} and the
 * kernel's specification — independent of call order, thread, partition or retry — allocates nothing
 * and never throws for a patient that cannot be solved (the row's {@code status} column says why).
 * One instance per thread.
 */
public interface PatientKernel {

    /** Name of the status column, always present. */
    String STATUS = "status";

    /** @return the value columns, in row order (key columns are the backend's) */
    List<ColumnSpec> columns();

    /** @return arm names, in arm-index order */
    List<String> arms();

    /** @return number of replicates (1 when the trial has none) */
    int replicates();

    /** @return patients per arm */
    long patientsPerArm();

    /**
     * Computes one patient's row.
     *
     * @param replicate    replicate index
     * @param arm          arm index
     * @param patientIndex patient index within the arm
     * @param row          receives {@link #columns()} values (CATEGORY as label index, NaN for none)
     */
    void compute(int replicate, int arm, long patientIndex, double[] row);

    /**
     * Re-solves one patient and emits its states on a fixed grid (for trajectory samples).
     *
     * @param every grid interval (days)
     * @param sink  receives rows {@code (t, y)}
     * @return the patient's status
     */
    SolveStatus trajectory(int replicate, int arm, long patientIndex, double every, GridObserver.Sink sink);

    /** @return state names of the trajectories */
    List<String> stateNames();

    /** @return nanoseconds spent inside the solver so far by this instance (for cost accounting) */
    long solverNanos();
}
