package org.vtrial.engine.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A growable array of doubles: amortised allocation-free appends, and serialization of the used
 * part only (partial samples travel from executors to the driver).
 */
final class DoubleList implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient double[] data = new double[16];
    private transient int size;

    void add(double v) {
        if (size == data.length) {
            grow(size + 1);
        }
        data[size++] = v;
    }

    void addAll(DoubleList other) {
        if (size + other.size > data.length) {
            grow(size + other.size);
        }
        System.arraycopy(other.data, 0, data, size, other.size);
        size += other.size;
    }

    private void grow(int needed) {
        if (needed < 0 || needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("sample too large for one array: " + needed + " values");
        }
        data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, 2L * data.length)));
    }

    int size() {
        return size;
    }

    /** @return the backing array, valid in {@code [0, size())} until the next append */
    double[] array() {
        return data;
    }

    double get(int i) {
        return data[i];
    }

    /** Sorts the stored values in place (ascending, {@link Double#compare} order). */
    void sort() {
        Arrays.sort(data, 0, size);
    }

    /** @return a sorted copy of the values */
    double[] sortedCopy() {
        final double[] copy = Arrays.copyOf(data, size);
        Arrays.sort(copy);
        return copy;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(size == data.length ? data : Arrays.copyOf(data, size));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        data = (double[]) in.readObject();
        size = data.length;
        if (data.length == 0) {
            data = new double[16];
        }
    }
}
