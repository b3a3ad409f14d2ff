package org.vtrial.engine.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vtrial.engine.stats.Quantiles;

/**
 * A summary statistic of one simulated arm, the simulated counterpart of a published trial figure.
 * Definitions follow the aggregate job (docs/OUTPUTS.md) where it has the same figure:
 *
 * <ul>
 * <li>{@code orr}, {@code cr}: patients with best response CR or PR (resp. CR) among all patients of
 * the arm (intention to treat: a patient that could not be solved counts as a non-responder).</li>
 * <li>{@code crs_any}, {@code crs_grade3}: {@code crs_grade >= 1} (resp. {@code >= 3}) among solved
 * patients.</li>
 * <li>{@code relapse}: complete responders whose {@code relapse_day} is at most {@code day} (default:
 * the horizon) among complete responders; {@code relapse_free} at {@code day} is one minus it.</li>
 * <li>{@code antigen_negative_share}: relapses with {@code relapse_antigen = negative} among the
 * relapses up to {@code day} (default: the horizon).</li>
 * <li>{@code event_free} at {@code day}: patients in complete response and not relapsed by
 * {@code day}, among all patients (non-response is an event at day 0, as in ELIANA's event-free
 * survival; the model has no deaths).</li>
 * <li>{@code quantile} of an endpoint {@code column} at probability {@code q} (type 7) over the
 * solved patients of a subgroup ({@code among}) whose value is defined.</li>
 * <li>{@code half_life}: the median over a subgroup of each patient's CAR-T half-life between
 * {@code from_day} and {@code to_day}, {@code ln 2 (to - from) / ln(C(from) / C(to))} with
 * {@code C = E + M + X} from the patient's trajectory; +infinity when {@code C} does not decline,
 * undefined (left out) when {@code C(from) = 0}.</li>
 * </ul>
 *
 * Every patient of a simulated arm is followed to the horizon, so relapse-free and event-free
 * fractions equal their Kaplan-Meier estimates for days up to the horizon.
 *
 * @param kind     which statistic
 * @param column   endpoint column of a quantile, else null
 * @param q        probability of a quantile, else NaN
 * @param day      day of a relapse, share, relapse-free or event-free figure (NaN: the horizon)
 * @param fromDay  first day of a half-life, else NaN
 * @param toDay    last day of a half-life, else NaN
 * @param among    subgroup of a quantile or half-life
 */
public record Statistic(Kind kind, String column, double q, double day, double fromDay, double toDay, Among among) {

    /** The statistics. */
    public enum Kind {
        ORR("orr", true), CR("cr", true), CRS_ANY("crs_any", true), CRS_GRADE3("crs_grade3", true),
        RELAPSE("relapse", true), RELAPSE_FREE("relapse_free", true),
        ANTIGEN_NEGATIVE_SHARE("antigen_negative_share", true), EVENT_FREE("event_free", true),
        QUANTILE("quantile", false), HALF_LIFE("half_life", false);

        private final String label;
        private final boolean proportion;

        Kind(String label, boolean proportion) {
            this.label = label;
            this.proportion = proportion;
        }

        /** @return the name used in calibration files */
        public String label() {
            return label;
        }

        /** @return true for a proportion (a value in [0, 1] with a binomial standard error) */
        public boolean proportion() {
            return proportion;
        }

        /** @return the kind of a label, or null */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }

