package org.vtrial.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vtrial.engine.io.BadInputException;

/**
 * Compares one table of two runs row by row, matched by key: the rows of one run that the other
 * lacks, duplicate keys, and for matched rows every column whose values differ. Values are equal
 * only when {@link Objects#equals} says so — for doubles that is bit identity ({@link Double#equals}),
 * so a last-digit difference counts. Runs on any Spark master; no table is collected.
 */
public final class RunComparison {

    /** Key of the patient table. */
    public static final List<String> PATIENT_KEY = List.of(RowSchema.ARM, RowSchema.REPLICATE, RowSchema.PATIENT_INDEX);

    /** One differing matched row: its key and, per differing column, the two values. */
    public record Example(List<Object> key, Map<String, List<Object>> columns) {
    }

    /**
     * The outcome.
     *
     * @param rowsA          rows of run A
     * @param rowsB          rows of run B
     * @param compared       rows matched by key (present in both)
     * @param onlyInA        keys of A absent from B
     * @param onlyInB        keys of B absent from A
     * @param duplicateKeysA keys that occur more than once in A
     * @param duplicateKeysB keys that occur more than once in B
     * @param differingRows  matched rows with at least one differing column
     * @param byColumn       per compared column, the number of matched rows where it differs
     * @param schemaProblems columns present in one run only, or with different types
     * @param examples       a few differing rows
     */
    public record Result(long rowsA, long rowsB, long compared, long onlyInA, long onlyInB, long duplicateKeysA,
                         long duplicateKeysB, long differingRows, Map<String, Long> byColumn,
                         List<String> schemaProblems, List<Example> examples) {

        /** @return true if the tables hold the same rows, with the same columns */
        public boolean identical() {
            return onlyInA == 0 && onlyInB == 0 && duplicateKeysA == 0 && duplicateKeysB == 0 && differingRows == 0
                    && schemaProblems.isEmpty();
        }
    }

    private RunComparison() {
    }

    /**
     * @param spark    session
     * @param runA     run directory A (any Hadoop filesystem URI or local path)
     * @param runB     run directory B
     * @param table    table name under the run directory, e.g. {@code patients}
     * @param key      key columns, present in both tables
     * @param examples how many differing rows to return as examples
     * @throws BadInputException if a table is missing or lacks a key column
     */
    public static Result compare(SparkSession spark, String runA, String runB, String table, List<String> key,
                                 int examples) throws BadInputException, IOException {
        final Dataset<Row> a = read(spark, runA, table, key);
        final Dataset<Row> b = read(spark, runB, table, key);
        final List<String> problems = new ArrayList<>();
        final StructType sa = a.schema();
        final StructType sb = b.schema();
        final List<String> values = new ArrayList<>();
        for (StructField f : sa.fields()) {
            if (key.contains(f.name())) {
                continue;
            }
            final StructField g = find(sb, f.name());
            if (g == null) {
                problems.add("column " + f.name() + " only in A");
            } else if (!g.dataType().equals(f.dataType())) {
                problems.add("column " + f.name() + ": " + f.dataType().simpleString() + " in A, "
                        + g.dataType().simpleString() + " in B");
            } else {
                values.add(f.name());
            }
        }
        for (StructField g : sb.fields()) {
            if (!key.contains(g.name()) && find(sa, g.name()) == null) {
                problems.add("column " + g.name() + " only in B");
            }
        }
        for (String k : key) {
            if (!find(sa, k).dataType().equals(find(sb, k).dataType())) {
                problems.add("key column " + k + ": " + find(sa, k).dataType().simpleString() + " in A, "
                        + find(sb, k).dataType().simpleString() + " in B");
            }
        }
        final Dataset<Row> left = project(a, key, values, "a");
        final Dataset<Row> right = project(b, key, values, "b");
        Column on = null;
        for (int i = 0; i < key.size(); i++) {
            final Column eq = left.col("a_k" + i).equalTo(right.col("b_k" + i));
            on = on == null ? eq : on.and(eq);
        }
        final Dataset<Row> joined = left.join(right, on, "full_outer");
        // One pass over the join: per partition a vector of counts (status codes and per-column
        // differences), summed on the driver.
        final long[] counts = joined.javaRDD().mapPartitions(new Codes(key.size(), values.size()))
                .fold(new long[Codes.COLUMNS + values.size()], RunComparison::add);
        final Map<String, Long> byColumn = new LinkedHashMap<>();
        for (int j = 0; j < values.size(); j++) {
            byColumn.put(values.get(j), counts[Codes.COLUMNS + j]);
        }
        final List<Example> shown = new ArrayList<>();
        if (examples > 0 && counts[Codes.DIFFERENT] > 0) {
            final int offB = key.size() + values.size() + key.size();
            for (Row r : joined.filter(new Differs(key.size(), values.size())).limit(examples).collectAsList()) {
                final List<Object> k = new ArrayList<>();
                for (int i = 0; i < key.size(); i++) {
                    k.add(r.get(i));
                }
                final Map<String, List<Object>> cols = new LinkedHashMap<>();
                for (int j = 0; j < values.size(); j++) {
                    final Object va = r.get(key.size() + j);
                    final Object vb = r.get(offB + j);
                    if (!Objects.equals(va, vb)) {
                        final List<Object> pair = new ArrayList<>();
                        pair.add(va);
                        pair.add(vb);
                        cols.put(values.get(j), pair);
                    }
                }
                shown.add(new Example(k, cols));
            }
        }
        final long[] keysA = keyCounts(a, key);
        final long[] keysB = keyCounts(b, key);
        return new Result(keysA[0], keysB[0], counts[Codes.SAME] + counts[Codes.DIFFERENT], counts[Codes.ONLY_A],
                counts[Codes.ONLY_B], keysA[1], keysB[1], counts[Codes.DIFFERENT], byColumn, problems, shown);
    }

