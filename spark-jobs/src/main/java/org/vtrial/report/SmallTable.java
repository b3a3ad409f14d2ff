package org.vtrial.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.vtrial.engine.io.BadInputException;

/**
 * A small Parquet table (a summary or sensitivity table: at most some thousand rows) read on the
 * driver with Parquet's own reader: every {@code *.parquet} file of the table's directory, flat
 * columns of strings, integers, doubles and booleans. Values are boxed ({@link String},
 * {@link Integer}, {@link Long}, {@link Double}, {@link Float}, {@link Boolean}) or null.
 *
 * @param name    where the table was read from (for messages)
 * @param columns column names, in file order
 * @param rows    the rows, values in column order
 */
record SmallTable(String name, List<String> columns, List<Object[]> rows) {

    SmallTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Reads the table in {@code dir}.
     *
     * @param required columns that must be present
     * @throws BadInputException when the directory or a required column is missing, or a file's
     *                           columns differ from the first file's
     */
    static SmallTable read(Configuration conf, Path dir, List<String> required) throws IOException, BadInputException {
        final FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            throw new BadInputException(dir + ": table missing");
        }
        final List<Path> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            final String n = s.getPath().getName();
            if (s.isFile() && n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_")) {
                files.add(s.getPath());
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException(dir + ": no Parquet file");
        }
        files.sort(null);
        List<String> columns = null;
        final List<Object[]> rows = new ArrayList<>();
        for (Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    final GroupType type = g.getType();
                    final List<String> names = new ArrayList<>();
                    for (Type f : type.getFields()) {
                        names.add(f.getName());
                    }
                    if (columns == null) {
                        columns = names;
                    } else if (!columns.equals(names)) {
                        throw new BadInputException(file + ": columns " + names + " differ from " + columns
                                + " of the table's first file");
                    }
                    final Object[] row = new Object[names.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(g, type.getType(i), i, file);
                    }
                    rows.add(row);
                }
            }
        }
        if (columns == null) {
            // no rows: the columns come from the first file's schema
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(files.get(0), conf))) {
                columns = new ArrayList<>();
                for (Type f : r.getFooter().getFileMetaData().getSchema().getFields()) {
                    columns.add(f.getName());
                }
            }
        }
        final List<String> missing = new ArrayList<>();
        for (String c : required) {
            if (!columns.contains(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(dir + ": column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " missing (found " + String.join(", ", columns) + ")");
        }
        return new SmallTable(dir.toString(), columns, rows);
    }

    private static Object value(Group g, Type t, int i, Path file) throws BadInputException {
        if (g.getFieldRepetitionCount(i) == 0) {
            return null;
        }
        if (!t.isPrimitive()) {
            throw new BadInputException(file + ": column " + t.getName() + " is nested; expected a flat column");
        }
        final PrimitiveType.PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
        switch (p) {
            case BINARY:
                return g.getString(i, 0);
            case INT32:
                return g.getInteger(i, 0);
            case INT64:
                return g.getLong(i, 0);
            case DOUBLE:
                return g.getDouble(i, 0);
            case FLOAT:
                return g.getFloat(i, 0);
            case BOOLEAN:
                return g.getBoolean(i, 0);
            default:
                throw new BadInputException(file + ": column " + t.getName() + " has Parquet type " + p
                        + "; expected a string, integer, floating-point or boolean column");
        }
    }

    /** @return the position of a column (which {@link #read} checked when it was required) */
    int index(String column) {
        final int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return i;
    }

    /** @return whether the table has the column */
    boolean has(String column) {
        return columns.contains(column);
    }

    /** @return the value as a double; NaN for null */
    double number(Object[] row, String column) throws BadInputException {
        final Object v = row[index(column)];
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new BadInputException(name + ": column " + column + " holds '" + v + "', expected a number");
    }

    /** @return the value as a string; null for null */
    String text(Object[] row, String column) {
        final Object v = row[index(column)];
        return v == null ? null : v.toString();
    }

    /** @return the rows whose {@code column} equals {@code value} */
    List<Object[]> where(String column, String value) {
        final int i = index(column);
        final List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            if (value.equals(r[i] == null ? null : r[i].toString())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + columns + " (" + rows.size() + " rows)";
    }
}
