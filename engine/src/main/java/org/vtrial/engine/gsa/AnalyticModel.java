package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.List;

/**
 * A closed-form function of a parameter vector with named outputs: a verification model whose
 * sensitivity indices are known exactly, evaluated by the sensitivity pipeline exactly as a patient
 * is. Registered by name in {@link AnalyticModels}.
 *
 * <p>Contract: immutable and serializable; {@link #evaluate} is pure, allocates nothing and never
 * throws (a non-finite output marks the point as failed).
 */
public interface AnalyticModel extends Serializable {

    /** @return registry name */
    String name();

    /** @return input names, in the order of the input vector */
    List<String> inputs();

    /** @return output names, in the order of the output vector */
    List<String> outputs();

    /** Writes the outputs for inputs {@code x} into {@code y}. */
    void evaluate(double[] x, double[] y);

    /** @return the input distributions under which {@link #exactIndices} hold, in input order */
    List<Marginal> referenceInputs();

    /**
     * @return exact first-order and total indices of output 0 under {@link #referenceInputs}:
     *         {@code [0][j]} = S1 of input {@code j}, {@code [1][j]} = ST
     */
    double[][] exactIndices();
}
