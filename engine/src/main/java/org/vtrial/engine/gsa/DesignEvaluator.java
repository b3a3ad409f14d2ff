package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.List;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Evaluates the analysed model at one parameter point: an analytic function or a virtual patient,
 * through one interface, so the sensitivity pipeline treats both alike.
 *
 * <p>Contract: {@link #evaluate} is a pure function of {@code x} and the evaluator's specification,
 * allocates nothing and never throws for a point that cannot be evaluated (the returned status says
 * why; its outputs are then NaN). One instance per thread, built by a serializable {@link Factory}.
 */
public interface DesignEvaluator {

    /** @return the analysed outputs (real-valued), in the order of {@code y} */
    List<ColumnSpec> outputs();

    /**
     * @param x values of the varied parameters, in the analysis' parameter order
     * @param y receives {@link #outputs()} values
     * @return the point's status
     */
    SolveStatus evaluate(double[] x, double[] y);

    /** @return nanoseconds spent evaluating so far by this instance */
    long nanos();

    /** Serializable recipe: what travels to executors. */
    @FunctionalInterface
    interface Factory extends Serializable {
        /** @return a new evaluator for one thread */
        DesignEvaluator create();
    }
}
