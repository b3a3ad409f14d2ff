package org.vtrial.spark;

import static org.vtrial.spark.PatientInput.BEST_RESPONSE_AT;
import static org.vtrial.spark.PatientInput.CRS_GRADE_AT;
import static org.vtrial.spark.PatientInput.KINETICS;
import static org.vtrial.spark.PatientInput.KINETICS_AT;
import static org.vtrial.spark.PatientInput.PATIENT_INDEX;
import static org.vtrial.spark.PatientInput.RELAPSE_ANTIGEN_AT;
import static org.vtrial.spark.PatientInput.RELAPSE_DAY_AT;
import static org.vtrial.spark.PatientInput.RELAPSE_EVENT_AT;
import static org.vtrial.spark.PatientInput.REPLICATE;
import static org.vtrial.spark.PatientInput.STATUS_AT;
import static org.vtrial.spark.PatientInput.TIME_TO_RESPONSE_AT;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.vtrial.engine.stats.DoubleSample;
import org.vtrial.engine.stats.EventSample;
import org.vtrial.engine.stats.LifeTable;
import org.vtrial.engine.stats.Log10Histogram;

/**
 * Everything the summaries need from one arm's patient rows, accumulated per partition and combined
 * on the driver. Rules (docs/OUTPUTS.md): a patient whose status is not OK is counted (status
 * counts, ITT denominators of ORR and CR, where it is a non-responder) and otherwise excluded; the
 * endpoint values of OK patients are checked against MODELS.md §5, and rows that break it are
 * counted with a few examples so that the job can refuse the run with a clear message.
 */
