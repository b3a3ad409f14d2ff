package org.vtrial.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vtrial.engine.stats.Estimate;

/**
 * The compact terminal table of an aggregation: one line per arm, then one line per comparison with
 * the reference arm, then notes. Every number is a rounded value of the summary tables: rates in
 * percent with one decimal, days with one decimal, hazard ratios with three, p-values and cmax with
 * three and four significant digits ({@code <1e-300} for a p-value that underflows to 0); {@code NR} marks
 * a median not reached, {@code -} an undefined value.
 */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static String format(AggregateJob.Result r) {
        final StringBuilder out = new StringBuilder();
        long patients = 0;
        for (AggregateJob.ArmResult a : r.perArm()) {
            patients += a.patients();
        }
        out.append(String.format(Locale.ROOT, "run %s: %d arms, %d replicate%s, %d patients; reference arm %s (%s)%n",
                r.run(), r.arms().size(), r.replicates(), r.replicates() == 1 ? "" : "s", patients, r.referenceArm(),
                r.referenceFromManifest() ? "manifest" : "first alphabetically"));
        final List<String[]> arms = new ArrayList<>();
        arms.add(new String[] {"arm", "patients", "failed", "ORR % [95% CI]", "CR % [95% CI]", "CRS>=3 % [95% CI]",
            "median RFS days [95% CI]", "cmax p50 cells"});
        for (AggregateJob.ArmResult a : r.perArm()) {
            arms.add(new String[] {a.arm(), Long.toString(a.patients()), Long.toString(a.failed()),
                percent(a.orr()), percent(a.cr()), percent(a.crsGrade3Plus()), days(a.medianRfs()),
                sig(a.kinetics().get("cmax")[3], 4)});
        }
        table(out, arms);
        if (!r.comparisons().isEmpty()) {
            final List<String[]> cmp = new ArrayList<>();
            cmp.add(new String[] {"vs " + r.referenceArm(), "dORR pp [95% CI]", "dCR pp [95% CI]",
                "HR relapse [95% CI]", "log-rank p", "paired ORR arm-only/ref-only", "McNemar mid-p"});
            for (AggregateJob.Comparison c : r.comparisons()) {
                final AggregateJob.Paired p = c.paired().get("orr");
                cmp.add(new String[] {c.arm(), points(c.differences().get("orr")), points(c.differences().get("cr")),
                    ratio(c.relapse().hazardRatio()), pValue(c.relapse().pValue()),
                    p == null ? "-" : p.armOnly() + "/" + p.referenceOnly(), p == null ? "-" : pValue(p.pMid())});
            }
            table(out, cmp);
        }
        for (String n : r.notes()) {
            out.append("note: ").append(n).append(System.lineSeparator());
        }
        out.append("summary tables: ").append(r.summary())
                .append(String.format(Locale.ROOT, " (%.1f s)", r.wallSeconds())).append(System.lineSeparator());
        return out.toString();
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        final int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(row[i]).append(" ".repeat(width[i] - row[i].length()));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    /** @return the number with fixed decimals, or "-" when undefined */
    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String sig(double v, int digits) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    private static String pValue(double p) {
        // a p-value below the smallest double: say so rather than print 0.00
        return p == 0 ? "<1e-300" : sig(p, 3);
    }

    private static String percent(Estimate e) {
        return num(100 * e.value(), 1) + " [" + num(100 * e.lo(), 1) + ", " + num(100 * e.hi(), 1) + "]";
    }

    private static String points(Estimate e) {
        return (Double.isNaN(e.value()) ? "-" : String.format(Locale.ROOT, "%+.1f", 100 * e.value()))
                + " [" + num(100 * e.lo(), 1) + ", " + num(100 * e.hi(), 1) + "]";
    }

    private static String ratio(Estimate e) {
        return num(e.value(), 3) + " [" + num(e.lo(), 3) + ", " + num(e.hi(), 3) + "]";
    }

    private static String days(Estimate e) {
        return notReached(e.value()) + " [" + notReached(e.lo()) + ", " + notReached(e.hi()) + "]";
    }

    private static String notReached(double v) {
        return Double.isNaN(v) ? "NR" : num(v, 1);
    }
}
