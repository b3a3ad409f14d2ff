package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a sensitivity analysis: per output the indices of every parameter, and how many
 * points failed.
 *
 * @param name      analysis name
 * @param method    method
 * @param points    points in the design
 * @param byStatus  points per status (only statuses that occurred)
 * @param outputs   one analysis per output
 * @param bootstrap interval settings
 */
public record SensitivityReport(String name, GsaPlan.Method method, long points, Map<String, Long> byStatus,
                                List<OutputAnalysis> outputs, Bootstrap bootstrap) {

    /** Freezes. */
    public SensitivityReport {
        byStatus = Map.copyOf(byStatus);
        outputs = List.copyOf(outputs);
    }

    /** @return the analysis of output {@code name}, or null */
    public OutputAnalysis output(String output) {
        for (OutputAnalysis a : outputs) {
            if (a.output().equals(output)) {
                return a;
            }
        }
        return null;
    }

    /** @return points whose status is not OK */
    public long failedPoints() {
        long n = 0;
        for (Map.Entry<String, Long> e : byStatus.entrySet()) {
            if (!e.getKey().equals("OK")) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** @return the index parameters are ranked by: ST (Sobol) or mu_star (Morris) */
    public String rankingIndex() {
        return method == GsaPlan.Method.SOBOL ? SobolEstimator.ST : MorrisEstimator.MU_STAR;
    }

    /** @return parameters of {@code analysis} by decreasing {@link #rankingIndex()}, undefined last */
    public List<String> ranking(OutputAnalysis analysis) {
        final List<IndexEstimate> key = new ArrayList<>();
        for (IndexEstimate e : analysis.estimates()) {
            if (e.index().equals(rankingIndex())) {
                key.add(e);
            }
        }
        // stable sort: ties keep the parameters' order
        key.sort(Comparator.comparingDouble((IndexEstimate e) -> Double.isNaN(e.value()) ? Double.NEGATIVE_INFINITY
                : e.value()).reversed());
        final List<String> out = new ArrayList<>();
        for (IndexEstimate e : key) {
            out.add(e.parameter());
        }
        return out;
    }

    /** @return the printed ranking: per output, parameters by decreasing importance with intervals */
    public String rankingText() {
        final StringBuilder sb = new StringBuilder();
        final String[] indices = method == GsaPlan.Method.SOBOL
                ? new String[] {SobolEstimator.ST, SobolEstimator.S1}
                : new String[] {MorrisEstimator.MU_STAR, MorrisEstimator.MU, MorrisEstimator.SIGMA};
        final String unit = method == GsaPlan.Method.SOBOL ? "base points" : "trajectories";
        final int level = (int) Math.round(bootstrap.confidence() * 100);
        for (OutputAnalysis a : outputs) {
            sb.append(String.format(Locale.ROOT, "%s: ranked by %s (%d of %d %s used, %d dropped for failed points)%n",
                    a.output(), rankingIndex(), a.used(), a.used() + a.dropped(), unit, a.dropped()));
            sb.append(String.format(Locale.ROOT, "  %4s  %-16s", "rank", "parameter"));
            for (String i : indices) {
                sb.append(String.format(Locale.ROOT, "  %-34s", i + (bootstrap.resamples() > 0
                        ? " [" + level + "% interval]" : "")));
            }
            sb.append(System.lineSeparator());
            int rank = 1;
            for (String p : ranking(a)) {
                sb.append(String.format(Locale.ROOT, "  %4d  %-16s", rank++, p));
                for (String i : indices) {
                    final IndexEstimate e = a.get(p, i);
                    sb.append(String.format(Locale.ROOT, "  %-34s", bootstrap.resamples() > 0
                            ? String.format(Locale.ROOT, "%s [%s, %s]", fmt(e.value()), fmt(e.lo()), fmt(e.hi()))
                            : fmt(e.value())));
                }
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3)
                ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
