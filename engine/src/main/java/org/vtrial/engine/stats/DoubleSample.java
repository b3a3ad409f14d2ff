package org.vtrial.engine.stats;

import java.io.Serializable;

/**
 * All values of a real-valued sample, for exact quantiles. Holds 8 bytes per value; non-finite
 * values are refused (the caller decides what a missing value means).
 */
public final class DoubleSample implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DoubleList values = new DoubleList();
    private boolean sorted = true;

    private DoubleSample() {
    }

    /** @return an empty sample */
    public static DoubleSample create() {
        return new DoubleSample();
    }

    /** @return a sample of the given values */
    public static DoubleSample of(double... values) {
        final DoubleSample s = create();
        for (double v : values) {
            s.accept(v);
        }
        return s;
    }

    /**
     * Adds a value.
     *
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public void accept(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("sample value must be finite, got " + v);
        }
        if (sorted && values.size() > 0 && v < values.get(values.size() - 1)) {
            sorted = false;
        }
        values.add(v);
    }

    /** Appends the other sample's values; returns this. */
    public DoubleSample combine(DoubleSample other) {
        if (other.values.size() > 0) {
            sorted = sorted && other.sorted
                    && (values.size() == 0 || other.values.get(0) >= values.get(values.size() - 1));
            values.addAll(other.values);
        }
        return this;
    }

    public int size() {
        return values.size();
    }

    /** @return the arithmetic mean (plain summation), NaN for an empty sample */
    public double mean() {
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
        }
        return values.size() == 0 ? Double.NaN : sum / values.size();
    }

    /**
     * @param p probabilities in [0, 1]
     * @return type-7 quantiles ({@link Quantiles}); NaN for an empty sample. Sorts the stored values
     *         in place once.
     */
    public double[] quantiles(double... p) {
        if (!sorted) {
            values.sort();
            sorted = true;
        }
        final double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = Quantiles.type7(values.array(), values.size(), p[i]);
        }
        return q;
    }
}
