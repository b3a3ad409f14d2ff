package org.vtrial.spark;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;

/**
 * Streams one partition's patient keys through one kernel: the kernel (integrator, observers,
 * buffers) is built once per partition and reused for every patient; rows are produced lazily, so
 * memory is bounded by the partition's writer, not by the cohort.
 *
 * <p>A global key {@code k} in {@code [0, replicates * arms * patients)} maps to
 * {@code replicate = k / (arms * patients)} and, with {@code j = k % (arms * patients)}, in one of two
 * layouts chosen for the whole job ({@link #interleaves}):
 * <ul>
 * <li>arms interleaved, {@code arm = j % arms}, {@code index = j / arms}: every partition (a range of
 * keys) holds the arms' patients in equal numbers. For jobs of one or two waves of tasks, where the
 * last task sets the end: arms may cost differently (another dose, no conditioning, another product),
 * and with one arm per partition a small job's slower task ran 2-19% longer than the other (the
 * quickstart's two arms, 2026-11-27) while a core idled.
 * <li>arm-major, {@code arm = j / patients}, {@code index = j % patients}: a partition holds one arm,
 * or two where it straddles a boundary, and so writes one Parquet file, not one per arm (a trial of
 * eight arms in 400 partitions: ~400 files, not 3,200 small ones). For longer jobs, where the
 * scheduler evens out unequal tasks wave after wave.
 * </ul>
 * The key only orders the work: a patient's numbers depend on (seed, replicate, arm, index) alone.
 */
final class PatientPartition implements MapPartitionsFunction<Long, Row> {

    private static final long serialVersionUID = 1L;

    private final PatientKernelFactory factory;
    private final LongAccumulator solverNanos;
    private final RowTally tally;
    private final int failFirstAttemptOfPartition;
    private final boolean interleaveArms;

    /**
     * @param factory                     kernel recipe
     * @param solverNanos                 accumulates time spent in the solver
     * @param tally                       counts the rows handed to the writer, by arm and status
     * @param failFirstAttemptOfPartition fault injection for tests: the first attempt of this
     *                                    partition fails half-way (-1: never)
     * @param interleaveArms              the key layout (class documentation; {@link #interleaves})
     */
    PatientPartition(PatientKernelFactory factory, LongAccumulator solverNanos, RowTally tally,
                     int failFirstAttemptOfPartition, boolean interleaveArms) {
        this.factory = factory;
        this.solverNanos = solverNanos;
        this.tally = tally;
        this.failFirstAttemptOfPartition = failFirstAttemptOfPartition;
        this.interleaveArms = interleaveArms;
    }

    /**
     * @return whether a job of {@code partitions} tasks on {@code parallelism} cores interleaves the
     *         arms: when it runs in at most two waves
     */
    static boolean interleaves(int partitions, int parallelism) {
        return partitions <= 2L * Math.max(1, parallelism);
    }

    @Override
    public Iterator<Row> call(Iterator<Long> keys) {
        final PatientKernel kernel = factory.create();
        final List<ColumnSpec> columns = kernel.columns();
        final List<String> arms = kernel.arms();
        final long perArm = kernel.patientsPerArm();
        final long perReplicate = perArm * arms.size();
        final double[] values = new double[columns.size()];
        final int statusColumn = statusColumn(columns);
        final TaskContext task = TaskContext.get();
        final boolean injectFailure = task != null && task.partitionId() == failFirstAttemptOfPartition
                && task.attemptNumber() == 0;
        return new Iterator<>() {
            private long produced;
            private boolean reported;

            @Override
            public boolean hasNext() {
                final boolean more = keys.hasNext();
                if (!more && !reported) {
                    reported = true;
                    solverNanos.add(kernel.solverNanos());
                }
                return more;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final long k = keys.next();
                if (injectFailure && ++produced > 3) {
                    throw new IllegalStateException("injected failure of the first attempt of partition "
                            + failFirstAttemptOfPartition);
                }
                final int replicate = (int) (k / perReplicate);
                final long withinReplicate = k % perReplicate;
                final int arm = (int) (interleaveArms ? withinReplicate % arms.size() : withinReplicate / perArm);
                final long index = interleaveArms ? withinReplicate / arms.size() : withinReplicate % perArm;
                kernel.compute(replicate, arm, index, values);
                tally.count(arm, values[statusColumn]);
                return RowSchema.toRow(arms.get(arm), replicate, index, columns, values);
            }
        };
    }

    /** @return the index of the status column, which every kernel declares */
    static int statusColumn(List<ColumnSpec> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(PatientKernel.STATUS)) {
                return i;
            }
        }
        throw new IllegalStateException("the kernel declares no " + PatientKernel.STATUS + " column");
    }
}
