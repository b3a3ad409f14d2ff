package org.vtrial.spark;

import static org.vtrial.spark.AggregateJob.LEVEL;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.vtrial.engine.stats.AalenJohansen;
import org.vtrial.engine.stats.DoubleSample;
import org.vtrial.engine.stats.Estimate;
import org.vtrial.engine.stats.KaplanMeier;
import org.vtrial.engine.stats.LifeTable;
import org.vtrial.engine.stats.Log10Histogram;
import org.vtrial.engine.stats.LogRank;
import org.vtrial.engine.stats.Proportion;
import org.vtrial.engine.stats.Quantiles;
import org.vtrial.engine.stats.RiskComparison;
import org.vtrial.spark.SummaryTables.Table;

/**
 * Turns the accumulated arms into the rows of every summary table and into the job's result
 * objects, from the same numbers, so the files, the result and the terminal table agree.
 */
final class SummaryBuilder {

    /** What comparisons need of an arm. */
    private record ArmData(Map<String, Proportion> rates, LifeTable relapse, Map<String, double[]> kinetics) {
    }

    private final double horizon;
    private final List<String> kineticsUnits;
    private final Map<Table, List<Row>> rows = new LinkedHashMap<>();
    private final Map<String, ArmData> arms = new LinkedHashMap<>();

    /**
     * @param horizon       horizon of the fixed-day tables (days)
     * @param kineticsUnits unit of each kinetics endpoint, in {@link PatientInput#KINETICS} order
     */
    SummaryBuilder(double horizon, List<String> kineticsUnits) {
        this.horizon = horizon;
        this.kineticsUnits = List.copyOf(kineticsUnits);
        for (Table t : SummaryTables.ALL) {
            rows.put(t, new ArrayList<>());
        }
    }