final class ArmAccumulator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int EXAMPLES = 5;

    /** Counts of one replicate. */
    static final class Counts implements Serializable {
        private static final long serialVersionUID = 1L;
        /** by status, in {@link PatientInput#STATUSES} order */
        final long[] status = new long[PatientInput.STATUSES.size()];
        long patients;
        long responders;
        long complete;
        /** OK patients by CRS grade 0..4 */
        final long[] crsGrade = new long[5];
        /** patient indices present, responding (ITT), in complete response (ITT): for pairing arms */
        final PatientBits present = new PatientBits();
        final PatientBits responding = new PatientBits();
        final PatientBits completing = new PatientBits();

        long ok() {
            return status[0];
        }

        long crsEvaluable() {
            long n = 0;
            for (long g : crsGrade) {
                n += g;
            }
            return n;
        }

        long crsAtLeast(int grade) {
            long n = 0;
            for (int g = grade; g < crsGrade.length; g++) {
                n += crsGrade[g];
            }
            return n;
        }

        /** Adds the other counts, not the patient bits. */
        void addCounts(Counts o) {
            for (int i = 0; i < status.length; i++) {
                status[i] += o.status[i];
            }
            for (int i = 0; i < crsGrade.length; i++) {
                crsGrade[i] += o.crsGrade[i];
            }
            patients += o.patients;
            responders += o.responders;
            complete += o.complete;
        }

        /** Adds the other counts and patient bits; returns the indices present in both (repeated keys). */
        long add(Counts o) {
            addCounts(o);
            responding.combine(o.responding);
            completing.combine(o.completing);
            return present.combine(o.present);
        }
    }

    final String arm;
    final boolean collectSamples;
    final TreeMap<Integer, Counts> replicates = new TreeMap<>();
    /** Relapse among OK complete responders: cause 1 antigen-negative, 2 antigen-positive. */
    final EventSample relapse = EventSample.create(PatientInput.ANTIGENS.size());
    /** Kinetics of OK patients (null unless samples are collected). */
    final DoubleSample[] kinetics;
    /** Time to response of OK responders (null unless samples are collected). */
    final DoubleSample timeToResponse;
    final Log10Histogram[] histograms;
    final long[] kineticsMissing;
    long violations;
    final List<String> examples = new ArrayList<>();

    private transient int lastReplicate = Integer.MIN_VALUE;
    private transient Counts last;
    private transient LifeTable relapseTable;

    ArmAccumulator(String arm, boolean collectSamples, int binsPerDecade) {
        this.arm = arm;
        this.collectSamples = collectSamples;
        kinetics = collectSamples ? new DoubleSample[KINETICS.size()] : null;
        timeToResponse = collectSamples ? DoubleSample.create() : null;
        histograms = new Log10Histogram[KINETICS.size()];
        kineticsMissing = new long[KINETICS.size()];
        for (int k = 0; k < KINETICS.size(); k++) {
            histograms[k] = Log10Histogram.create(binsPerDecade);
            if (collectSamples) {
                kinetics[k] = DoubleSample.create();
            }
        }
    }

    private Counts counts(int replicate) {
        if (replicate != lastReplicate || last == null) {
            last = replicates.computeIfAbsent(replicate, r -> new Counts());
            lastReplicate = replicate;
        }
        return last;
    }

    /** Adds one patient row of {@link PatientInput#project}. */
    void accept(Row r) {
        final Counts c = counts(r.getInt(REPLICATE));
        c.patients++;
        final long index = r.getLong(PATIENT_INDEX);
        if (!c.present.add(index)) {
            violation(r, "(replicate, patient_index) repeated within the arm");
        }
        final String status = r.isNullAt(STATUS_AT) ? null : r.getString(STATUS_AT);
        final int s = status == null ? -1 : PatientInput.STATUSES.indexOf(status);
        if (s < 0) {
            violation(r, "status " + quote(status) + " is not one of " + PatientInput.STATUSES);
            return;
        }
        c.status[s]++;
        if (s != 0) {
            return;
        }
        final String best = r.isNullAt(BEST_RESPONSE_AT) ? null : r.getString(BEST_RESPONSE_AT);
        final int response = best == null ? -1 : PatientInput.RESPONSES.indexOf(best);
        if (response < 0) {
            violation(r, "best_response " + quote(best) + " is not one of " + PatientInput.RESPONSES);
            return;
        }
        if (response <= 1) {
            c.responders++;
            c.responding.add(index);
            if (r.isNullAt(TIME_TO_RESPONSE_AT)) {
                violation(r, best + " without time_to_response");
            } else if (timeToResponse != null) {
                timeToResponse.accept(finite(r, TIME_TO_RESPONSE_AT));
            }
        }
        if (response == 0) {
            c.complete++;
            c.completing.add(index);
            acceptRelapse(r);
        }
        if (r.isNullAt(CRS_GRADE_AT) || r.getLong(CRS_GRADE_AT) < 0 || r.getLong(CRS_GRADE_AT) > 4) {
            violation(r, "crs_grade " + (r.isNullAt(CRS_GRADE_AT) ? "null" : r.getLong(CRS_GRADE_AT))
                    + " is not in 0..4");
        } else {
            c.crsGrade[(int) r.getLong(CRS_GRADE_AT)]++;
        }
        for (int k = 0; k < KINETICS.size(); k++) {
            if (r.isNullAt(KINETICS_AT + k)) {
                kineticsMissing[k]++;
                continue;
            }
            final double v = r.getDouble(KINETICS_AT + k);
            if (!Double.isFinite(v)) {
                violation(r, KINETICS.get(k) + " is " + v);
                continue;
            }
            histograms[k].accept(v);
            if (kinetics != null) {
                kinetics[k].accept(v);
            }
        }
    }

    private void acceptRelapse(Row r) {
        if (r.isNullAt(RELAPSE_DAY_AT) || r.isNullAt(RELAPSE_EVENT_AT)) {
            violation(r, "CR without relapse_day and relapse_event (censored CR patients carry the horizon)");
            return;
        }
        final double day = r.getDouble(RELAPSE_DAY_AT);
        if (!Double.isFinite(day) || day < 0) {
            violation(r, "relapse_day is " + day);
            return;
        }
        if (!r.getBoolean(RELAPSE_EVENT_AT)) {
            relapse.accept(day, EventSample.CENSORED);
            return;
        }
        final String antigen = r.isNullAt(RELAPSE_ANTIGEN_AT) ? null : r.getString(RELAPSE_ANTIGEN_AT);
        final int cause = antigen == null ? -1 : PatientInput.ANTIGENS.indexOf(antigen);
        if (cause < 0) {
            violation(r, "relapse with relapse_antigen " + quote(antigen) + ", expected one of "
                    + PatientInput.ANTIGENS);
            return;
        }
        relapse.accept(day, cause + 1);
    }

    private double finite(Row r, int at) {
        final double v = r.getDouble(at);
        if (!Double.isFinite(v)) {
            violation(r, PatientInput.COLUMNS.get(at) + " is " + v);
            return 0;
        }
        return v;
    }

    private void violation(Row r, String what) {
        violations++;
        if (examples.size() < EXAMPLES) {
            examples.add("arm " + arm + ", replicate " + r.getInt(REPLICATE) + ", patient_index "
                    + r.getLong(PATIENT_INDEX) + ": " + what);
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }

    /** Adds the other partition's data; returns this. */
    ArmAccumulator combine(ArmAccumulator o) {
        for (Map.Entry<Integer, Counts> e : o.replicates.entrySet()) {
            final long repeated = replicates.computeIfAbsent(e.getKey(), r -> new Counts()).add(e.getValue());
            if (repeated > 0) {
                violations += repeated;
                if (examples.size() < EXAMPLES) {
                    examples.add("arm " + arm + ", replicate " + e.getKey() + ": " + repeated
                            + " patient_index values repeated within the arm");
                }
            }
        }
        last = null;
        relapseTable = null;
        relapse.combine(o.relapse);
        for (int k = 0; k < KINETICS.size(); k++) {
            histograms[k].combine(o.histograms[k]);
            kineticsMissing[k] += o.kineticsMissing[k];
            if (kinetics != null) {
                kinetics[k].combine(o.kinetics[k]);
            }
        }
        if (timeToResponse != null) {
            timeToResponse.combine(o.timeToResponse);
        }
        violations += o.violations;
        for (String x : o.examples) {
            if (examples.size() < EXAMPLES) {
                examples.add(x);
            }
        }
        return this;
    }

    /** @return the life table of the relapse times (computed once, after the last combine) */
    LifeTable relapseTable() {
        if (relapseTable == null) {
            relapseTable = relapse.table();
        }
        return relapseTable;
    }

    /** @return the counts of all replicates together (the patient bits stay per replicate) */
    Counts pooled() {
        final Counts all = new Counts();
        for (Counts c : replicates.values()) {
            all.addCounts(c);
        }
        return all;
    }
}
