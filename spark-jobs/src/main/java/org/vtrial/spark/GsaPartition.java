package org.vtrial.spark;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.vtrial.engine.gsa.Design;
import org.vtrial.engine.gsa.GsaPlan;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Streams one partition's design row numbers through one kernel (built once per partition): each
 * row's key {@code (base_index, block)}, parameter values and outputs are computed from the row
 * number alone, so a row is the same in whatever partition, order or retry it is computed.
 */
final class GsaPartition implements MapPartitionsFunction<Long, Row> {

    private static final long serialVersionUID = 1L;

    private final GsaPlan plan;
    private final LongAccumulator evaluatorNanos;

    GsaPartition(GsaPlan plan, LongAccumulator evaluatorNanos) {
        this.plan = plan;
        this.evaluatorNanos = evaluatorNanos;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> rows) {
        final GsaPlan.Kernel kernel = plan.newKernel();
        final Design design = plan.design();
        final List<String> parameters = plan.parameters();
        final int k = parameters.size();
        final int outputs = plan.outputs().size();
        final String[] labels = new String[design.blocks()];
        for (int b = 0; b < labels.length; b++) {
            labels[b] = design.blockLabel(b);
        }
        return new Iterator<>() {
            private boolean reported;

            @Override
            public boolean hasNext() {
                final boolean more = rows.hasNext();
                if (!more && !reported) {
                    reported = true;
                    evaluatorNanos.add(kernel.nanos());
                }
                return more;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final long row = rows.next();
                final int base = design.baseOf(row);
                final int block = design.blockOf(row);
                final SolveStatus status = kernel.compute(base, block);
                final int moved = design.blockParameter(base, block);
                final Object[] o = new Object[GsaJob.KEY_COLUMNS + k + outputs + 1];
                o[0] = row;
                o[1] = base;
                o[2] = labels[block];
                o[3] = moved < 0 ? null : parameters.get(moved);
                final double[] x = kernel.parameters();
                for (int j = 0; j < k; j++) {
                    o[GsaJob.KEY_COLUMNS + j] = x[j];
                }
                final double[] y = kernel.outputs();
                for (int i = 0; i < outputs; i++) {
                    o[GsaJob.KEY_COLUMNS + k + i] = Double.isNaN(y[i]) ? null : y[i];
                }
                o[o.length - 1] = status.name();
                return RowFactory.create(o);
            }
        };
    }
}
