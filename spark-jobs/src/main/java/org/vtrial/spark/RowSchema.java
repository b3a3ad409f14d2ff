package org.vtrial.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vtrial.engine.sim.ColumnSpec;

/**
 * The Parquet schema of patient rows, derived from the engine's column declarations: key columns
 * {@code arm, replicate, patient_index}, then the kernel's value columns. Adding an endpoint or a
 * parameter changes no code here.
 */
public final class RowSchema {

    public static final String ARM = "arm";
    public static final String REPLICATE = "replicate";
    public static final String PATIENT_INDEX = "patient_index";

    private RowSchema() {
    }

    /** @return the Spark type of a declared column */
    public static DataType typeOf(ColumnSpec c) {
        switch (c.type()) {
            case INT: return DataTypes.LongType;
            case BOOLEAN: return DataTypes.BooleanType;
            case CATEGORY: return DataTypes.StringType;
            default: return DataTypes.DoubleType;
        }
    }

    /** @return the patient schema: keys then the columns, each carrying unit and meaning as metadata */
    public static StructType patients(List<ColumnSpec> columns) {
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ARM, DataTypes.StringType, false, doc("-", "arm name")));
        fields.add(DataTypes.createStructField(REPLICATE, DataTypes.IntegerType, false, doc("-", "replicate trial index")));
        fields.add(DataTypes.createStructField(PATIENT_INDEX, DataTypes.LongType, false, doc("-", "patient index within the arm")));
        for (ColumnSpec c : columns) {
            fields.add(DataTypes.createStructField(c.name(), typeOf(c), true, doc(c.unit(), c.description())));
        }
        return DataTypes.createStructType(fields);
    }

    private static Metadata doc(String unit, String description) {
        return new MetadataBuilder().putString("unit", unit).putString("comment", description).build();
    }

    /**
     * Converts one computed row. NaN becomes null (undefined, e.g. the time to response of a
     * non-responder); categories become their labels.
     */
    public static Row toRow(String arm, int replicate, long index, List<ColumnSpec> columns, double[] values) {
        final Object[] o = new Object[3 + columns.size()];
        o[0] = arm;
        o[1] = replicate;
        o[2] = index;
        for (int i = 0; i < columns.size(); i++) {
            o[3 + i] = box(columns.get(i), values[i]);
        }
        return RowFactory.create(o);
    }

    /** @return the boxed value of a declared column, null for NaN */
    public static Object box(ColumnSpec c, double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        switch (c.type()) {
            case INT: return (long) v;
            case BOOLEAN: return v != 0;
            case CATEGORY: return c.label(v);
            default: return v;
        }
    }
}
