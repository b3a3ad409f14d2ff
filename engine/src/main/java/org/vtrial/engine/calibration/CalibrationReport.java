package org.vtrial.engine.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.stats.Estimate;

/**
 * The tables of a calibration: targets against achieved values ({@code targets.csv} and the terminal
 * table), the optimisation trace ({@code trace.csv}) and the summary ({@code calibration.json}).
 * Numbers in CSV are written with full precision (Java's round-trip representation), NaN as empty.
 */
public final class CalibrationReport {

    /** Columns of targets.csv. */
    public static final List<String> TARGET_COLUMNS = List.of("target", "role", "arm", "statistic", "published",
            "n", "se", "published_lo95", "published_hi95", "start", "simulated", "simulation_se", "z", "inside_95",
            "source");

    private CalibrationReport() {
    }

    /** @return targets.csv */
    public static String targetsCsv(Calibrator.Result r) {
        final StringBuilder sb = new StringBuilder(String.join(",", TARGET_COLUMNS)).append('\n');
        final List<Target> targets = r.spec().targets();
        for (int i = 0; i < targets.size(); i++) {
            final Target t = targets.get(i);
            final Estimate e = t.interval();
            sb.append(csv(t.name())).append(',').append(t.calibrate() ? "calibrate" : "check").append(',')
                    .append(csv(t.armName())).append(',').append(csv(t.statistic().describe())).append(',')
                    .append(num(t.value())).append(',').append(num(t.n())).append(',').append(num(t.standardError()))
                    .append(',').append(num(e.lo())).append(',').append(num(e.hi())).append(',')
                    .append(num(r.startSimulated()[i])).append(',').append(num(r.simulated()[i])).append(',')
                    .append(num(r.simulationError(i))).append(',').append(num(t.z(r.simulated()[i]))).append(',')
                    .append(t.inside(r.simulated()[i])).append(',').append(csv(t.source())).append('\n');
        }
        return sb.toString();
    }