    /** NaN is stored as null. */
    private static Double d(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private void add(Table t, Object... values) {
        if (values.length != t.columns().size()) {
            throw new IllegalStateException(t.name() + ": " + values.length + " values for "
                    + t.columns().size() + " columns");
        }
        rows.get(t).add(RowFactory.create(values));
    }

    /** Rates by name (orr, cr: intention to treat; crs_any, crs_grade3: among OK patients). */
    static Map<String, Proportion> rates(ArmAccumulator.Counts c) {
        final Map<String, Proportion> m = new LinkedHashMap<>();
        m.put("orr", Proportion.of(c.responders, c.patients));
        m.put("cr", Proportion.of(c.complete, c.patients));
        m.put("crs_any", Proportion.of(c.crsAtLeast(1), c.crsEvaluable()));
        m.put("crs_grade3", Proportion.of(c.crsAtLeast(3), c.crsEvaluable()));
        return m;
    }

    /**
     * Adds one arm.
     *
     * @param approx null when the arm's samples were collected; else approximate quantiles per kinetics
     *               endpoint, then of the time to response
     */
    AggregateJob.ArmResult addArm(ArmAccumulator a, double[][] approx) {
        final String arm = a.arm;
        final ArmAccumulator.Counts all = a.pooled();
        final boolean exact = approx == null;

        final Map<String, Long> statusCounts = new LinkedHashMap<>();
        for (Map.Entry<Integer, ArmAccumulator.Counts> e : a.replicates.entrySet()) {
            for (int s = 0; s < PatientInput.STATUSES.size(); s++) {
                final long n = e.getValue().status[s];
                if (n > 0) {
                    add(SummaryTables.STATUS_COUNTS, arm, e.getKey(), PatientInput.STATUSES.get(s), n);
                }
            }
        }
        for (int s = 0; s < PatientInput.STATUSES.size(); s++) {
            statusCounts.put(PatientInput.STATUSES.get(s), all.status[s]);
        }
        final long failed = all.patients - all.ok();

        final Map<String, Proportion> rates = rates(all);
        final Estimate orr = rates.get("orr").wilson(LEVEL);
        final Estimate cr = rates.get("cr").wilson(LEVEL);
        add(SummaryTables.RESPONSE, arm, all.patients, failed, all.responders, d(orr.value()), d(orr.lo()),
                d(orr.hi()), all.complete, d(cr.value()), d(cr.lo()), d(cr.hi()));

        final double[] ttr = exact ? a.timeToResponse.quantiles(Quantiles.SUMMARY) : approx[approx.length - 1];
        add(SummaryTables.TIME_TO_RESPONSE, withQuantiles(new Object[] {arm, all.responders}, ttr, exact));

        final Estimate any = rates.get("crs_any").wilson(LEVEL);
        final Estimate severe = rates.get("crs_grade3").wilson(LEVEL);
        add(SummaryTables.CRS, arm, all.crsEvaluable(), all.crsGrade[0], all.crsGrade[1], all.crsGrade[2],
                all.crsGrade[3], all.crsGrade[4], d(any.value()), d(any.lo()), d(any.hi()), d(severe.value()),
                d(severe.lo()), d(severe.hi()));

        final LifeTable relapse = a.relapseTable();
        final KaplanMeier km = KaplanMeier.of(relapse, LEVEL);
        final AalenJohansen aj = AalenJohansen.of(relapse);
        final Estimate median = km.median();
        final long negative = relapse.totalEvents(1);
        final long positive = relapse.totalEvents(2);
        add(SummaryTables.RELAPSE, arm, relapse.subjects(), negative + positive, negative, positive,
                relapse.totalCensored(), d(relapse.lastTime()), d(median.value()), d(median.lo()), d(median.hi()));
        addCurves(arm, relapse, km, aj);

        final Map<String, double[]> kinetics = new LinkedHashMap<>();
        for (int k = 0; k < PatientInput.KINETICS.size(); k++) {
            final String endpoint = PatientInput.KINETICS.get(k);
            final Log10Histogram h = a.histograms[k];
            final double[] q = exact ? a.kinetics[k].quantiles(Quantiles.SUMMARY) : approx[k];
            kinetics.put(endpoint, q);
            add(SummaryTables.KINETICS, withQuantiles(new Object[] {arm, endpoint,
                kineticsUnits.get(k), h.count(), a.kineticsMissing[k]}, q, exact));
            if (h.nonPositive() > 0) {
                add(SummaryTables.KINETICS_HISTOGRAM, arm, endpoint, null, null, 0.0, h.nonPositive());
            }
            for (Log10Histogram.Bin b : h.bins()) {
                add(SummaryTables.KINETICS_HISTOGRAM, arm, endpoint, b.index(), b.lo(), b.hi(), b.count());
            }
        }

        final Map<String, DoubleSample> perReplicate = new LinkedHashMap<>();
        for (String rate : AggregateJob.RATES) {
            perReplicate.put(rate, DoubleSample.create());
        }
        for (Map.Entry<Integer, ArmAccumulator.Counts> e : a.replicates.entrySet()) {
            final ArmAccumulator.Counts c = e.getValue();
            final Map<String, Proportion> r = rates(c);
            add(SummaryTables.REPLICATES, arm, e.getKey(), c.patients, c.patients - c.ok(), d(r.get("orr").value()),
                    d(r.get("cr").value()), c.crsEvaluable(), d(r.get("crs_any").value()),
                    d(r.get("crs_grade3").value()));
            for (String rate : AggregateJob.RATES) {
                final double v = r.get(rate).value();
                if (!Double.isNaN(v)) {
                    perReplicate.get(rate).accept(v);
                }
            }
        }
        final Map<String, Estimate> intervals = new LinkedHashMap<>();
        if (a.replicates.size() > 1) {
            for (String rate : AggregateJob.RATES) {
                final DoubleSample s = perReplicate.get(rate);
                if (s.size() == 0) {
                    continue;
                }
                final double[] q = s.quantiles(0.025, 0.975);
                final double mean = s.mean();
                intervals.put(rate, new Estimate(mean, q[0], q[1]));
                add(SummaryTables.REPLICATE_INTERVALS, arm, rate, s.size(), mean, q[0], q[1]);
            }
        }

        arms.put(arm, new ArmData(rates, relapse, kinetics));
        return new AggregateJob.ArmResult(arm, all.patients, failed, statusCounts, all.responders, orr, all.complete,
                cr, all.crsEvaluable(), any, severe, negative + positive, negative, positive, median, kinetics, ttr,
                exact, intervals);
    }

    private static Object[] withQuantiles(Object[] head, double[] q, boolean exact) {
        final Object[] v = new Object[head.length + q.length + 1];
        System.arraycopy(head, 0, v, 0, head.length);
        for (int i = 0; i < q.length; i++) {
            v[head.length + i] = d(q[i]);
        }
        v[v.length - 1] = exact;
        return v;
    }

    private void addCurves(String arm, LifeTable t, KaplanMeier km, AalenJohansen aj) {
        // Without complete responders nothing is estimable: the fixed-day rows are still written, null.
        final boolean any = t.size() > 0;
        for (double day : AggregateJob.FIXED_DAYS) {
            final Estimate s = !any || day > horizon ? Estimate.UNDEFINED : km.at(day);
            add(SummaryTables.KM_AT_DAYS, arm, day, d(s.value()), d(s.lo()), d(s.hi()));
        }
        for (int c = 1; c <= t.causes(); c++) {
            final String antigen = PatientInput.ANTIGENS.get(c - 1);
            for (double day : AggregateJob.FIXED_DAYS) {
                long events = 0;
                for (int i = 0; i < t.size() && t.time(i) <= day; i++) {
                    events += t.events(c, i);
                }
                add(SummaryTables.COMPETING_RISK, arm, day, antigen, events,
                        d(!any || day > horizon ? Double.NaN : aj.at(c, day)));
            }
        }
        if (!any) {
            return;
        }
        final boolean startRow = t.time(0) > 0;
        if (startRow) {
            add(SummaryTables.KM, arm, 0.0, t.subjects(), 0L, 0L, 1.0, 0.0, 1.0, 1.0);
        }
        for (int i = 0; i < km.size(); i++) {
            add(SummaryTables.KM, arm, km.time(i), t.atRisk(i), t.events(i), t.censored(i), d(km.survival(i)),
                    d(km.stdErr(i)), d(km.lower(i)), d(km.upper(i)));
        }
        for (int c = 1; c <= t.causes(); c++) {
            final String antigen = PatientInput.ANTIGENS.get(c - 1);
            if (startRow) {
                add(SummaryTables.COMPETING_RISK_CURVE, arm, 0.0, antigen, 0.0);
            }
            final int last = t.size() - 1;
            for (int i = 0; i <= last; i++) {
                if (t.events(c, i) > 0 || i == last || (i == 0 && !startRow)) {
                    add(SummaryTables.COMPETING_RISK_CURVE, arm, t.time(i), antigen, aj.incidence(c, i));
                }
            }
        }
    }

    /** Adds one arm against the reference; both must have been added. */
    AggregateJob.Comparison addComparison(ArmAccumulator arm, ArmAccumulator reference,
                                          Map<String, AggregateJob.Paired> paired) {
        final ArmData a = arms.get(arm.arm);
        final ArmData r = arms.get(reference.arm);
        final Map<String, Estimate> differences = new LinkedHashMap<>();
        final Map<String, Estimate> ratios = new LinkedHashMap<>();
        for (String rate : AggregateJob.RATES) {
            final Proportion pa = a.rates().get(rate);
            final Proportion pr = r.rates().get(rate);
            final Estimate diff = RiskComparison.difference(pa.successes(), pa.trials(), pr.successes(), pr.trials(),
                    LEVEL);
            final Estimate ratio = RiskComparison.ratio(pa.successes(), pa.trials(), pr.successes(), pr.trials(),
                    LEVEL);
            differences.put(rate, diff);
            ratios.put(rate, ratio);
            add(SummaryTables.COMPARISON, arm.arm, reference.arm, rate, d(pa.value()), d(pr.value()),
                    d(diff.value()), d(diff.lo()), d(diff.hi()), d(ratio.value()), d(ratio.lo()), d(ratio.hi()));
        }
        final LogRank.Result lr = LogRank.test(a.relapse(), r.relapse(), LEVEL);
        final Estimate hr = lr.hazardRatio();
        add(SummaryTables.RELAPSE_COMPARISON, arm.arm, reference.arm, lr.observed(), d(lr.expected()),
                lr.observedReference(), d(lr.expectedReference()), d(lr.variance()), d(lr.chiSquare()),
                d(lr.pValue()), d(hr.value()), d(hr.lo()), d(hr.hi()));
        final Map<String, Double> medians = new LinkedHashMap<>();
        for (String endpoint : PatientInput.KINETICS) {
            final double ma = a.kinetics().get(endpoint)[3];
            final double mr = r.kinetics().get(endpoint)[3];
            medians.put(endpoint, ma - mr);
            add(SummaryTables.KINETICS_COMPARISON, arm.arm, reference.arm, endpoint, d(ma), d(mr), d(ma - mr));
        }
        for (Map.Entry<String, AggregateJob.Paired> e : paired.entrySet()) {
            final AggregateJob.Paired p = e.getValue();
            add(SummaryTables.PAIRED, arm.arm, reference.arm, e.getKey(), p.pairs(), p.both(), p.armOnly(),
                    p.referenceOnly(), p.neither(), d(p.difference().value()), d(p.difference().lo()),
                    d(p.difference().hi()), d(p.pExact()), d(p.pMid()));
        }
        return new AggregateJob.Comparison(arm.arm, reference.arm, differences, ratios, lr, medians, paired);
    }

    /**
     * Writes every table (an empty one too) as one zstd Parquet file under {@code dir/NAME/}.
     *
     * @param failAfter fault injection for tests: throw after this many tables (-1: never)
     */
    void write(Configuration conf, String dir, int failAfter) throws IOException {
        int written = 0;
        for (Map.Entry<Table, List<Row>> e : rows.entrySet()) {
            if (written++ == failAfter) {
                throw new IOException("injected failure after writing " + failAfter + " summary tables");
            }
            ParquetTables.write(conf, dir + "/" + e.getKey().name(), e.getKey().schema(), e.getValue());
        }
    }
}
