package org.vtrial.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The summary tables under {@code RUN/summary/}: stable names and columns, each with its type, unit
 * and meaning. The Parquet schemas (with unit and meaning as column metadata) follow from these
 * declarations, and a test checks that docs/OUTPUTS.md documents every column.
 */
public final class SummaryTables {

    /** One column. */
    public record Col(String name, DataType type, String unit, String meaning) {
    }

    /** One table. */
    public record Table(String name, String meaning, List<Col> columns) {

        /** @return the Spark schema; every column nullable (NaN is stored as null) */
        public StructType schema() {
            final List<StructField> fields = new ArrayList<>();
            for (Col c : columns) {
                fields.add(DataTypes.createStructField(c.name(), c.type(), true, new MetadataBuilder()
                        .putString("unit", c.unit()).putString("comment", c.meaning()).build()));
            }
            return DataTypes.createStructType(fields);
        }

        /** @return the position of a column */
        public int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("table " + name + " has no column " + column);
        }
    }

    private static Col str(String name, String meaning) {
        return new Col(name, DataTypes.StringType, "-", meaning);
    }

    private static Col i32(String name, String meaning) {
        return new Col(name, DataTypes.IntegerType, "-", meaning);
    }

    private static Col count(String name, String meaning) {
        return new Col(name, DataTypes.LongType, "patients", meaning);
    }

    private static Col real(String name, String unit, String meaning) {
        return new Col(name, DataTypes.DoubleType, unit, meaning);
    }

    private static Col flag(String name, String meaning) {
        return new Col(name, DataTypes.BooleanType, "-", meaning);
    }

    private static final Col ARM = str("arm", "arm name");
    private static final Col REFERENCE = str("reference", "reference arm of the comparison");

    private static List<Col> quantileColumns(String unit) {
        final List<Col> c = new ArrayList<>();
        for (String p : List.of("5", "10", "25", "50", "75", "90", "95")) {
            c.add(real("p" + p, unit, p + "th percentile"));
        }
        return c;
    }

    private static List<Col> concat(List<Col> a, List<Col> b, List<Col> c) {
        final List<Col> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return List.copyOf(all);
    }

    public static final Table STATUS_COUNTS = new Table("status_counts",
            "patients by solver status, per arm and replicate", List.of(ARM,
            i32("replicate", "replicate index"),
            str("status", "OK, MAX_EVALUATIONS, STEP_UNDERFLOW, NON_FINITE or INVALID_PARAMETERS"),
            count("patients", "patients with this status (statuses with none are omitted)")));

    public static final Table RESPONSE = new Table("response",
            "best overall response, intention to treat (failed patients are non-responders)", List.of(ARM,
            count("n", "patients in the arm, all replicates (the denominator)"),
            count("failed", "patients whose status is not OK"),
            count("responders", "OK patients with best response CR or PR"),
            real("orr", "proportion", "objective response rate, responders / n"),
            real("orr_lo", "proportion", "lower Wilson 95% limit of orr"),
            real("orr_hi", "proportion", "upper Wilson 95% limit of orr"),
            count("complete_responses", "OK patients with best response CR"),
            real("cr", "proportion", "complete response rate, complete_responses / n"),
            real("cr_lo", "proportion", "lower Wilson 95% limit of cr"),
            real("cr_hi", "proportion", "upper Wilson 95% limit of cr")));

    public static final Table TIME_TO_RESPONSE = new Table("time_to_response",
            "time from infusion to first response among OK responders", concat(List.of(ARM,
            count("n", "OK responders")), quantileColumns("days"), List.of(
            flag("exact", "true: exact type-7 quantiles; false: Spark approxQuantile (see the rank bound)"))));

    public static final Table CRS = new Table("crs",
            "cytokine release syndrome among OK patients (failed patients excluded: their grade is unknown)",
            List.of(ARM,
            count("n", "OK patients (the denominator)"),
            count("grade0", "patients with CRS grade 0"),
            count("grade1", "patients with CRS grade 1"),
            count("grade2", "patients with CRS grade 2"),
            count("grade3", "patients with CRS grade 3"),
            count("grade4", "patients with CRS grade 4"),
            real("any_grade", "proportion", "rate of CRS of any grade (grade >= 1)"),
            real("any_grade_lo", "proportion", "lower Wilson 95% limit of any_grade"),
            real("any_grade_hi", "proportion", "upper Wilson 95% limit of any_grade"),
            real("grade3plus", "proportion", "rate of CRS of grade >= 3"),
            real("grade3plus_lo", "proportion", "lower Wilson 95% limit of grade3plus"),
            real("grade3plus_hi", "proportion", "upper Wilson 95% limit of grade3plus")));

    public static final Table RELAPSE = new Table("relapse",
            "relapse among OK complete responders (time from infusion; censored at the horizon)", List.of(ARM,
            count("n", "OK patients with best response CR"),
            count("relapses", "relapses (relapse_event true)"),
            count("negative", "antigen-negative relapses"),
            count("positive", "antigen-positive relapses"),
            count("censored", "complete responders without relapse by the end of follow-up"),
            real("follow_up_days", "days", "last relapse or censoring time"),
            real("median_rfs", "days", "Kaplan-Meier median relapse-free time; null if not reached"),
            real("median_rfs_lo", "days", "lower Brookmeyer-Crowley 95% limit (log-log); null if not reached"),
            real("median_rfs_hi", "days", "upper Brookmeyer-Crowley 95% limit (log-log); null if not reached")));

    public static final Table KM = new Table("km",
            "Kaplan-Meier relapse-free curve among OK complete responders: day 0, then one row per distinct "
            + "relapse or censoring time", List.of(ARM,
            real("day", "days", "time since infusion"),
            count("at_risk", "complete responders relapse-free and under follow-up just before day"),
            count("events", "relapses at day (counted before censorings at the same day)"),
            count("censored", "censorings at day"),
            real("survival", "probability", "relapse-free probability after day"),
            real("std_err", "probability", "Greenwood standard error of survival; null where survival is 0"),
            real("lo", "probability", "lower 95% limit, log-log band; null where survival is 0"),
            real("hi", "probability", "upper 95% limit, log-log band; null where survival is 0")));

    public static final Table KM_AT_DAYS = new Table("km_at_days",
            "Kaplan-Meier relapse-free probability at fixed days", List.of(ARM,
            real("day", "days", "90, 180, 365 or 730"),
            real("survival", "probability", "relapse-free probability at day; null beyond follow-up"),
            real("lo", "probability", "lower 95% limit, log-log band"),
            real("hi", "probability", "upper 95% limit, log-log band")));

    public static final Table COMPETING_RISK = new Table("competing_risk",
            "Aalen-Johansen cumulative incidence of antigen-negative and antigen-positive relapse "
            + "(competing risks) among OK complete responders, at fixed days", List.of(ARM,
            real("day", "days", "90, 180, 365 or 730"),
            str("antigen", "negative or positive"),
            count("relapses", "relapses of this antigen up to and including day"),
            real("incidence", "probability", "cumulative incidence at day; null beyond follow-up")));

    public static final Table COMPETING_RISK_CURVE = new Table("competing_risk_curve",
            "Aalen-Johansen cumulative incidence curves: per antigen, day 0, one row per day with a relapse "
            + "of that antigen, and the end of follow-up", List.of(ARM,
            real("day", "days", "time since infusion"),
            str("antigen", "negative or positive"),
            real("incidence", "probability", "cumulative incidence after day (a step function)")));

    public static final Table KINETICS = new Table("kinetics",
            "CAR-T kinetics of OK patients (null values excluded)", concat(List.of(ARM,
            str("endpoint", "cmax, cmax_blood, tmax, auc_0_28, expansion_fold or persistence_days"),
            str("unit", "unit of the endpoint and of the quantiles (the patient table's unit metadata)"),
            count("n", "OK patients with a value"),
            count("missing", "OK patients without a value (null)")), quantileColumns("endpoint unit"), List.of(
            flag("exact", "true: exact type-7 quantiles; false: Spark approxQuantile (see the rank bound)"))));

    public static final Table KINETICS_HISTOGRAM = new Table("kinetics_histogram",
            "log10-binned histograms of the kinetics of OK patients, 10 bins per decade; non-empty bins only",
            List.of(ARM,
            str("endpoint", "kinetics endpoint"),
            i32("bin", "k for values in [10^(k/10), 10^((k+1)/10)); null for values <= 0"),
            real("lo", "endpoint unit", "lower bin edge (inclusive); null for values <= 0"),
            real("hi", "endpoint unit", "upper bin edge (exclusive); 0 for values <= 0 (inclusive)"),
            count("patients", "patients in the bin")));

    public static final Table REPLICATES = new Table("replicates",
            "rates per replicate trial (same rules as the pooled tables)", List.of(ARM,
            i32("replicate", "replicate index"),
            count("n", "patients"),
            count("failed", "patients whose status is not OK"),
            real("orr", "proportion", "objective response rate, intention to treat"),
            real("cr", "proportion", "complete response rate, intention to treat"),
            count("crs_n", "OK patients"),
            real("crs_any", "proportion", "CRS of any grade among OK patients"),
            real("crs_grade3", "proportion", "CRS of grade >= 3 among OK patients")));

    public static final Table REPLICATE_INTERVALS = new Table("replicate_intervals",
            "between-replicate spread of each rate (parameter uncertainty); rows only with more than one "
            + "replicate", List.of(ARM,
            str("statistic", "orr, cr, crs_any or crs_grade3"),
            i32("replicates", "number of replicates"),
            real("mean", "proportion", "mean of the replicate rates"),
            real("lo", "proportion", "2.5th percentile of the replicate rates (type 7)"),
            real("hi", "proportion", "97.5th percentile of the replicate rates (type 7)")));

    public static final Table COMPARISON = new Table("comparison",
            "rates of each arm against the reference arm (independent groups)", List.of(ARM, REFERENCE,
            str("endpoint", "orr, cr (intention to treat), crs_any or crs_grade3 (OK patients)"),
            real("rate", "proportion", "rate in the arm"),
            real("rate_reference", "proportion", "rate in the reference arm"),
            real("difference", "proportion", "rate - rate_reference"),
            real("difference_lo", "proportion", "lower 95% limit, Newcombe hybrid score"),
            real("difference_hi", "proportion", "upper 95% limit, Newcombe hybrid score"),
            real("ratio", "-", "rate / rate_reference; null when rate_reference is 0"),
            real("ratio_lo", "-", "lower 95% limit, Katz log method; null when a count is 0"),
            real("ratio_hi", "-", "upper 95% limit, Katz log method; null when a count is 0")));

    public static final Table RELAPSE_COMPARISON = new Table("relapse_comparison",
            "log-rank test of relapse-free time among complete responders, arm against reference", List.of(
            ARM, REFERENCE,
            count("observed", "relapses in the arm"),
            real("expected", "patients", "expected relapses in the arm under equal hazards"),
            count("observed_reference", "relapses in the reference arm"),
            real("expected_reference", "patients", "expected relapses in the reference arm"),
            real("variance", "patients^2", "hypergeometric variance of observed - expected"),
            real("chi_square", "-", "log-rank statistic, 1 degree of freedom"),
            real("p_value", "-", "two-sided p-value"),
            real("hazard_ratio", "-", "Peto estimate exp((O - E)/V), arm relative to reference"),
            real("hazard_ratio_lo", "-", "lower 95% limit exp((O - E)/V - 1.96/sqrt(V))"),
            real("hazard_ratio_hi", "-", "upper 95% limit exp((O - E)/V + 1.96/sqrt(V))")));

    public static final Table KINETICS_COMPARISON = new Table("kinetics_comparison",
            "difference in median kinetics, arm against reference", List.of(ARM, REFERENCE,
            str("endpoint", "kinetics endpoint"),
            real("median", "endpoint unit", "median in the arm (p50 of the kinetics table)"),
            real("median_reference", "endpoint unit", "median in the reference arm"),
            real("difference", "endpoint unit", "median - median_reference")));

    public static final Table PAIRED = new Table("paired",
            "paired analysis over common random numbers: the same (replicate, patient_index) in the arm and "
            + "in the reference arm; failed patients are non-responders", List.of(ARM, REFERENCE,
            str("measure", "orr (CR or PR) or cr"),
            count("pairs", "patients present in both arms"),
            count("both", "pairs responding in both arms"),
            count("arm_only", "pairs responding in the arm only"),
            count("reference_only", "pairs responding in the reference arm only"),
            count("neither", "pairs responding in neither arm"),
            real("difference", "proportion", "(arm_only - reference_only) / pairs"),
            real("difference_lo", "proportion", "lower 95% limit, Newcombe paired square-and-add"),
            real("difference_hi", "proportion", "upper 95% limit, Newcombe paired square-and-add"),
            real("p_exact", "-", "McNemar exact conditional two-sided p-value"),
            real("p_mid", "-", "McNemar mid-p value")));

    /** Every table, in documentation order. */
    public static final List<Table> ALL = List.of(STATUS_COUNTS, RESPONSE, TIME_TO_RESPONSE, CRS, RELAPSE, KM,
            KM_AT_DAYS, COMPETING_RISK, COMPETING_RISK_CURVE, KINETICS, KINETICS_HISTOGRAM, REPLICATES,
            REPLICATE_INTERVALS, COMPARISON, RELAPSE_COMPARISON, KINETICS_COMPARISON, PAIRED);

    private SummaryTables() {
    }
}