    private static long[] add(long[] x, long[] y) {
        final long[] s = new long[x.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = x[i] + y[i];
        }
        return s;
    }

    private static Dataset<Row> read(SparkSession spark, String run, String table, List<String> key)
            throws BadInputException, IOException {
        final Path path = new Path(run, table);
        final FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(path)) {
            throw new BadInputException(run + ": no table '" + table + "' (looked for " + path + ")");
        }
        final Dataset<Row> d = spark.read().parquet(path.toString());
        for (String k : key) {
            if (find(d.schema(), k) == null) {
                throw new BadInputException(path + ": no key column '" + k + "' (columns: "
                        + String.join(", ", d.schema().fieldNames()) + ")");
            }
        }
        return d;
    }

    private static StructField find(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Keys then values, renamed {@code P_k0.., P_v0..} so that both sides can be joined. */
    private static Dataset<Row> project(Dataset<Row> d, List<String> key, List<String> values, String prefix) {
        final List<Column> cols = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            cols.add(functions.col(key.get(i)).as(prefix + "_k" + i));
        }
        for (int j = 0; j < values.size(); j++) {
            cols.add(functions.col(values.get(j)).as(prefix + "_v" + j));
        }
        return d.select(cols.toArray(new Column[0]));
    }

    /** @return {rows, keys occurring more than once} of a table, in one aggregation */
    private static long[] keyCounts(Dataset<Row> d, List<String> key) {
        final Column[] k = key.stream().map(functions::col).toArray(Column[]::new);
        final Row r = d.groupBy(k).count().agg(functions.sum("count"),
                functions.sum(functions.when(functions.col("count").gt(1), 1).otherwise(0))).first();
        return new long[] {r.isNullAt(0) ? 0 : r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1)};
    }

    /**
     * Counts per partition: the status of each joined row (only in A, only in B, matched and
     * different, matched and same), then per value column the matched rows where it differs.
     * Layout of a joined row: A's keys, A's values, B's keys, B's values. Key columns are non-null
     * on a present side, so a null first key marks the absent side of a full outer join.
     */
    private static final class Codes implements FlatMapFunction<Iterator<Row>, long[]> {
        private static final long serialVersionUID = 1L;
        static final int ONLY_A = 0;
        static final int ONLY_B = 1;
        static final int DIFFERENT = 2;
        static final int SAME = 3;
        static final int COLUMNS = 4;

        private final int keys;
        private final int values;

        Codes(int keys, int values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public Iterator<long[]> call(Iterator<Row> rows) {
            final long[] c = new long[COLUMNS + values];
            final int offB = keys + values + keys;
            while (rows.hasNext()) {
                final Row r = rows.next();
                if (r.isNullAt(keys + values)) {
                    c[ONLY_A]++;
                } else if (r.isNullAt(0)) {
                    c[ONLY_B]++;
                } else {
                    boolean differs = false;
                    for (int j = 0; j < values; j++) {
                        if (!Objects.equals(r.get(keys + j), r.get(offB + j))) {
                            c[COLUMNS + j]++;
                            differs = true;
                        }
                    }
                    c[differs ? DIFFERENT : SAME]++;
                }
            }
            return List.of(c).iterator();
        }
    }

    /** Matched rows with at least one differing column. */
    private static final class Differs implements FilterFunction<Row> {
        private static final long serialVersionUID = 1L;
        private final int keys;
        private final int values;

        Differs(int keys, int values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public boolean call(Row r) {
            if (r.isNullAt(0) || r.isNullAt(keys + values)) {
                return false;
            }
            final int offB = keys + values + keys;
            for (int j = 0; j < values; j++) {
                if (!Objects.equals(r.get(keys + j), r.get(offB + j))) {
                    return true;
                }
            }
            return false;
        }
    }
}
