package org.vtrial.engine.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of positive values in logarithmic bins: with {@code B} bins per decade, bin {@code k} holds
 * {@code [10^(k/B), 10^((k+1)/B))}. Values {@code <= 0} have no logarithm and are counted apart.
 * Bin edges are computed with {@link StrictMath#pow} and every value is placed against those same
 * edges, so assignments are reproducible on any machine and consistent with the reported edges.
 */
public final class Log10Histogram implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One non-empty bin. */
    public record Bin(int index, double lo, double hi, long count) {
    }

    private final int binsPerDecade;
    private long[] counts = new long[0];
    private int offset;
    private long nonPositive;
    private long total;

    private Log10Histogram(int binsPerDecade) {
        if (binsPerDecade < 1 || binsPerDecade > 1000) {
            throw new IllegalArgumentException("bins per decade must be in [1, 1000], got " + binsPerDecade);
        }
        this.binsPerDecade = binsPerDecade;
    }

    /** @return an empty histogram with the given number of bins per decade */
    public static Log10Histogram create(int binsPerDecade) {
        return new Log10Histogram(binsPerDecade);
    }

    public int binsPerDecade() {
        return binsPerDecade;
    }

    /** @return the lower edge of bin {@code k}, {@code 10^(k/B)} */
    public double lower(int k) {
        return StrictMath.pow(10, (double) k / binsPerDecade);
    }

    /** @return the bin of a positive finite value */
    public int index(double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("log10 bin of a non-positive or non-finite value: " + x);
        }
        int k = (int) Math.floor(StrictMath.log10(x) * binsPerDecade);
        // The product may round across an edge: settle against the edges themselves.
        while (x < lower(k)) {
            k--;
        }
        while (x >= lower(k + 1)) {
            k++;
        }
        return k;
    }

    /**
     * Adds a value.
     *
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public void accept(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("histogram value must be finite, got " + x);
        }
        total++;
        if (x <= 0) {
            nonPositive++;
            return;
        }
        add(index(x), 1);
    }

    private void add(int k, long n) {
        if (counts.length == 0) {
            counts = new long[8];
            offset = k - 4;
        } else if (k < offset || k >= offset + counts.length) {
            final int lo = Math.min(offset, k);
            final int hi = Math.max(offset + counts.length, k + 1);
            final int slack = Math.max(4, (hi - lo) / 2);
            final long[] grown = new long[hi - lo + 2 * slack];
            System.arraycopy(counts, 0, grown, offset - lo + slack, counts.length);
            counts = grown;
            offset = lo - slack;
        }
        counts[k - offset] += n;
    }

    /** Adds the other histogram's counts; returns this. */
    public Log10Histogram combine(Log10Histogram other) {
        if (other.binsPerDecade != binsPerDecade) {
            throw new IllegalArgumentException("cannot combine histograms with " + binsPerDecade + " and "
                    + other.binsPerDecade + " bins per decade");
        }
        for (int i = 0; i < other.counts.length; i++) {
            if (other.counts[i] != 0) {
                add(other.offset + i, other.counts[i]);
            }
        }
        nonPositive += other.nonPositive;
        total += other.total;
        return this;
    }

    /** @return values counted, including non-positive ones */
    public long count() {
        return total;
    }

    /** @return values {@code <= 0} */
    public long nonPositive() {
        return nonPositive;
    }

    /** @return the non-empty bins in ascending order */
    public List<Bin> bins() {
        final List<Bin> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                final int k = offset + i;
                out.add(new Bin(k, lower(k), lower(k + 1), counts[i]));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Log10Histogram[" + binsPerDecade + "/decade, " + total + " values, bins " + Arrays.toString(
                bins().stream().mapToLong(Bin::count).toArray()) + ", non-positive " + nonPositive + "]";
    }
}