    /** @return trace.csv: one row per evaluation */
    public static String traceCsv(Calibrator.Result r) {
        final List<String> header = new ArrayList<>(List.of("evaluation", "seconds", "objective"));
        r.spec().free().forEach(f -> header.add(f.label()));
        r.spec().calibrated().forEach(t -> header.add(t.name()));
        header.add("problem");
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(csv(header.get(i)));
        }
        sb.append('\n');
        for (Calibrator.TraceEntry e : r.trace()) {
            sb.append(e.evaluation()).append(',').append(num(e.seconds())).append(',').append(num(e.objective()));
            for (double v : e.values()) {
                sb.append(',').append(num(v));
            }
            for (double v : e.simulated()) {
                sb.append(',').append(num(v));
            }
            sb.append(',').append(e.problem() == null ? "" : csv(e.problem())).append('\n');
        }
        return sb.toString();
    }

    /** @return the summary document (calibration.json) */
    public static ObjectNode summary(Calibrator.Result r, int threads) {
        final CalibrationSpec spec = r.spec();
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("name", spec.name());
        m.put("calibration_file", spec.file().toString());
        m.put("trial", spec.trial().file().toString());
        m.put("cohort", spec.trial().cohort().file().toString());
        m.put("calibrated_cohort_name", spec.cohortName());
        m.put("evaluation", "in-process: the trial kernel over patients 0.." + (spec.patients() - 1)
                + " of replicate 0 of each target arm, on " + threads + " thread(s), the same patients every evaluation");
        m.put("patients_per_arm", spec.patients());
        final ObjectNode o = m.putObject("optimizer");
        o.put("method", spec.optimizer().method().label());
        o.put("max_evaluations", spec.optimizer().maxEvaluations());
        o.put("initial_radius", spec.optimizer().initialRadius());
        o.put("stopping_radius", spec.optimizer().stoppingRadius());
        if (!Double.isNaN(spec.optimizer().stopObjective())) {
            o.put("stop_objective", spec.optimizer().stopObjective());
        }
        if (spec.optimizer().method() == OptimizerSettings.Method.CMAES) {
            o.put("population", spec.optimizer().population());
            o.put("seed", spec.optimizer().seed());
        }
        m.put("converged", r.converged());
        m.put("message", r.message());
        m.put("evaluations", r.evaluations());
        m.put("wall_seconds", r.wallSeconds());
        m.put("start_objective", r.startObjective());
        m.put("objective", r.objective());
        m.put("targets_outside_95", r.outside());
        final ObjectNode values = m.putObject("values");
        for (int i = 0; i < spec.free().size(); i++) {
            final FreeValue f = spec.free().get(i);
            final ObjectNode v = values.putObject(f.label());
            v.put("start", r.start()[i]);
            v.put("calibrated", r.values()[i]);
            v.put("lower", f.lower());
            v.put("upper", f.upper());
            v.put("scale", f.log() ? "log" : "linear");
            v.put("at_bound", r.values()[i] <= f.lower() || r.values()[i] >= f.upper());
        }
        final ArrayNode targets = m.putArray("targets");
        for (int i = 0; i < spec.targets().size(); i++) {
            final Target t = spec.targets().get(i);
            final ObjectNode n = targets.addObject();
            n.put("name", t.name());
            n.put("role", t.calibrate() ? "calibrate" : "check");
            n.put("arm", t.armName());
            n.put("statistic", t.statistic().describe());
            n.put("published", t.value());
            putNumber(n, "n", t.n());
            n.put("se", t.standardError());
            n.put("published_lo95", t.interval().lo());
            n.put("published_hi95", t.interval().hi());
            putNumber(n, "start", r.startSimulated()[i]);
            putNumber(n, "simulated", r.simulated()[i]);
            putNumber(n, "simulation_se", r.simulationError(i));
            n.put("z", t.z(r.simulated()[i]));
            n.put("inside_95", t.inside(r.simulated()[i]));
            n.put("source", t.source());
        }
        return m;
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else if (Double.isInfinite(v)) {
            n.put(field, v > 0 ? "Infinity" : "-Infinity");
        } else {
            n.put(field, v);
        }
    }

    /** @return the terminal table: one line per target, then the values */
    public static String table(Calibrator.Result r) {
        final CalibrationSpec spec = r.spec();
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-9s %-12s %-36s %10s %21s %10s %10s %7s %s%n", "target", "role",
                "arm", "statistic", "published", "95% interval", "start", "simulated", "z", "inside"));
        for (int i = 0; i < spec.targets().size(); i++) {
            final Target t = spec.targets().get(i);
            final Estimate e = t.interval();
            sb.append(String.format(Locale.ROOT, "%-24s %-9s %-12s %-36s %10s %21s %10s %10s %7s %s%n", t.name(),
                    t.calibrate() ? "calibrate" : "check", t.armName(), t.statistic().describe(), fmt(t.value()),
                    "[" + fmt(e.lo()) + ", " + fmt(e.hi()) + "]", fmt(r.startSimulated()[i]), fmt(r.simulated()[i]),
                    String.format(Locale.ROOT, "%.2f", t.z(r.simulated()[i])), t.inside(r.simulated()[i]) ? "yes" : "NO"));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-20s %12s %12s %25s%n", "value", "start", "calibrated", "bounds"));
        for (int i = 0; i < spec.free().size(); i++) {
            final FreeValue f = spec.free().get(i);
            final boolean atBound = r.values()[i] <= f.lower() || r.values()[i] >= f.upper();
            sb.append(String.format(Locale.ROOT, "%-20s %12s %12s %25s%s%n", f.label(), fmt(r.start()[i]),
                    fmt(r.values()[i]), "[" + fmt(f.lower()) + ", " + fmt(f.upper()) + "] " + (f.log() ? "log" : "linear"),
                    atBound ? "  (at a bound)" : ""));
        }
        sb.append(String.format(Locale.ROOT, "%nobjective %.4g (start %.4g), %d evaluations, %.1f s; %s%n",
                r.objective(), r.startObjective(), r.evaluations(), r.wallSeconds(), r.message()));
        final int outside = r.outside();
        sb.append(outside == 0 ? "every target lies inside its published 95% interval\n"
                : outside + " of " + spec.targets().size() + " targets lie outside their published 95% interval\n");
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        final double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
