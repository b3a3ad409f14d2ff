package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.fit.FitScale;
import org.vtrial.engine.fit.GrowthDataFile;
import org.vtrial.engine.fit.GrowthFitter;
import org.vtrial.engine.fit.GrowthSeries;
import org.vtrial.engine.fit.LawFit;
import org.vtrial.engine.fit.LawSelection;
import org.vtrial.engine.fit.PerCapitaDiagnostic;
import org.vtrial.engine.fit.Regression;
import org.vtrial.engine.fit.SeriesFit;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.model.GrowthLaw;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial fit-growth FILE.csv}: which growth law do these tumor data follow? Fits exponential,
 * logistic and Gompertz growth to each series, reports parameters with standard errors, residual
 * sums and information criteria, selects a law by AIC, and shows the per-capita growth-rate
 * diagnostic. With several series, also the law that fits all of them best (same law, own
 * parameters per series: AICs summed). docs/FIT_GROWTH.md explains the method and the output.
 */
@Command(name = "fit-growth", mixinStandardHelpOptions = true,
        description = {"Fit exponential, logistic and Gompertz growth to tumor data (CSV with columns t,N and",
            "optionally series), select the law by AIC and show the per-capita growth-rate diagnostic."})
public final class FitGrowthCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "CSV with header t,N[,series]: time (days), count (> 0)")
    Path file;

    @Option(names = "--json", description = "print the results as JSON instead of tables")
    boolean json;

    @Option(names = "--scale", paramLabel = "log|linear", defaultValue = "log",
            description = "residual scale: log (multiplicative noise, default) or linear (additive noise)")
    String scale;

    @Override
    public Integer call() throws Exception {
        final FitScale fitScale;
        if ("log".equals(scale)) {
            fitScale = FitScale.LOG;
        } else if ("linear".equals(scale)) {
            fitScale = FitScale.LINEAR;
        } else {
            throw new IllegalArgumentException("--scale: expected log or linear, got '" + scale + "'");
        }
        final List<GrowthSeries> data = GrowthDataFile.read(file);
        final GrowthFitter fitter = new GrowthFitter(fitScale);
        final List<SeriesFit> fits = new ArrayList<>();
        for (GrowthSeries s : data) {
            fits.add(fitter.fit(s));
        }
        final LawSelection overall = fits.size() > 1 ? overall(fits) : null;
        final PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(fits, overall, fitScale));
        } else {
            printTables(out, fits, overall, fitScale);
        }
        out.flush();
        return 0;
    }

    /** Same law for every series, own parameters: AICs add (NaN when a law failed on some series). */
    static LawSelection overall(List<SeriesFit> fits) {
        final double[] sum = new double[GrowthLaw.values().length];
        for (SeriesFit f : fits) {
            for (LawFit lf : f.fits()) {
                sum[lf.law().ordinal()] += lf.converged() ? lf.aic() : Double.NaN;
            }
        }
        return LawSelection.byAic(sum);
    }

    private static String seriesLabel(GrowthSeries s) {
        return s.name().isEmpty() ? "all rows (no series column)" : "series '" + s.name() + "'";
    }

    /** Four significant digits without trailing zeros: 40, 0.1084, 3.18e+08. */
    static String g(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        final String s = String.format(Locale.ROOT, "%.4g", v);
        final int e = s.indexOf('e');
        final String mantissa = e < 0 ? s : s.substring(0, e);
        final String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') < 0) {
            return s;
        }
        String m = mantissa.replaceAll("0+$", "");
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return m + exponent;
    }

    private static String pm(double est, double se) {
        if (Double.isNaN(est)) {
            return "-";
        }
        return g(est) + " ± " + g(se);
    }

    private static void printTables(PrintWriter out, List<SeriesFit> fits, LawSelection overall, FitScale scale) {
        for (SeriesFit f : fits) {
            final GrowthSeries s = f.series();
            out.printf(Locale.ROOT, "%s: %d points, t = %s .. %s days; least squares on %s; N0 is N at t = %s%n",
                    seriesLabel(s), s.size(), g(s.time(0)), g(s.time(s.size() - 1)),
                    scale == FitScale.LOG ? "ln N" : "N", g(s.time(0)));
            out.printf(Locale.ROOT, "  %-12s %-22s %-22s %-22s %-10s %-9s %-9s %-9s %-7s %s%n", "law", "N0 ± SE",
                    "r ± SE (1/day)", "K ± SE", "RSS", "AIC", "BIC", "dAIC", "weight", "note");
            final double[] delta = f.selection().deltaAic();
            final double[] weight = f.selection().weights();
            for (LawFit lf : f.fits()) {
                final double[] e = lf.estimate();
                final double[] se = lf.standardError();
                final int i = lf.law().ordinal();
                out.printf(Locale.ROOT, "  %-12s %-22s %-22s %-22s %-10s %-9s %-9s %-9s %-7s %s%n", lf.label(),
                        pm(e[0], se[0]), pm(e[1], se[1]), pm(e[2], se[2]), g(lf.rss()),
                        lf.converged() ? String.format(Locale.ROOT, "%.2f", lf.aic()) : "-",
                        lf.converged() ? String.format(Locale.ROOT, "%.2f", lf.bic()) : "-",
                        Double.isNaN(delta[i]) ? "-" : String.format(Locale.ROOT, "%.2f", delta[i]),
                        Double.isNaN(weight[i]) ? "-" : String.format(Locale.ROOT, "%.3f", weight[i]), lf.note());
            }
            out.println("  " + selectionLine(f.selection()));
            final PerCapitaDiagnostic d = f.diagnostic();
            out.printf(Locale.ROOT, "  per-capita growth rate g = (1/N) dN/dt from %d finite differences of ln N: mean %s /day (sd %s)%n",
                    d.intervals(), g(d.meanRate()), g(d.sdRate()));
            out.println("    " + regressionLine("g vs N:   ", d.versusN()));
            out.println("    " + regressionLine("g vs ln N:", d.versusLnN()));
            out.println("    pattern: " + d.pattern());
            out.println();
        }
        if (overall != null) {
            out.printf(Locale.ROOT, "all %d series (same law, own parameters; AICs summed): %s%n", fits.size(),
                    selectionLine(overall));
        }
    }

    private static String regressionLine(String what, Regression r) {
        return String.format(Locale.ROOT, "%s slope %s ± %s (t = %s), intercept %s, R^2 %s", what, g(r.slope()),
                g(r.slopeError()), g(r.tStatistic()), g(r.intercept()), g(r.rSquared()));
    }

    private static String label(GrowthLaw law) {
        return GrowthLaw.LABELS.get(law.ordinal());
    }

    static String selectionLine(LawSelection sel) {
        if (sel.selected() == null) {
            return "selected: none (no fit converged)";
        }
        final StringBuilder sb = new StringBuilder("selected: ").append(label(sel.selected())).append(" (min AIC");
        if (sel.runnerUp() != null) {
            sb.append(String.format(Locale.ROOT, "; runner-up %s at dAIC = %.2f", label(sel.runnerUp()),
                    sel.runnerUpDelta()));
        }
        sb.append(')');
        if (sel.closeCall()) {
            sb.append(" -- close call: the data do not clearly distinguish ").append(label(sel.selected()))
                    .append(" from ").append(label(sel.runnerUp()));
        }
        return sb.toString();
    }

    private static String toJson(List<SeriesFit> fits, LawSelection overall, FitScale scale) throws Exception {
        final ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scale", scale.label());
        final ArrayNode series = root.putArray("series");
        for (SeriesFit f : fits) {
            final ObjectNode node = series.addObject();
            final GrowthSeries s = f.series();
            if (s.name().isEmpty()) {
                node.putNull("name");
            } else {
                node.put("name", s.name());
            }
            node.put("points", s.size());
            node.put("t_first", s.time(0));
            node.put("t_last", s.time(s.size() - 1));
            final ArrayNode laws = node.putArray("fits");
            final double[] delta = f.selection().deltaAic();
            final double[] weight = f.selection().weights();
            for (LawFit lf : f.fits()) {
                final ObjectNode l = laws.addObject();
                l.put("law", lf.label());
                l.put("converged", lf.converged());
                final ObjectNode params = l.putObject("parameters");
                final String[] names = {"N0", "r", "K"};
                for (int j = 0; j < lf.parameters(); j++) {
                    final ObjectNode pj = params.putObject(names[j]);
                    put(pj, "estimate", lf.estimate()[j]);
                    put(pj, "standard_error", lf.standardError()[j]);
                }
                put(l, "rss", lf.rss());
                put(l, "aic", lf.aic());
                put(l, "aicc", lf.aicc());
                put(l, "bic", lf.bic());
                put(l, "delta_aic", delta[lf.law().ordinal()]);
                put(l, "akaike_weight", weight[lf.law().ordinal()]);
                l.put("iterations", lf.iterations());
                l.put("note", lf.note());
            }
            putSelection(node.putObject("selection"), f.selection());
            final PerCapitaDiagnostic d = f.diagnostic();
            final ObjectNode pc = node.putObject("per_capita_rate");
            pc.put("intervals", d.intervals());
            put(pc, "mean", d.meanRate());
            put(pc, "sd", d.sdRate());
            putRegression(pc.putObject("versus_N"), d.versusN());
            putRegression(pc.putObject("versus_ln_N"), d.versusLnN());
            if (d.suggested() == null) {
                pc.putNull("suggested");
            } else {
                pc.put("suggested", label(d.suggested()));
            }
            pc.put("pattern", d.pattern());
        }
        if (overall == null) {
            root.putNull("overall");
        } else {
            putSelection(root.putObject("overall"), overall);
        }
        return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void putSelection(ObjectNode node, LawSelection sel) {
        if (sel.selected() == null) {
            node.putNull("selected");
        } else {
            node.put("selected", label(sel.selected()));
        }
        if (sel.runnerUp() == null) {
            node.putNull("runner_up");
        } else {
            node.put("runner_up", label(sel.runnerUp()));
        }
        put(node, "runner_up_delta_aic", sel.runnerUpDelta());
        node.put("close_call", sel.closeCall());
    }

    private static void putRegression(ObjectNode node, Regression r) {
        put(node, "slope", r.slope());
        put(node, "slope_standard_error", r.slopeError());
        put(node, "intercept", r.intercept());
        put(node, "r_squared", r.rSquared());
    }

    private static void put(ObjectNode node, String name, double v) {
        if (Double.isFinite(v)) {
            node.put(name, v);
        } else {
            node.putNull(name);
        }
    }
}
