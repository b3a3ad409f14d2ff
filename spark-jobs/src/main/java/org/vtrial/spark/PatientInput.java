package org.vtrial.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The patient columns the summaries read (names fixed by MODELS.md §5 and the simulation job), their
 * validation, and the projection every summary pass works on: {@link #COLUMNS} in this order, cast
 * to the canonical types.
 */
final class PatientInput {

    static final String STATUS = "status";
    static final String BEST_RESPONSE = "best_response";
    static final String TIME_TO_RESPONSE = "time_to_response";
    static final String RELAPSE_DAY = "relapse_day";
    static final String RELAPSE_EVENT = "relapse_event";
    static final String RELAPSE_ANTIGEN = "relapse_antigen";
    static final String CRS_GRADE = "crs_grade";

    /** CAR-T kinetics endpoints summarised by quantiles and histograms. */
    static final List<String> KINETICS = List.of("cmax", "cmax_blood", "tmax", "auc_0_28", "expansion_fold",
            "persistence_days");
    /** Their units (MODELS.md §5), used when the patient table carries no unit metadata. */
    private static final List<String> KINETICS_UNITS = List.of("cells", "cells/uL", "day", "cells*day", "-", "day");

    /** Columns of the projection, in order; the accumulator reads rows by these positions. */
    static final List<String> COLUMNS;
    static final int REPLICATE = 0;
    static final int PATIENT_INDEX = 1;
    static final int STATUS_AT = 2;
    static final int BEST_RESPONSE_AT = 3;
    static final int TIME_TO_RESPONSE_AT = 4;
    static final int RELAPSE_DAY_AT = 5;
    static final int RELAPSE_EVENT_AT = 6;
    static final int RELAPSE_ANTIGEN_AT = 7;
    static final int CRS_GRADE_AT = 8;
    static final int KINETICS_AT = 9;

    private static final List<DataType> TYPES;

    static {
        final List<String> c = new ArrayList<>(List.of(RowSchema.REPLICATE, RowSchema.PATIENT_INDEX, STATUS,
                BEST_RESPONSE, TIME_TO_RESPONSE, RELAPSE_DAY, RELAPSE_EVENT, RELAPSE_ANTIGEN, CRS_GRADE));
        c.addAll(KINETICS);
        COLUMNS = List.copyOf(c);
        final List<DataType> t = new ArrayList<>(List.of(DataTypes.IntegerType, DataTypes.LongType,
                DataTypes.StringType, DataTypes.StringType, DataTypes.DoubleType, DataTypes.DoubleType,
                DataTypes.BooleanType, DataTypes.StringType, DataTypes.LongType));
        for (int i = 0; i < KINETICS.size(); i++) {
            t.add(DataTypes.DoubleType);
        }
        TYPES = List.copyOf(t);
    }

    /** Response labels of {@code best_response}. */
    static final List<String> RESPONSES = List.of("CR", "PR", "SD", "PD");
    /** Antigen labels of {@code relapse_antigen}; their cause codes are 1 and 2 in that order. */
    static final List<String> ANTIGENS = List.of("negative", "positive");
    /** Status labels, in {@link SolveStatus} order. */
    static final List<String> STATUSES = SolveStatus.LABELS;

    private PatientInput() {
    }

    /**
     * Reads {@code patients/} of a run with an explicit schema (arm as a string whatever its
     * directory names look like), after checking that every needed column is present with a
     * compatible type.
     *
     * @throws BadInputException naming each missing or mistyped column
     */
    static Dataset<Row> read(SparkSession spark, String patientsPath) throws BadInputException {
        final StructType found;
        try {
            found = spark.read().parquet(patientsPath).schema();
        } catch (Exception e) {
            // Spark's AnalysisException is checked but undeclared: e.g. a directory without Parquet files
            if (e instanceof AnalysisException) {
                throw new BadInputException(patientsPath + ": no readable Parquet patient table ("
                        + ((AnalysisException) e).getSimpleMessage() + ")");
            }
            throw e;
        }
        final List<String> problems = new ArrayList<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            check(found, COLUMNS.get(i), TYPES.get(i), patientsPath, problems);
        }
        check(found, RowSchema.ARM, DataTypes.StringType, patientsPath, problems);
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        final List<StructField> fields = new ArrayList<>();
        for (StructField f : found.fields()) {
            fields.add(f.name().equals(RowSchema.ARM) ? DataTypes.createStructField(RowSchema.ARM,
                    DataTypes.StringType, false) : f);
        }
        return spark.read().schema(DataTypes.createStructType(fields)).parquet(patientsPath);
    }

    private static void check(StructType schema, String name, DataType expected, String path, List<String> problems) {
        final int at = List.of(schema.fieldNames()).indexOf(name);
        if (at < 0) {
            problems.add(path + ": column '" + name + "' (" + expected.simpleString() + ") is missing");
            return;
        }
        final DataType t = schema.fields()[at].dataType();
        final boolean ok = name.equals(RowSchema.ARM)
                || (expected instanceof StringType ? t instanceof StringType
                : expected instanceof BooleanType ? t instanceof BooleanType
                : t instanceof NumericType);
        if (!ok) {
            problems.add(path + ": column '" + name + "' has type " + t.simpleString() + ", expected "
                    + expected.simpleString());
        }
    }

    /**
     * @return the unit of each kinetics endpoint: the patient table's column metadata ({@code unit},
     *         written from the engine's declarations), else the MODELS.md §5 unit
     */
    static List<String> kineticsUnits(StructType schema) {
        final List<String> units = new ArrayList<>();
        for (int k = 0; k < KINETICS.size(); k++) {
            final StructField f = schema.apply(KINETICS.get(k));
            units.add(f.metadata().contains("unit") ? f.metadata().getString("unit") : KINETICS_UNITS.get(k));
        }
        return units;
    }

    /** @return the projection {@link #COLUMNS}, cast to the canonical types */
    static Dataset<Row> project(Dataset<Row> patients) {
        final Column[] cols = new Column[COLUMNS.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = functions.col(COLUMNS.get(i)).cast(TYPES.get(i)).as(COLUMNS.get(i));
        }
        return patients.select(cols);
    }

    /** @return true for a patient solved without failure */
    static Column ok() {
        return functions.col(STATUS).equalTo(SolveStatus.OK.name());
    }

    /** Responder (CR or PR) on an intention-to-treat basis: a failed patient is a non-responder. */
    static Column responder() {
        return functions.coalesce(ok().and(functions.col(BEST_RESPONSE).isin("CR", "PR")), functions.lit(false));
    }
}
