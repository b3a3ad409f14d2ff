package org.vtrial.spark;

/**
 * How many partitions a job of independent items gets: about {@code seconds} of one core's work each,
 * so that the fixed cost of a partition (~70 ms of a core: the task, the kernel, the Parquet writers,
 * the commit; docs/PERFORMANCE.md) stays small; once the work is worth splitting (at least
 * {@link #MIN_SPLIT_SECONDS} per partition), at least one partition per core, so that no core idles;
 * and beyond one wave, a multiple of the cores, so that the last wave is full.
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
        if (n > parallelism && parallelism > 1) {
            // whole waves: equal partitions in a count that the cores divide leave no core idle while the
            // last partition runs (5 partitions of ~4.8 s on 2 cores idled one core for a whole
            // partition: 26% of a 10^5-patient run's wall time, 2026-11-27)
            n = (n + parallelism - 1) / parallelism * parallelism;
        }
        n = Math.max(1, Math.min(n, Math.max(1, items)));
        return (int) Math.min(n, MAX_PARTITIONS);
    }
}
