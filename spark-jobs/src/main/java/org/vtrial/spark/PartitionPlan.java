package org.vtrial.spark;

/**
 * How many partitions a job of independent items gets: about {@code seconds} of one core's work each,
 * so that the fixed cost of a partition (~70 ms of a core: the task, the kernel, the Parquet writers,
 * the commit; docs/PERFORMANCE.md) stays small; and, once the work is worth splitting (at least
 * {@link #MIN_SPLIT_SECONDS} per partition), at least one partition per core, so that no core idles.
 */
final class PartitionPlan {

    /** Smallest work per partition worth a partition of its own when spreading over the cores, s. */
    static final double MIN_SPLIT_SECONDS = 0.25;

    /** Largest partition count (the driver's bookkeeping grows with it). */
    static final int MAX_PARTITIONS = 100_000;

    private PartitionPlan() {
    }

    /**
     * @param workSeconds estimated work of the whole job, seconds of one core
     * @param items       number of items (no more partitions than items)
     * @param seconds     target work per partition, seconds (&gt; 0)
     * @param parallelism cores of the session (default parallelism)
     * @return the number of partitions, in {@code [1, min(items, MAX_PARTITIONS)]}
     */
    static int count(double workSeconds, long items, double seconds, int parallelism) {
        long n = (long) Math.ceil(workSeconds / Math.max(1e-3, seconds));
        final long spread = Math.min(parallelism, (long) Math.floor(workSeconds / MIN_SPLIT_SECONDS));
        n = Math.max(n, spread);
        n = Math.max(1, Math.min(n, Math.max(1, items)));
        return (int) Math.min(n, MAX_PARTITIONS);
    }
}
