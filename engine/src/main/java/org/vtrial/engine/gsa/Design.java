package org.vtrial.engine.gsa;

import java.io.Serializable;

/**
 * A sensitivity design: {@link #bases()} groups (Saltelli base points, Morris trajectories) of
 * {@link #blocks()} points each. Every point is identified by its explicit key
 * {@code (base, block)}; estimators read outputs by that key, never by position in a table.
 * The row number {@code row = base * blocks + block} is only how backends enumerate the points.
 *
 * <p>Contract: a point's coordinates are a pure function of its key and the design's
 * specification; they are probabilities in the open unit interval, mapped to parameter values by
 * each parameter's inverse CDF. A design is a small serializable specification; each thread asks
 * it for its own {@link Points}.
 */
public interface Design extends Serializable {

    /** @return number of varied parameters {@code k} */
    int dimension();

    /** @return number of groups: the base sample size {@code N} (Sobol) or trajectories {@code r} (Morris) */
    int bases();

    /** @return points per group: {@code k + 2} (Sobol) or {@code k + 1} (Morris) */
    int blocks();

    /** @return total number of points */
    default long rows() {
        return (long) bases() * blocks();
    }

    /** @return the row number of a key */
    default long row(int base, int block) {
        return (long) base * blocks() + block;
    }

    /** @return the base of a row number */
    default int baseOf(long row) {
        return (int) (row / blocks());
    }

    /** @return the block of a row number */
    default int blockOf(long row) {
        return (int) (row % blocks());
    }

    /** @return the label of a block (the design table's {@code block} column) */
    String blockLabel(int block);

    /** @return the block of a label, or -1 when the design has no such block */
    int blockIndex(String label);

    /**
     * @return the parameter that distinguishes this point from its predecessor in the group (the
     *         column taken from B in {@code AB_j}; the parameter moved to reach a Morris step), or -1
     */
    int blockParameter(int base, int block);

    /** @return a new point generator for one thread */
    Points points();

    /** Computes points; one instance per thread, allocation-free per point. */
    interface Points {
        /** Writes the {@link #dimension()} coordinates of point {@code (base, block)} into {@code u}. */
        void point(int base, int block, double[] u);
    }
}
