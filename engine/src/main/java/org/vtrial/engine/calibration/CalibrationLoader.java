package org.vtrial.engine.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree;
import org.vtrial.engine.io.JsonTree.Node;
import org.vtrial.engine.io.Origin;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.sampling.Marginal;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.trial.CohortParameter;
import org.vtrial.engine.trial.CohortSpec;
import org.vtrial.engine.trial.DistributionSpec;
import org.vtrial.engine.trial.JsonFields;
import org.vtrial.engine.trial.TrialKernel;
import org.vtrial.engine.trial.TrialLoader;
import org.vtrial.engine.trial.TrialSpec;

/**
 * Reads and validates a calibration file (format: docs/CALIBRATION.md) and the trial and cohort it
 * names. Strict like the other inputs: every problem of the three files is reported at once, each
 * with file, line, column and JSON path; nothing is simulated when the input is bad.
 *
 * <p>Besides each field's own checks, the bounds are checked against the cohort: at every corner of
 * the box of free values (up to {@link #MAX_CORNERS} of them) the cohort must stay admissible for
 * every arm of the trial (distribution ranges, truncation mass, the model's relations), so that no
 * evaluation of the optimiser can meet an inadmissible cohort.
 */
public final class CalibrationLoader {

    /** Largest number of corners of the bounds checked (2^10: ten free values). */
    static final int MAX_CORNERS = 1024;
    /** Corner problems reported at most. */
    private static final int MAX_CORNER_PROBLEMS = 3;
    /** Fields of a distribution whose value must stay positive. */
    private static final List<String> POSITIVE = List.of("median", "cv", "sd", "log_sd");

    private CalibrationLoader() {
    }

