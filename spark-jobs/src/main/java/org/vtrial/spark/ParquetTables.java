package org.vtrial.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a small driver-side table as one zstd Parquet file with Parquet's own writer: the summary
 * tables are computed on the driver, and a Spark write job per table would cost far more than the
 * writing. The file carries the Spark schema (with each column's unit and meaning) in the footer key
 * Spark reads, so Spark, DuckDB and any Parquet reader see the declared names and types.
 */
final class ParquetTables {

    /** Footer key under which Spark stores and looks up the schema of its Parquet files. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

    private ParquetTables() {
    }

    /**
     * Writes {@code rows} to {@code dir/part-00000.zstd.parquet} (an empty table still gets its file,
     * so its schema is known).
     */
    static void write(Configuration conf, String dir, StructType schema, List<Row> rows) throws IOException {
        writeFile(conf, new Path(dir, "part-00000.zstd.parquet"), schema, rows);
    }

    /** Writes {@code rows} to one Parquet file, which must not exist. */
    static void writeFile(Configuration conf, Path file, StructType schema, List<Row> rows) throws IOException {
        final OutputFile out = HadoopOutputFile.fromPath(file, conf);
        try (ParquetWriter<Row> w = new Builder(out, schema).withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.CREATE).build()) {
            for (Row r : rows) {
                w.write(r);
            }
        }
    }

    static MessageType messageType(StructType schema) {
        final Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            final DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f.name());
            } else if (t.equals(DataTypes.IntegerType)) {
                b.optional(PrimitiveTypeName.INT32).named(f.name());
            } else if (t.equals(DataTypes.LongType)) {
                b.optional(PrimitiveTypeName.INT64).named(f.name());
            } else if (t.equals(DataTypes.DoubleType)) {
                b.optional(PrimitiveTypeName.DOUBLE).named(f.name());
            } else if (t.equals(DataTypes.BooleanType)) {
                b.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
            } else {
                throw new IllegalArgumentException("column " + f.name() + ": unsupported type " + t);
            }
        }
        return b.named("spark_schema");
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final StructType schema;

        Builder(OutputFile file, StructType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        // Still the abstract method in Parquet 1.17 (the ParquetConfiguration variant delegates to it).
        @SuppressWarnings("deprecation")
        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** Writes Spark rows of a flat schema of strings, ints, longs, doubles and booleans. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private final DataType[] types;
        private RecordConsumer consumer;

        RowWriteSupport(StructType schema) {
            this.schema = schema;
            this.types = new DataType[schema.fields().length];
            for (int i = 0; i < types.length; i++) {
                types[i] = schema.fields()[i].dataType();
            }
        }

        // Still the abstract method in Parquet 1.17 (the ParquetConfiguration variant delegates to it).
        @SuppressWarnings("deprecation")
        @Override
        public WriteContext init(Configuration configuration) {
            final Map<String, String> extra = new HashMap<>();
            extra.put(SPARK_SCHEMA_KEY, schema.json());
            return new WriteContext(messageType(schema), extra);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            consumer.startMessage();
            for (int i = 0; i < types.length; i++) {
                if (row.isNullAt(i)) {
                    continue;
                }
                final String name = schema.fields()[i].name();
                consumer.startField(name, i);
                final DataType t = types[i];
                if (t.equals(DataTypes.StringType)) {
                    consumer.addBinary(Binary.fromConstantByteArray(row.getString(i).getBytes(StandardCharsets.UTF_8)));
                } else if (t.equals(DataTypes.IntegerType)) {
                    consumer.addInteger(row.getInt(i));
                } else if (t.equals(DataTypes.LongType)) {
                    consumer.addLong(row.getLong(i));
                } else if (t.equals(DataTypes.DoubleType)) {
                    consumer.addDouble(row.getDouble(i));
                } else {
                    consumer.addBoolean(row.getBoolean(i));
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }
}
