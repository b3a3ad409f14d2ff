package org.vtrial.engine.trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree.Kind;
import org.vtrial.engine.io.JsonTree.Node;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.sampling.Marginal;

/** Reads the distribution members of a JSON object (shared by cohort parameters and uncertainty). */
final class DistributionReader {

    static final List<String> TRUNCATION = List.of("lower", "upper");

    private DistributionReader() {
    }

    /**
     * Reads {@code distribution} and its fields from {@code f}, declaring them known.
     *
     * @param spec           the parameter the distribution is for (choices take a label), or null
     * @param anchorsAllowed whether {@code "preset"} may stand for the mean or median
     * @return the spec, or null after reporting problems
     */
    static DistributionSpec read(JsonFields f, InputProblems problems, ParameterSpec spec, boolean anchorsAllowed) {
        final int before = problems.list().size();
        final Node obj = f.node();
        final String label = f.string("distribution", true);
        final List<String> allFields = new ArrayList<>();
        for (Marginal.Kind k : Marginal.Kind.values()) {
            for (String s : DistributionSpec.fieldsOf(k)) {
                if (!allFields.contains(s)) {
                    allFields.add(s);
                }
            }
        }
        allFields.addAll(TRUNCATION);
        if (label == null) {
            f.allow(allFields.toArray(new String[0]));
            return null;
        }
        final Marginal.Kind kind = DistributionSpec.kindOf(label);
        if (kind == null) {
            final List<String> kinds = new ArrayList<>();
            for (Marginal.Kind k : Marginal.Kind.values()) {
                kinds.add(k.label());
            }
            final String guess = JsonFields.closest(label, kinds);
            problems.add(obj.get("distribution"), "unknown distribution '" + label + "'"
                    + (guess == null ? "" : "; did you mean '" + guess + "'?") + " (known: " + String.join(", ", kinds) + ")");
            f.allow(allFields.toArray(new String[0]));
            return null;
        }
        if (spec != null && spec.isChoice() && kind != Marginal.Kind.FIXED) {
            problems.add(obj.get("distribution"), "parameter '" + spec.name() + "' is a named choice " + spec.choices()
                    + ": only a fixed value can be given");
        }
        final List<String> own = new ArrayList<>(DistributionSpec.fieldsOf(kind));
        if (kind != Marginal.Kind.FIXED) {
            own.addAll(TRUNCATION);
        }
        // Fields of another family: a targeted message instead of "unknown field".
        for (String other : allFields) {
            if (!own.contains(other)) {
                final Node v = f.get(other);
                if (v != null) {
                    problems.addAtKey(v, "field '" + other + "' does not belong to a " + kind.label()
                            + " distribution (its fields: " + String.join(", ", own) + ")");
                }
            }
        }

        final Map<String, Double> numbers = new LinkedHashMap<>();
        String anchored = null;
        String choiceLabel = null;
        for (String field : DistributionSpec.fieldsOf(kind)) {
            final Node v = f.get(field);
            if (v == null) {
                continue;
            }
            if (v.kind() == Kind.STRING && DistributionSpec.ANCHOR.equals(v.text())) {
                if (anchorsAllowed && DistributionSpec.ANCHORABLE.contains(field)) {
                    anchored = field;
                } else {
                    problems.add(v, "\"preset\" is allowed only for the mean of a normal and the median of a lognormal"
                            + (anchorsAllowed ? "" : " of a cohort parameter (an uncertainty distribution takes numbers)"));
                }
                continue;
            }
            if (kind == Marginal.Kind.FIXED && spec != null && spec.isChoice()) {
                if (v.kind() != Kind.STRING) {
                    problems.add(v, "expected one of " + spec.choices() + " as a string, got " + v.describe());
                } else {
                    try {
                        numbers.put(field, spec.parse(v.text()));
                        choiceLabel = v.text();
                    } catch (IllegalArgumentException e) {
                        problems.add(v, e.getMessage());
                    }
                }
                continue;
            }
            final Double d = JsonFields.number(v, problems);
            if (d != null) {
                numbers.put(field, d);
                checkField(field, d, v, problems);
            }
        }
        requireFields(kind, obj, problems);

        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        if (kind != Marginal.Kind.FIXED) {
            final Double lo = f.number("lower", false);
            final Double hi = f.number("upper", false);
            if (lo != null) {
                lower = lo;
            }
            if (hi != null) {
                upper = hi;
            }
            if (lo != null && hi != null && !(lo < hi)) {
                problems.add(obj.get("upper"), "upper (" + Marginal.fmt(hi) + ") must be above lower (" + Marginal.fmt(lo) + ")");
            }
        }
        if (kind == Marginal.Kind.UNIFORM || kind == Marginal.Kind.LOG_UNIFORM) {
            final Double min = numbers.get("min");
            final Double max = numbers.get("max");
            if (min != null && max != null && !(min < max)) {
                problems.add(obj.get("max"), "max (" + Marginal.fmt(max) + ") must be above min (" + Marginal.fmt(min) + ")");
            }
            if (kind == Marginal.Kind.LOG_UNIFORM && min != null && !(min > 0)) {
                problems.add(obj.get("min"), "a log-uniform distribution needs min > 0, got " + Marginal.fmt(min));
            }
        }
        if (problems.list().size() > before) {
            return null;
        }
        return new DistributionSpec(kind, numbers, anchored, 1.0, choiceLabel, lower, upper);
    }

    private static void checkField(String field, double d, Node v, InputProblems problems) {
        switch (field) {
            case "sd": case "cv": case "log_sd": case "median":
                if (!(d > 0)) {
                    problems.add(v, field + " must be positive, got " + Marginal.fmt(d));
                }
                break;
            default:
                break;
        }
    }

    /** Reports the fields a family needs that the object lacks (present but invalid ones are reported already). */
    private static void requireFields(Marginal.Kind kind, Node obj, InputProblems problems) {
        final List<String> need = new ArrayList<>();
        switch (kind) {
            case FIXED:
                need.add("value");
                break;
            case NORMAL:
                need.add("mean");
                need.add("sd");
                break;
            case LOGNORMAL: {
                final boolean medianForm = obj.get("median") != null || obj.get("cv") != null;
                final boolean logForm = obj.get("log_mean") != null || obj.get("log_sd") != null;
                if (medianForm && logForm) {
                    problems.add(obj, "a lognormal takes either median and cv, or log_mean and log_sd, not both");
                    return;
                }
                if (logForm) {
                    need.add("log_mean");
                    need.add("log_sd");
                } else {
                    need.add("median");
                    need.add("cv");
                }
                break;
            }
            default:
                need.add("min");
                need.add("max");
                break;
        }
        for (String field : need) {
            if (obj.get(field) == null) {
                problems.add(obj, "missing required field '" + field + "' of a " + kind.label() + " distribution");
            }
        }
    }
}
