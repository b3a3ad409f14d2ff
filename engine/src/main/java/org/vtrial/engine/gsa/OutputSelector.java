package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.ColumnType;

/**
 * Maps a model's raw output row to the analysed outputs ({@link OutputSpec}): column picks and
 * label-set indicators, allocation-free.
 */
final class OutputSelector implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] column;
    /** member[o][code]: label code counted as 1 for output o; null for a numeric output. */
    private final boolean[][] member;
    /** log10[o]: output o is the decimal logarithm of its column */
    private final boolean[] log10;
    /** the analysed outputs' name, unit and meaning (ColumnSpec is not serializable) */
    private final String[][] declared;

    /**
     * @throws IllegalArgumentException naming an unknown column or label, labels on a numeric column or
     *                                  a transform of a labelled one
     */
    OutputSelector(List<ColumnSpec> available, List<OutputSpec> specs) {
        column = new int[specs.size()];
        member = new boolean[specs.size()][];
        log10 = new boolean[specs.size()];
        declared = new String[specs.size()][];
        for (int o = 0; o < specs.size(); o++) {
            final OutputSpec s = specs.get(o);
            int c = -1;
            for (int i = 0; i < available.size(); i++) {
                if (available.get(i).name().equals(s.column())) {
                    c = i;
                }
            }
            if (c < 0) {
                throw new IllegalArgumentException("unknown output column '" + s.column() + "'; known: "
                        + String.join(", ", names(available)));
            }
            final ColumnSpec spec = available.get(c);
            column[o] = c;
            if (spec.type() == ColumnType.CATEGORY) {
                if (!OutputSpec.NONE.equals(s.transform())) {
                    throw new IllegalArgumentException("column '" + s.column() + "' is labelled: transform "
                            + s.transform() + " applies only to numeric columns");
                }
                if (s.in().isEmpty()) {
                    throw new IllegalArgumentException("column '" + s.column() + "' is labelled " + spec.labels()
                            + ": give \"in\": [labels] to analyse the indicator of a set of labels");
                }
                member[o] = new boolean[spec.labels().size()];
                for (String label : s.in()) {
                    final int code = spec.labels().indexOf(label);
                    if (code < 0) {
                        throw new IllegalArgumentException("column '" + s.column() + "' has no label '" + label
                                + "'; labels: " + spec.labels());
                    }
                    member[o][code] = true;
                }
                declared[o] = new String[] {s.name(), "-", "1 if " + s.column() + " in " + s.in() + ", else 0"};
            } else {
                if (!s.in().isEmpty()) {
                    throw new IllegalArgumentException("column '" + s.column() + "' is not labelled: \"in\" applies "
                            + "only to labelled columns");
                }
                log10[o] = OutputSpec.LOG10.equals(s.transform());
                declared[o] = log10[o]
                        ? new String[] {s.name(), "log10(" + spec.unit() + ")", "log10 of " + s.column() + ": " + spec.description()}
                        : new String[] {s.name(), spec.unit(), spec.description()};
            }
        }
    }

    private static List<String> names(List<ColumnSpec> columns) {
        final List<String> n = new ArrayList<>();
        for (ColumnSpec c : columns) {
            n.add(c.name());
        }
        return n;
    }

    /** @return the analysed outputs, all real-valued */
    List<ColumnSpec> outputs() {
        final List<ColumnSpec> out = new ArrayList<>(declared.length);
        for (String[] d : declared) {
            out.add(ColumnSpec.real(d[0], d[1], d[2]));
        }
        return List.copyOf(out);
    }

    /** Writes the analysed outputs of raw row {@code raw} into {@code y}. */
    void select(double[] raw, double[] y) {
        for (int o = 0; o < column.length; o++) {
            final double v = raw[column[o]];
            if (member[o] == null) {
                // log10 of a non-positive value is undefined (NaN): its base is dropped for this output
                y[o] = log10[o] ? (v > 0 ? StrictMath.log10(v) : Double.NaN) : v;
            } else {
                y[o] = !Double.isNaN(v) && member[o][(int) v] ? 1 : 0;
            }
        }
    }
}
