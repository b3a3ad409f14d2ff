package org.vtrial.engine.calibration;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.PatientKernel;

/**
 * The simulated patients of one arm: the kernel's rows (one per patient, columns as the kernel
 * declares them) and, when a half-life is asked for, each patient's CAR-T total {@code E + M + X} at
 * given days. Category columns are read through their labels, so the statistics do not depend on
 * label order.
 */
public final class ArmSample {

    /** Endpoint columns the rate statistics read (MODELS.md §5). */
    public static final String BEST_RESPONSE = "best_response";
    public static final String CRS_GRADE = "crs_grade";
    public static final String RELAPSE_EVENT = "relapse_event";
    public static final String RELAPSE_DAY = "relapse_day";
    public static final String RELAPSE_ANTIGEN = "relapse_antigen";

    /** Canonical response codes of {@link #bestResponse}. */
    public static final double CR = 0;
    public static final double PR = 1;
    public static final double OTHER = 2;

    private final List<ColumnSpec> columns;
    private final double[][] rows;
    private final Map<Double, double[]> carTotal;
    private final int status;
    private final int best;
    private final int crs;
    private final int event;
    private final int day;
    private final int antigen;
    private final double okCode;
    private final double crCode;
    private final double prCode;
    private final double negativeCode;

    /**
     * @param columns  the kernel's columns
     * @param rows     one row per patient, in patient-index order (kept, not copied)
     * @param carTotal per day, each patient's {@code E + M + X} at that day (kept, not copied)
     */
    public ArmSample(List<ColumnSpec> columns, double[][] rows, Map<Double, double[]> carTotal) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.carTotal = Collections.unmodifiableMap(new TreeMap<>(carTotal));
        this.status = indexOf(PatientKernel.STATUS);
        this.best = indexOf(BEST_RESPONSE);
        this.crs = indexOf(CRS_GRADE);
        this.event = indexOf(RELAPSE_EVENT);
        this.day = indexOf(RELAPSE_DAY);
        this.antigen = indexOf(RELAPSE_ANTIGEN);
        this.okCode = code(status, "OK");
        this.crCode = code(best, "CR");
        this.prCode = code(best, "PR");
        this.negativeCode = code(antigen, "negative");
    }

    private int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private double code(int column, String label) {
        if (column < 0) {
            return Double.NaN;
        }
        final int c = columns.get(column).labels().indexOf(label);
        return c < 0 ? Double.NaN : c;
    }

    /** @return number of patients */
    public int patients() {
        return rows.length;
    }

    /** @return the column index of an endpoint, or -1 */
    public int columnIndex(String name) {
        return indexOf(name);
    }

    /** @return a patient's value of column {@code c} */
    public double value(int patient, int c) {
        return rows[patient][c];
    }

    /** @return true when the patient was solved (status OK; without a status column every patient is) */
    public boolean ok(int patient) {
        return status < 0 || rows[patient][status] == okCode;
    }

    /** @return {@link #CR}, {@link #PR}, {@link #OTHER}, or NaN when the patient has no response */
    public double bestResponse(int patient) {
        if (best < 0) {
            return Double.NaN;
        }
        final double b = rows[patient][best];
        if (Double.isNaN(b)) {
            return Double.NaN;
        }
        return b == crCode ? CR : b == prCode ? PR : OTHER;
    }

    /** @return the CRS grade, NaN when undefined */
    public double crsGrade(int patient) {
        return crs < 0 ? Double.NaN : rows[patient][crs];
    }

    /** @return true when a complete responder relapsed before the horizon */
    public boolean relapseEvent(int patient) {
        return event >= 0 && rows[patient][event] == 1.0;
    }

    /** @return the relapse day (the horizon when censored), NaN without CR */
    public double relapseDay(int patient) {
        return day < 0 ? Double.NaN : rows[patient][day];
    }

    /** @return true when the relapse was antigen-negative */
    public boolean antigenNegative(int patient) {
        return antigen >= 0 && rows[patient][antigen] == negativeCode;
    }

    /**
     * @return each patient's CAR-T total at {@code day}
     * @throws IllegalArgumentException when the day was not simulated
     */
    public double[] carTotalAt(double d) {
        final double[] v = carTotal.get(d);
        if (v == null) {
            throw new IllegalArgumentException("CAR-T totals at day " + d + " were not recorded (recorded: "
                    + carTotal.keySet() + ")");
        }
        return v;
    }

    /** @return the days with recorded CAR-T totals */
    public double[] carTotalDays() {
        final double[] d = new double[carTotal.size()];
        int i = 0;
        for (double x : carTotal.keySet()) {
            d[i++] = x;
        }
        Arrays.sort(d);
        return d;
    }
}
