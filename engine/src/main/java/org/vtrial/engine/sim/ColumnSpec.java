package org.vtrial.engine.sim;

import java.util.List;

/**
 * A declared output column: the Parquet schema, the CSV/JSON output and docs/OUTPUTS.md follow
 * from these declarations, never from code in the writers.
 *
 * @param name        column name (MODELS.md §5 names for endpoints)
 * @param type        storage type
 * @param unit        unit, or "-"
 * @param description meaning
 * @param labels      labels of a {@link ColumnType#CATEGORY} column, empty otherwise
 */
public record ColumnSpec(String name, ColumnType type, String unit, String description, List<String> labels) {

    /** Validates the declaration. */
    public ColumnSpec {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad column name: " + name);
        }
        labels = List.copyOf(labels);
        if ((type == ColumnType.CATEGORY) == labels.isEmpty()) {
            throw new IllegalArgumentException(name + ": labels are required for, and only for, CATEGORY columns");
        }
    }

    /** A real-valued column. */
    public static ColumnSpec real(String name, String unit, String description) {
        return new ColumnSpec(name, ColumnType.DOUBLE, unit, description, List.of());
    }

    /** A whole-number column. */
    public static ColumnSpec integer(String name, String unit, String description) {
        return new ColumnSpec(name, ColumnType.INT, unit, description, List.of());
    }

    /** A 0/1 flag column. */
    public static ColumnSpec flag(String name, String description) {
        return new ColumnSpec(name, ColumnType.BOOLEAN, "-", description, List.of());
    }

    /** A labelled column. */
    public static ColumnSpec category(String name, String description, List<String> labels) {
        return new ColumnSpec(name, ColumnType.CATEGORY, "-", description, labels);
    }

    /** @return the label for a code of a CATEGORY column, or null for NaN */
    public String label(double code) {
        return Double.isNaN(code) ? null : labels.get((int) code);
    }
}
