package org.vtrial.engine.gsa;

import java.util.Arrays;

import org.vtrial.engine.sim.SolveStatus;

/**
 * The evaluated design: for every point, keyed by {@code (base, block)}, its status and its output
 * values. Points may be supplied in any order (from any partition); estimators read them by key, so
 * results do not depend on the order of supply. Each key must be supplied exactly once.
 *
 * <p>Memory: {@code rows * (outputs * 8 + 1)} bytes, held on one machine (the driver); e.g. 2^16
 * base points, 10 parameters and 5 outputs take 31 MB.
 */
public final class DesignOutputs {

    private static final byte MISSING = -1;

    private final Design design;
    private final int outputs;
    private final int rows;
    /** values[o * rows + row] */
    private final double[] values;
    private final byte[] status;
    private long supplied;

    /**
     * @param design  the design
     * @param outputs number of outputs per point
     * @throws IllegalArgumentException when the table would exceed one array ({@code rows * outputs < 2^31})
     */
    public DesignOutputs(Design design, int outputs) {
        if (design.rows() * Math.max(1, outputs) >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("design of " + design.rows() + " points with " + outputs
                    + " outputs is too large to analyse on one machine (points * outputs must stay below 2^31)");
        }
        this.design = design;
        this.outputs = outputs;
        this.rows = (int) design.rows();
        this.values = new double[rows * outputs];
        this.status = new byte[rows];
        Arrays.fill(status, MISSING);
    }

    /** @return the design */
    public Design design() {
        return design;
    }

    /** @return outputs per point */
    public int outputs() {
        return outputs;
    }

    /**
     * Records point {@code (base, block)}.
     *
     * @param y its outputs ({@link #outputs()} values; NaN where undefined)
     * @throws IllegalArgumentException for a key outside the design or supplied twice
     */
    public void put(int base, int block, SolveStatus s, double[] y) {
        if (base < 0 || base >= design.bases() || block < 0 || block >= design.blocks()) {
            throw new IllegalArgumentException("point (" + base + ", " + block + ") is not in the design");
        }
        final int row = (int) design.row(base, block);
        if (status[row] != MISSING) {
            throw new IllegalArgumentException("point (base " + base + ", block " + design.blockLabel(block)
                    + ") supplied twice");
        }
        status[row] = (byte) s.ordinal();
        for (int o = 0; o < outputs; o++) {
            values[o * rows + row] = y[o];
        }
        supplied++;
    }

    /** @return number of points supplied so far */
    public long supplied() {
        return supplied;
    }

    /** @return true when every point of the design was supplied */
    public boolean complete() {
        return supplied == rows;
    }

    /** @return the status of a point, or null when it was not supplied */
    public SolveStatus status(int base, int block) {
        final byte s = status[(int) design.row(base, block)];
        return s == MISSING ? null : SolveStatus.values()[s];
    }

    /** @return output {@code o} of a point */
    public double value(int o, int base, int block) {
        return values[o * rows + (int) design.row(base, block)];
    }

    /**
     * A base (a Saltelli base point with all its blocks, a Morris trajectory) is usable for output
     * {@code o} when every one of its points was solved ({@code OK}) and has a finite value of that
     * output: an estimator needs all blocks of a base, so one failed point drops its whole base.
     *
     * @return the usable bases for output {@code o}, ascending
     */
    public int[] usableBases(int o) {
        final int blocks = design.blocks();
        final int[] out = new int[design.bases()];
        int n = 0;
        for (int base = 0; base < design.bases(); base++) {
            boolean ok = true;
            for (int block = 0; ok && block < blocks; block++) {
                final int row = base * blocks + block;
                ok = status[row] == SolveStatus.OK.ordinal() && Double.isFinite(values[o * rows + row]);
            }
            if (ok) {
                out[n++] = base;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** @return number of points per status, indexed by {@link SolveStatus#ordinal()} */
    public long[] statusCounts() {
        final long[] counts = new long[SolveStatus.values().length];
        for (byte s : status) {
            if (s != MISSING) {
                counts[s]++;
            }
        }
        return counts;
    }
}
