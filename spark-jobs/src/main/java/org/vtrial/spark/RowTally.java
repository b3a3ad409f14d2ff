package org.vtrial.spark;

import java.util.Arrays;

import org.apache.spark.util.AccumulatorV2;

/**
 * Rows produced per (arm, status), counted by the tasks as they hand rows to the writer: the
 * status breakdown of a run without reading its Parquet back. Cell {@code arm * statuses + status};
 * the last cell of each arm counts rows whose status is missing (never expected).
 *
 * <p>Spark merges the counts of a result task once, from the attempt that succeeded (a failed or
 * speculative duplicate attempt is not merged: {@code countFailedValues} is false), so under retries
 * the tally still describes exactly the rows the committed files hold; {@link SimulateJob} checks
 * that against the files' own row counts.
 */
final class RowTally extends AccumulatorV2<long[], long[]> {

    private static final long serialVersionUID = 1L;

    private final int statuses;
    private final long[] counts;

    /**
     * @param arms     number of arms
     * @param statuses number of status categories (one more cell per arm counts a missing status)
     */
    RowTally(int arms, int statuses) {
        this.statuses = statuses;
        this.counts = new long[arms * (statuses + 1)];
    }

    /** Counts one row of {@code arm} with status ordinal {@code status} (NaN: missing). */
    void count(int arm, double status) {
        final int s = Double.isNaN(status) ? statuses : (int) status;
        counts[arm * (statuses + 1) + s]++;
    }

    /** @return rows of {@code arm} with status ordinal {@code status} ({@code statuses}: missing) */
    long rows(int arm, int status) {
        return counts[arm * (statuses + 1) + status];
    }

    /** @return all rows of {@code arm} */
    long rows(int arm) {
        long sum = 0;
        for (int s = 0; s <= statuses; s++) {
            sum += rows(arm, s);
        }
        return sum;
    }

    @Override
    public boolean isZero() {
        for (long c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public AccumulatorV2<long[], long[]> copy() {
        final RowTally c = new RowTally(counts.length / (statuses + 1), statuses);
        System.arraycopy(counts, 0, c.counts, 0, counts.length);
        return c;
    }

    @Override
    public void reset() {
        Arrays.fill(counts, 0);
    }

    @Override
    public void add(long[] v) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += v[i];
        }
    }

    @Override
    public void merge(AccumulatorV2<long[], long[]> other) {
        add(((RowTally) other).counts);
    }

    @Override
    public long[] value() {
        return counts.clone();
    }
}