        /** @return every label */
        public static List<String> labels() {
            final List<String> out = new ArrayList<>();
            for (Kind k : values()) {
                out.add(k.label);
            }
            return out;
        }
    }

    /** Subgroups of a quantile or half-life. */
    public enum Among {
        ALL("all"), RESPONDERS("responders"), NON_RESPONDERS("non_responders"),
        COMPLETE_RESPONDERS("complete_responders");

        private final String label;

        Among(String label) {
            this.label = label;
        }

        /** @return the name used in calibration files */
        public String label() {
            return label;
        }

        /** @return the subgroup of a label, or null */
        public static Among of(String label) {
            for (Among a : values()) {
                if (a.label.equals(label)) {
                    return a;
                }
            }
            return null;
        }

        /** @return every label */
        public static List<String> labels() {
            final List<String> out = new ArrayList<>();
            for (Among a : values()) {
                out.add(a.label);
            }
            return out;
        }
    }

    /** @return a statistic without arguments (orr, cr, crs_any, crs_grade3, or a day-less relapse figure) */
    public static Statistic of(Kind kind) {
        return new Statistic(kind, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Among.ALL);
    }

    /** @return a relapse, relapse-free, antigen-negative-share or event-free figure at a day */
    public static Statistic atDay(Kind kind, double day) {
        return new Statistic(kind, null, Double.NaN, day, Double.NaN, Double.NaN, Among.ALL);
    }

    /** @return a quantile of an endpoint column over a subgroup */
    public static Statistic quantile(String column, double q, Among among) {
        return new Statistic(Kind.QUANTILE, column, q, Double.NaN, Double.NaN, Double.NaN, among);
    }

    /** @return the median CAR-T half-life between two days over a subgroup */
    public static Statistic halfLife(double fromDay, double toDay, Among among) {
        return new Statistic(Kind.HALF_LIFE, null, Double.NaN, Double.NaN, fromDay, toDay, among);
    }

    /** @return true for a proportion */
    public boolean proportion() {
        return kind.proportion;
    }

    /** @return e.g. {@code cr}, {@code quantile(tmax, 0.5, responders)}, {@code relapse_free(day 180)} */
    public String describe() {
        switch (kind) {
            case QUANTILE:
                return "quantile(" + column + ", " + num(q) + (among == Among.ALL ? "" : ", " + among.label) + ")";
            case HALF_LIFE:
                return "half_life(days " + num(fromDay) + "-" + num(toDay)
                        + (among == Among.ALL ? "" : ", " + among.label) + ")";
            default:
                return Double.isNaN(day) ? kind.label : kind.label + "(day " + num(day) + ")";
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Evaluates the statistic on a simulated arm.
     *
     * @return the value, or NaN when it is undefined (no patient to take it over)
     */
    public double evaluate(ArmSample s) {
        final int n = s.patients();
        switch (kind) {
            case ORR: {
                long x = 0;
                for (int i = 0; i < n; i++) {
                    x += s.ok(i) && (s.bestResponse(i) == ArmSample.CR || s.bestResponse(i) == ArmSample.PR) ? 1 : 0;
                }
                return n == 0 ? Double.NaN : (double) x / n;
            }
            case CR: {
                long x = 0;
                for (int i = 0; i < n; i++) {
                    x += s.ok(i) && s.bestResponse(i) == ArmSample.CR ? 1 : 0;
                }
                return n == 0 ? Double.NaN : (double) x / n;
            }
            case CRS_ANY:
            case CRS_GRADE3: {
                final int grade = kind == Kind.CRS_ANY ? 1 : 3;
                long x = 0;
                long m = 0;
                for (int i = 0; i < n; i++) {
                    if (s.ok(i) && !Double.isNaN(s.crsGrade(i))) {
                        m++;
                        x += s.crsGrade(i) >= grade ? 1 : 0;
                    }
                }
                return m == 0 ? Double.NaN : (double) x / m;
            }
            case RELAPSE:
            case RELAPSE_FREE: {
                long complete = 0;
                long relapsed = 0;
                for (int i = 0; i < n; i++) {
                    if (s.ok(i) && s.bestResponse(i) == ArmSample.CR) {
                        complete++;
                        relapsed += relapsedBy(s, i) ? 1 : 0;
                    }
                }
                if (complete == 0) {
                    return Double.NaN;
                }
                final double r = (double) relapsed / complete;
                return kind == Kind.RELAPSE ? r : 1 - r;
            }
            case ANTIGEN_NEGATIVE_SHARE: {
                long relapses = 0;
                long negative = 0;
                for (int i = 0; i < n; i++) {
                    if (s.ok(i) && s.bestResponse(i) == ArmSample.CR && relapsedBy(s, i)) {
                        relapses++;
                        negative += s.antigenNegative(i) ? 1 : 0;
                    }
                }
                return relapses == 0 ? Double.NaN : (double) negative / relapses;
            }
            case EVENT_FREE: {
                long free = 0;
                for (int i = 0; i < n; i++) {
                    free += s.ok(i) && s.bestResponse(i) == ArmSample.CR && !relapsedBy(s, i) ? 1 : 0;
                }
                return n == 0 ? Double.NaN : (double) free / n;
            }
            case QUANTILE: {
                final double[] v = new double[n];
                int m = 0;
                final int c = s.columnIndex(column);
                for (int i = 0; i < n; i++) {
                    final double x = s.value(i, c);
                    if (s.ok(i) && in(s, i) && !Double.isNaN(x)) {
                        v[m++] = x;
                    }
                }
                return quantile(v, m, q);
            }
            default: {
                final double[] v = new double[n];
                int m = 0;
                final double[] from = s.carTotalAt(fromDay);
                final double[] to = s.carTotalAt(toDay);
                for (int i = 0; i < n; i++) {
                    if (s.ok(i) && in(s, i)) {
                        final double h = halfLife(from[i], to[i], toDay - fromDay);
                        if (!Double.isNaN(h)) {
                            v[m++] = h;
                        }
                    }
                }
                return quantile(v, m, 0.5);
            }
        }
    }

    /**
     * @return the number of patients a proportion is taken over (its denominator): all patients for
     *         {@code orr}, {@code cr}, {@code event_free}; solved patients with a grade for the CRS
     *         rates; complete responders for relapse figures; relapses for the antigen-negative share;
     *         NaN for quantiles and half-lives
     */
    public double denominator(ArmSample s) {
        final int n = s.patients();
        long m = 0;
        switch (kind) {
            case ORR: case CR: case EVENT_FREE:
                return n;
            case CRS_ANY: case CRS_GRADE3:
                for (int i = 0; i < n; i++) {
                    m += s.ok(i) && !Double.isNaN(s.crsGrade(i)) ? 1 : 0;
                }
                return m;
            case RELAPSE: case RELAPSE_FREE:
                for (int i = 0; i < n; i++) {
                    m += s.ok(i) && s.bestResponse(i) == ArmSample.CR ? 1 : 0;
                }
                return m;
            case ANTIGEN_NEGATIVE_SHARE:
                for (int i = 0; i < n; i++) {
                    m += s.ok(i) && s.bestResponse(i) == ArmSample.CR && relapsedBy(s, i) ? 1 : 0;
                }
                return m;
            default:
                return Double.NaN;
        }
    }

    /**
     * @return the half-life of a decline from {@code c0} to {@code c1} over {@code days}: +infinity
     *         when there is no decline, NaN when {@code c0} is 0 or NaN
     */
    static double halfLife(double c0, double c1, double days) {
        if (!(c0 > 0)) {
            return Double.NaN;
        }
        if (!(c1 < c0)) {
            return Double.POSITIVE_INFINITY;
        }
        if (c1 <= 0) {
            return 0.0;
        }
        return Math.log(2) * days / Math.log(c0 / c1);
    }

    private static double quantile(double[] v, int m, double p) {
        if (m == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, m);
        if (v[m - 1] == Double.POSITIVE_INFINITY) {
            // type 7 interpolates between order statistics; with infinite ones, take the order
            // statistic itself where the interpolation weight would multiply infinity by zero
            final double h = (m - 1) * p;
            final int lo = (int) Math.floor(h);
            final int hi = Math.min(lo + 1, m - 1);
            if (h == lo || v[lo] == v[hi]) {
                return v[lo];
            }
            return v[hi] == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Quantiles.type7(v, m, p);
        }
        return Quantiles.type7(v, m, p);
    }

    private boolean relapsedBy(ArmSample s, int i) {
        return s.relapseEvent(i) && (Double.isNaN(day) || s.relapseDay(i) <= day);
    }

    private boolean in(ArmSample s, int i) {
        final double b = s.bestResponse(i);
        switch (among) {
            case RESPONDERS: return b == ArmSample.CR || b == ArmSample.PR;
            case NON_RESPONDERS: return !(b == ArmSample.CR || b == ArmSample.PR);
            case COMPLETE_RESPONDERS: return b == ArmSample.CR;
            default: return true;
        }
    }

    /** @return the endpoint columns this statistic reads (beyond status) */
    public List<String> columns() {
        switch (kind) {
            case ORR: case CR: return List.of(ArmSample.BEST_RESPONSE);
            case CRS_ANY: case CRS_GRADE3: return List.of(ArmSample.CRS_GRADE);
            case RELAPSE: case RELAPSE_FREE: case EVENT_FREE:
                return List.of(ArmSample.BEST_RESPONSE, ArmSample.RELAPSE_EVENT, ArmSample.RELAPSE_DAY);
            case ANTIGEN_NEGATIVE_SHARE:
                return List.of(ArmSample.BEST_RESPONSE, ArmSample.RELAPSE_EVENT, ArmSample.RELAPSE_DAY,
                        ArmSample.RELAPSE_ANTIGEN);
            case QUANTILE:
                return among == Among.ALL ? List.of(column) : List.of(column, ArmSample.BEST_RESPONSE);
            default:
                return among == Among.ALL ? List.of() : List.of(ArmSample.BEST_RESPONSE);
        }
    }
}