    /**
     * Loads a calibration file.
     *
     * @throws BadInputException listing every problem of the file, its trial and its cohort
     */
    public static CalibrationSpec load(Path file) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        final InputProblems p = new InputProblems(file, problems);
        final Node root = JsonTree.read(file, p);
        if (root == null) {
            throw new BadInputException(problems);
        }
        final JsonFields f = JsonFields.of(root, p, "a calibration");
        if (!f.valid()) {
            throw new BadInputException(problems);
        }
        f.allow("$schema");
        final String name = f.string("name", true);
        if (name != null && !JsonFields.isName(name)) {
            p.add(root.get("name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
        }
        final String description = f.string("description", false);

        TrialSpec trial = null;
        final String trialText = f.string("trial", true);
        if (trialText != null) {
            final Path parent = file.getParent();
            final Path trialFile = (parent == null ? Path.of(trialText) : parent.resolve(trialText)).normalize();
            if (!Files.isRegularFile(trialFile)) {
                p.add(root.get("trial"), "trial file not found: " + trialFile
                        + " (a relative path is resolved against the calibration file's folder)");
            } else {
                try {
                    trial = TrialLoader.load(trialFile);
                } catch (BadInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (trial != null && !trial.uncertainty().isEmpty()) {
            p.add(root.get("trial"), "the trial redraws population-level values per replicate (\"replicates\"."
                    + "\"uncertainty\"): calibrate against a trial without replicate uncertainty, whose replicate 0"
                    + " is the cohort as written");
            trial = null;
        }

        final Long patients = f.integer("patients", false, 1, CalibrationSpec.MAX_PATIENTS);
        final String cohortName = f.string("cohort_name", false);
        if (cohortName != null && !JsonFields.isName(cohortName)) {
            p.add(root.get("cohort_name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
        }

        final List<FreeValue> free = free(file, f.required("fit"), trial, p);
        final List<Target> targets = targets(file, f.required("targets"), trial, p);
        final OptimizerSettings optimizer = optimizer(f.get("optimizer"), free == null ? 0 : free.size(), root, p);
        final List<String> limits = limits(f.get("limits"), p);
        f.rejectUnknown("a calibration");

        if (problems.isEmpty() && trial != null && free != null && targets != null && optimizer != null) {
            corners(trial, free, root.get("fit"), p);
        }
        if (!problems.isEmpty() || trial == null || free == null || targets == null || optimizer == null) {
            throw new BadInputException(problems.isEmpty() ? List.of(file + ": cannot load the calibration") : problems);
        }
        return new CalibrationSpec(file, name, description == null ? "" : description, trial,
                patients == null ? CalibrationSpec.DEFAULT_PATIENTS : patients.intValue(),
                cohortName == null ? trial.cohort().name() : cohortName, free, targets, optimizer, limits);
    }

    /** @return the "limits" list of non-empty strings (empty when absent) */
    private static List<String> limits(Node node, InputProblems p) {
        final List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        final List<Node> items = JsonFields.array(node, p, "a list of limits (strings)");
        if (items == null) {
            return out;
        }
        for (Node item : items) {
            final String s = JsonFields.string(item, p);
            if (s != null && s.isBlank()) {
                p.add(item, "a limit is a non-empty sentence");
            } else if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    // ---- free values ---------------------------------------------------------------------------

    private static List<FreeValue> free(Path file, Node node, TrialSpec trial, InputProblems p) {
        if (node == null) {
            return null;
        }
        final List<Node> items = JsonFields.array(node, p, "a list of values to fit");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            p.add(node, "give at least one value to fit");
            return null;
        }
        final int before = p.list().size();
        final List<FreeValue> out = new ArrayList<>();
        final Map<String, Node> seen = new HashMap<>();
        for (Node item : items) {
            final JsonFields f = JsonFields.of(item, p, "a value to fit");
            if (!f.valid()) {
                continue;
            }
            final String parameter = f.string("parameter", true);
            final String field = f.string("field", true);
            final Double lower = f.number("lower", true);
            final Double upper = f.number("upper", true);
            final Double start = f.number("start", false);
            final String scale = f.string("scale", false);
            f.rejectUnknown("a value to fit");
            if (scale != null && !scale.equals("log") && !scale.equals("linear")) {
                p.add(item.get("scale"), "scale is \"log\" or \"linear\", got \"" + scale + "\"");
                continue;
            }
            if (parameter == null || field == null || lower == null || upper == null) {
                continue;
            }
            if (!(lower < upper)) {
                p.add(item.get("upper"), "upper (" + Marginal.fmt(upper) + ") must be above lower (" + Marginal.fmt(lower) + ")");
                continue;
            }
            final boolean log = scale == null ? lower > 0 : scale.equals("log");
            if (log && !(lower > 0)) {
                p.add(item.get("lower"), "a log scale needs positive bounds, got lower " + Marginal.fmt(lower));
                continue;
            }
            if (POSITIVE.contains(field) && !(lower > 0)) {
                p.add(item.get("lower"), field + " must stay positive: lower must be above 0, got " + Marginal.fmt(lower));
                continue;
            }
            final String key = parameter + "." + field;
            if (seen.containsKey(key)) {
                p.add(item, key + " is fitted twice (first at " + seen.get(key).where() + ")");
                continue;
            }
            seen.put(key, item);
            if (trial == null) {
                continue;
            }
            final CohortSpec cohort = trial.cohort();
            final CohortParameter cp = cohort.parameter(parameter);
            if (cp == null) {
                final List<String> names = new ArrayList<>();
                cohort.parameters().forEach(c -> names.add(c.name()));
                final boolean known = trial.model().parameters().indexOf(parameter) >= 0;
                p.add(item.get("parameter"), "'" + parameter + "' has no distribution in the cohort ("
                        + cohort.file() + ")" + (known ? ": give it one there first (its starting point)"
                        : "; it is no parameter of model " + trial.model().name()
                        + suggestion(parameter, trial.model().parameters().names()))
                        + " (the cohort's parameters: " + String.join(", ", names) + ")");
                continue;
            }
            final DistributionSpec d = cp.distribution();
            if (d.label() != null) {
                p.add(item.get("parameter"), "'" + parameter + "' is a named choice: it cannot be fitted");
                continue;
            }
            if (field.equals("lower") || field.equals("upper")) {
                p.add(item.get("field"), "truncation bounds are inclusion criteria, not population-level values:"
                        + " they are not fitted");
                continue;
            }
            if (!d.has(field)) {
                final List<String> fields = new ArrayList<>();
                for (String s : DistributionSpec.fieldsOf(d.kind())) {
                    if (d.has(s)) {
                        fields.add(s);
                    }
                }
                p.add(item.get("field"), "the cohort's distribution of '" + parameter + "' (" + d.describe()
                        + ") has no field '" + field + "' (its fields: " + String.join(", ", fields) + ")");
                continue;
            }
            final ParameterSpec ps = trial.model().parameters().get(trial.model().parameters().indexOf(parameter));
            if ((field.equals("value") || field.equals("min") || field.equals("max") || field.equals("median")
                    || field.equals("mean")) && (lower < ps.min() || upper > ps.max())) {
                p.add(item, "bounds [" + Marginal.fmt(lower) + ", " + Marginal.fmt(upper) + "] of " + key
                        + " leave the admissible range of '" + parameter + "' [" + Marginal.fmt(ps.min()) + ", "
                        + Marginal.fmt(ps.max()) + "]");
                continue;
            }
            double s0;
            if (start != null) {
                s0 = start;
            } else if (field.equals(d.anchoredField())) {
                s0 = anchor(trial, parameter, item, p);
                if (Double.isNaN(s0)) {
                    continue;
                }
            } else {
                s0 = d.numbers().get(field);
            }
            if (!(s0 >= lower && s0 <= upper)) {
                p.add(start != null ? item.get("start") : item, "the start " + Marginal.fmt(s0)
                        + (start != null ? "" : " (the cohort's value)") + " of " + key + " lies outside [" + Marginal.fmt(lower)
                        + ", " + Marginal.fmt(upper) + "]");
                continue;
            }
            out.add(new FreeValue(parameter, field, lower, upper, s0, log, Origin.of(file, item)));
        }
        return p.list().size() > before ? null : out;
    }

    /**
     * @return the cohort's own value of a free value: the number in its distribution, or for a field
     *         written {@code "preset"} the value of the trial's first arm
     */
    static double cohortValue(TrialSpec trial, FreeValue f) {
        final DistributionSpec d = trial.cohort().parameter(f.parameter()).distribution();
        if (f.field().equals(d.anchoredField())) {
            return trial.population().base(0, 0)[trial.model().parameters().indexOf(f.parameter())] * d.anchorScale();
        }
        return d.numbers().get(f.field());
    }

    /** @return the arms' common value of an anchored parameter, or NaN after reporting */
    private static double anchor(TrialSpec trial, String parameter, Node item, InputProblems p) {
        final int index = trial.model().parameters().indexOf(parameter);
        double v = Double.NaN;
        for (int a = 0; a < trial.arms().size(); a++) {
            final double x = trial.population().base(0, a)[index];
            if (Double.isNaN(v)) {
                v = x;
            } else if (x != v) {
                p.add(item, "the cohort takes the median of '" + parameter + "' from the arm (\"preset\") and the arms"
                        + " differ (" + Marginal.fmt(v) + " and " + Marginal.fmt(x) + "): give \"start\"");
                return Double.NaN;
            }
        }
        return v;
    }

    private static String suggestion(String name, List<String> names) {
        final String guess = JsonFields.closest(name, names);
        return guess == null ? "" : "; did you mean '" + guess + "'?";
    }

    // ---- targets -------------------------------------------------------------------------------

    private static List<Target> targets(Path file, Node node, TrialSpec trial, InputProblems p) {
        if (node == null) {
            return null;
        }
        final List<Node> items = JsonFields.array(node, p, "a list of targets");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            p.add(node, "give at least one target");
            return null;
        }
        final List<String> columns = new ArrayList<>();
        if (trial != null) {
            for (ColumnSpec c : TrialKernel.of(trial).columns()) {
                columns.add(c.name());
            }
        }
        final int before = p.list().size();
        final List<Target> out = new ArrayList<>();
        final Map<String, Node> names = new HashMap<>();
        for (Node item : items) {
            final JsonFields f = JsonFields.of(item, p, "a target");
            if (!f.valid()) {
                continue;
            }
            final String name = f.string("name", true);
            final String kindLabel = f.string("statistic", true);
            final String armName = f.string("arm", false);
            final Double value = f.number("value", true);
            final Double n = f.number("n", false);
            final Double se = f.number("se", false);
            final String role = f.string("role", false);
            final String source = f.string("source", true);
            final String column = f.string("column", false);
            final Double q = f.number("q", false);
            final Double day = f.number("day", false);
            final Double fromDay = f.number("from_day", false);
            final Double toDay = f.number("to_day", false);
            final String amongLabel = f.string("among", false);
            final String notReproduced = f.string("not_reproduced", false);
            f.rejectUnknown("a target");
            final int problemsBefore = p.list().size();
            if (name != null) {
                if (!JsonFields.isName(name)) {
                    p.add(item.get("name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
                } else if (names.containsKey(name)) {
                    p.add(item.get("name"), "target name '" + name + "' is used twice (first at " + names.get(name).where() + ")");
                } else {
                    names.put(name, item.get("name"));
                }
            }
            if (role != null && !role.equals("calibrate") && !role.equals("check")) {
                p.add(item.get("role"), "role is \"calibrate\" (the figure enters the objective) or \"check\" (only"
                        + " reported), got \"" + role + "\"");
            }
            if (notReproduced != null && (role == null || !role.equals("check"))) {
                p.addAtKey(item.get("not_reproduced"), "not_reproduced (a known miss, reported but not claimed) applies"
                        + " to a target with role \"check\" only: a figure that enters the objective is claimed");
            } else if (notReproduced != null && notReproduced.isBlank()) {
                p.add(item.get("not_reproduced"), "not_reproduced says why the figure is not reproduced; it is empty");
            }
            if (kindLabel == null) {
                continue;
            }
            final Statistic.Kind kind = Statistic.Kind.of(kindLabel);
            if (kind == null) {
                p.add(item.get("statistic"), "unknown statistic '" + kindLabel + "'"
                        + suggestion(kindLabel, Statistic.Kind.labels()) + " (known: "
                        + String.join(", ", Statistic.Kind.labels()) + ")");
                continue;
            }
            final double horizon = trial == null ? Double.POSITIVE_INFINITY : trial.horizonDays();
            // arguments each statistic takes
            final boolean dayKind = kind == Statistic.Kind.RELAPSE || kind == Statistic.Kind.RELAPSE_FREE
                    || kind == Statistic.Kind.ANTIGEN_NEGATIVE_SHARE || kind == Statistic.Kind.EVENT_FREE;
            notFor(item, "column", column != null && kind != Statistic.Kind.QUANTILE, kindLabel, p);
            notFor(item, "q", q != null && kind != Statistic.Kind.QUANTILE, kindLabel, p);
            notFor(item, "among", amongLabel != null && kind != Statistic.Kind.QUANTILE
                    && kind != Statistic.Kind.HALF_LIFE, kindLabel, p);
            notFor(item, "day", day != null && !dayKind, kindLabel, p);
            notFor(item, "from_day", fromDay != null && kind != Statistic.Kind.HALF_LIFE, kindLabel, p);
            notFor(item, "to_day", toDay != null && kind != Statistic.Kind.HALF_LIFE, kindLabel, p);
            Statistic.Among among = Statistic.Among.ALL;
            if (amongLabel != null) {
                among = Statistic.Among.of(amongLabel);
                if (among == null) {
                    p.add(item.get("among"), "unknown subgroup '" + amongLabel + "'" + suggestion(amongLabel,
                            Statistic.Among.labels()) + " (known: " + String.join(", ", Statistic.Among.labels()) + ")");
                    among = Statistic.Among.ALL;
                }
            }
            Statistic statistic = null;
            switch (kind) {
                case QUANTILE:
                    if (column == null) {
                        p.add(item, "a quantile needs \"column\" (an endpoint column)");
                    } else if (trial != null && !columns.contains(column)) {
                        p.add(item.get("column"), "unknown column '" + column + "'" + suggestion(column, columns)
                                + " (the trial's columns: " + String.join(", ", columns) + ")");
                    }
                    if (q == null) {
                        p.add(item, "a quantile needs \"q\", a probability in (0, 1), e.g. 0.5 for the median");
                    } else if (!(q > 0 && q < 1)) {
                        p.add(item.get("q"), "q is a probability in (0, 1), got " + Marginal.fmt(q));
                    }
                    statistic = Statistic.quantile(column, q == null ? Double.NaN : q, among);
                    break;
                case HALF_LIFE:
                    if (fromDay == null || toDay == null) {
                        p.add(item, "a half-life needs \"from_day\" and \"to_day\"");
                    } else if (!(fromDay >= 0 && fromDay < toDay && toDay <= horizon)) {
                        p.add(item.get("to_day"), "a half-life needs 0 <= from_day < to_day <= horizon_days ("
                                + Marginal.fmt(horizon) + "), got from_day " + Marginal.fmt(fromDay) + ", to_day "
                                + Marginal.fmt(toDay));
                    }
                    statistic = Statistic.halfLife(fromDay == null ? Double.NaN : fromDay,
                            toDay == null ? Double.NaN : toDay, among);
                    break;
                case RELAPSE_FREE:
                case EVENT_FREE:
                    if (day == null) {
                        p.add(item, "statistic " + kindLabel + " needs \"day\" (the day the fraction is read at)");
                    }
                    // fall through
                default:
                    if (day != null && !(day > 0 && day <= horizon)) {
                        p.add(item.get("day"), "day lies in (0, horizon_days] = (0, " + Marginal.fmt(horizon) + "], got "
                                + Marginal.fmt(day));
                    }
                    statistic = dayKind && day != null ? Statistic.atDay(kind, day) : Statistic.of(kind);
                    break;
            }
            if (trial != null && kind != Statistic.Kind.QUANTILE) {
                for (String c : statistic.columns()) {
                    if (!columns.contains(c)) {
                        p.add(item.get("statistic"), "statistic " + kindLabel + " reads column '" + c
                                + "', which model " + trial.model().name() + " does not produce");
                    }
                }
                if (kind == Statistic.Kind.HALF_LIFE) {
                    final List<String> states = TrialKernel.of(trial).stateNames();
                    if (!states.containsAll(List.of("E", "M", "X"))) {
                        p.add(item.get("statistic"), "a half-life reads the CAR-T states E, M and X; model "
                                + trial.model().name() + " has " + states);
                    }
                }
            }
            // the published value and its uncertainty
            if (value != null) {
                if (kind.proportion()) {
                    if (!(value >= 0 && value <= 1)) {
                        p.add(item.get("value"), "a proportion lies in [0, 1] (write 0.81 for 81%), got " + Marginal.fmt(value));
                    } else if (n != null && !(value > 0 && value < 1)) {
                        p.add(item.get("value"), "a proportion of " + Marginal.fmt(value) + " has no binomial standard"
                                + " error: give \"se\" instead of \"n\"");
                    }
                    if ((n == null) == (se == null)) {
                        p.add(item, "give exactly one of \"n\" (patients the published proportion rests on: its"
                                + " standard error is sqrt(p(1-p)/n)) and \"se\" (a stated standard error)");
                    }
                } else {
                    if (n != null) {
                        p.add(item.get("n"), "\"n\" gives the binomial error of a proportion; " + kindLabel
                                + " needs a stated standard error \"se\"");
                    } else if (se == null) {
                        p.add(item, kindLabel + " needs \"se\", the standard error of the published value");
                    }
                }
            }
            if (n != null && !(n >= 1)) {
                p.add(item.get("n"), "n is a number of patients, at least 1, got " + Marginal.fmt(n));
            }
            if (se != null && !(se > 0)) {
                p.add(item.get("se"), "se must be positive, got " + Marginal.fmt(se));
            }
            int arm = trial == null ? -1 : trial.referenceArm();
            if (armName != null && trial != null) {
                arm = trial.armIndex(armName);
                if (arm < 0) {
                    p.add(item.get("arm"), "no arm is called '" + armName + "' (arms: "
                            + String.join(", ", trial.armNames()) + ")");
                }
            }
            if (p.list().size() > problemsBefore || trial == null || name == null || value == null || source == null) {
                continue;
            }
            out.add(new Target(name, statistic, arm, trial.armNames().get(arm), value,
                    n == null ? Double.NaN : n, se == null ? Double.NaN : se, role == null || role.equals("calibrate"),
                    source, Origin.of(file, item), notReproduced));
        }
        if (p.list().size() > before) {
            return null;
        }
        if (out.stream().noneMatch(Target::calibrate)) {
            p.add(node, "no target has role \"calibrate\": at least one figure must enter the objective");
            return null;
        }
        return out;
    }

    private static void notFor(Node item, String field, boolean present, String kind, InputProblems p) {
        if (present) {
            p.addAtKey(item.get(field), "field '" + field + "' does not apply to statistic " + kind);
        }
    }

    // ---- optimiser -----------------------------------------------------------------------------

    private static OptimizerSettings optimizer(Node node, int k, Node root, InputProblems p) {
        OptimizerSettings.Method method = OptimizerSettings.Method.BOBYQA;
        int max = OptimizerSettings.DEFAULT_MAX_EVALUATIONS;
        double initial = OptimizerSettings.DEFAULT_INITIAL_RADIUS;
        double stopping = OptimizerSettings.DEFAULT_STOPPING_RADIUS;
        int population = 0;
        long seed = 1;
        double stopObjective = Double.NaN;
        final int before = p.list().size();
        Node methodNode = null;
        if (node != null) {
            final JsonFields f = JsonFields.of(node, p, "the optimizer settings");
            if (!f.valid()) {
                return null;
            }
            final String m = f.string("method", false);
            methodNode = node.get("method");
            if (m != null) {
                method = OptimizerSettings.Method.of(m);
                if (method == null) {
                    p.add(methodNode, "unknown method '" + m + "' (known: bobyqa, cmaes)");
                    method = OptimizerSettings.Method.BOBYQA;
                }
            }
            final Long me = f.integer("max_evaluations", false, 1, 1_000_000);
            if (me != null) {
                max = me.intValue();
            }
            final Double ir = f.number("initial_radius", false);
            if (ir != null) {
                if (!(ir > 0 && ir <= 0.5)) {
                    p.add(node.get("initial_radius"), "initial_radius is a fraction of each value's range in (0, 0.5], got "
                            + Marginal.fmt(ir));
                } else {
                    initial = ir;
                }
            }
            final Double sr = f.number("stopping_radius", false);
            if (sr != null) {
                if (!(sr > 0)) {
                    p.add(node.get("stopping_radius"), "stopping_radius must be positive, got " + Marginal.fmt(sr));
                } else {
                    stopping = sr;
                }
            }
            final Long pop = f.integer("population", false, 0, 10_000);
            if (pop != null) {
                population = pop.intValue();
            }
            final Long s = f.integer("seed", false, Long.MIN_VALUE, Long.MAX_VALUE);
            if (s != null) {
                seed = s;
            }
            final Double so = f.number("stop_objective", false);
            if (so != null) {
                if (!(so >= 0)) {
                    p.add(node.get("stop_objective"), "stop_objective is a sum of squared deviations, at least 0, got "
                            + Marginal.fmt(so));
                } else {
                    stopObjective = so;
                }
            }
            f.rejectUnknown("the optimizer settings");
            if (stopping >= initial && p.list().size() == before) {
                p.add(node, "stopping_radius (" + Marginal.fmt(stopping) + ") must be below initial_radius ("
                        + Marginal.fmt(initial) + ")");
            }
            if (population > 0 && method != OptimizerSettings.Method.CMAES) {
                p.add(node.get("population"), "population applies to method cmaes");
            }
            if (s != null && method != OptimizerSettings.Method.CMAES) {
                p.add(node.get("seed"), "seed applies to method cmaes");
            }
        }
        if (method == OptimizerSettings.Method.BOBYQA && k == 1) {
            p.add(methodNode != null ? methodNode : root, "bobyqa needs at least two values to fit; with one, use"
                    + " \"method\": \"cmaes\"");
        }
        if (method == OptimizerSettings.Method.BOBYQA && k >= 2 && max < 2 * k + 2) {
            p.add(node != null && node.get("max_evaluations") != null ? node.get("max_evaluations") : root,
                    "bobyqa with " + k + " values needs more than " + (2 * k + 1) + " evaluations (its first"
                    + " interpolation model), got max_evaluations " + max);
        }
        return p.list().size() > before ? null : new OptimizerSettings(method, max, initial, stopping, population, seed,
                stopObjective);
    }

    // ---- bounds against the cohort -------------------------------------------------------------

    /** Reports corners of the bounds at which the cohort is inadmissible for an arm of the trial. */
    private static void corners(TrialSpec trial, List<FreeValue> free, Node fitNode, InputProblems p) {
        final int k = free.size();
        final double[] v = new double[k];
        int reported = 0;
        if (k <= 10) {
            for (int mask = 0; mask < (1 << k) && reported < MAX_CORNER_PROBLEMS; mask++) {
                for (int i = 0; i < k; i++) {
                    v[i] = (mask >> i & 1) == 0 ? free.get(i).lower() : free.get(i).upper();
                }
                reported += check(trial, free, v, fitNode, p);
            }
        } else {
            // beyond ten values: the start and each value at each bound, the others at their start
            for (int i = 0; i < k; i++) {
                v[i] = free.get(i).start();
            }
            reported += check(trial, free, v, fitNode, p);
            for (int i = 0; i < k && reported < MAX_CORNER_PROBLEMS; i++) {
                for (double b : new double[] {free.get(i).lower(), free.get(i).upper()}) {
                    final double keep = v[i];
                    v[i] = b;
                    reported += check(trial, free, v, fitNode, p);
                    v[i] = keep;
                }
            }
        }
    }

    private static int check(TrialSpec trial, List<FreeValue> free, double[] v, Node fitNode, InputProblems p) {
        try {
            trial.withCohort(CohortEdit.apply(trial.cohort(), free, v));
            return 0;
        } catch (BadInputException e) {
            final StringBuilder at = new StringBuilder();
            for (int i = 0; i < free.size(); i++) {
                at.append(i == 0 ? "" : ", ").append(free.get(i).label()).append(" = ").append(Marginal.fmt(v[i]));
            }
            p.add(fitNode, "within the bounds the cohort can become inadmissible: at " + at + ": "
                    + String.join("; ", e.problems()) + " (narrow the bounds, or add truncation to the cohort)");
            return 1;
        }
    }
}
