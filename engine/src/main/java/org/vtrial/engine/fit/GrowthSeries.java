package org.vtrial.engine.fit;

import java.util.Arrays;

/**
 * One tumor growth series: counts {@code N} at strictly increasing times {@code t}.
 *
 * @param name  series name (the {@code series} column), or {@code ""} for a file without one
 * @param t     observation times (days), strictly increasing
 * @param n     counts, positive and finite
 * @param lines file line of each point (1-based), or 0 for data not read from a file
 */
public record GrowthSeries(String name, double[] t, double[] n, int[] lines) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException on mismatched lengths, non-finite or non-positive values, or
     *                                  times not strictly increasing
     */
    public GrowthSeries {
        t = t.clone();
        n = n.clone();
        lines = lines.clone();
        if (t.length != n.length || lines.length != n.length) {
            throw new IllegalArgumentException("series '" + name + "': t, N and lines differ in length");
        }
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i]) || !Double.isFinite(n[i]) || !(n[i] > 0)) {
                throw new IllegalArgumentException("series '" + name + "': point " + i + " (t=" + t[i] + ", N=" + n[i]
                        + ") must have a finite time and a positive finite count");
            }
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("series '" + name + "': times must increase strictly, t=" + t[i]
                        + " follows t=" + t[i - 1]);
            }
        }
    }

    /** A series not read from a file. */
    public static GrowthSeries of(String name, double[] t, double[] n) {
        return new GrowthSeries(name, t, n, new int[t.length]);
    }

    /** @return number of points */
    public int size() {
        return t.length;
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public double[] n() {
        return n.clone();
    }

    @Override
    public int[] lines() {
        return lines.clone();
    }

    /** @return time of point {@code i} */
    public double time(int i) {
        return t[i];
    }

    /** @return count of point {@code i} */
    public double count(int i) {
        return n[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrowthSeries s && name.equals(s.name) && Arrays.equals(t, s.t) && Arrays.equals(n, s.n)
                && Arrays.equals(lines, s.lines);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(t)) + Arrays.hashCode(n);
    }

    @Override
    public String toString() {
        return "GrowthSeries[" + name + ", " + t.length + " points]";
    }
}
