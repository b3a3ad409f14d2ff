package org.vtrial.engine.trial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.sampling.Marginal;

/**
 * A distribution as written in a cohort or trial file, before it is tied to an arm: its family,
 * its numeric fields, and optionally a location given as {@code "preset"} (taken from the arm's
 * value of the parameter, see {@link #ANCHOR}).
 *
 * <p>Numeric fields by family (names as in the files):
 * <ul>
 * <li>{@code fixed}: {@code value} (or a choice {@code label})</li>
 * <li>{@code normal}: {@code mean} (may be {@code "preset"}), {@code sd}</li>
 * <li>{@code lognormal}: {@code median} (may be {@code "preset"}) and {@code cv}, or
 *     {@code log_mean} and {@code log_sd}</li>
 * <li>{@code uniform}, {@code log-uniform}: {@code min}, {@code max}</li>
 * </ul>
 * Any family but {@code fixed} may be truncated to {@code [lower, upper]}.
 *
 * @param kind          family
 * @param numbers       numeric fields present (the anchored one excluded), in canonical order
 * @param anchoredField the field given as {@code "preset"}, or null
 * @param anchorScale   factor applied to the anchor value (1, or a replicate's uncertainty draw)
 * @param label         the label of a fixed named choice (e.g. {@code "logistic"}), or null
 * @param lower         truncation lower bound, or -infinity
 * @param upper         truncation upper bound, or +infinity
 */
public record DistributionSpec(Marginal.Kind kind, Map<String, Double> numbers, String anchoredField,
                               double anchorScale, String label, double lower, double upper) {

    /**
     * The keyword for a location taken from the arm: the value the parameter has in that arm before
     * the cohort is applied (model default, then product preset, then conditioning regimen).
     */
    public static final String ANCHOR = "preset";

    /** Fields that may be given as {@link #ANCHOR}. */
    public static final List<String> ANCHORABLE = List.of("mean", "median");

    /** Freezes the numbers. */
    public DistributionSpec {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** @return the numeric fields a distribution of this family takes (both lognormal forms listed) */
    public static List<String> fieldsOf(Marginal.Kind kind) {
        switch (kind) {
            case FIXED: return List.of("value");
            case NORMAL: return List.of("mean", "sd");
            case LOGNORMAL: return List.of("median", "cv", "log_mean", "log_sd");
            default: return List.of("min", "max");
        }
    }

    /** @return the family named {@code label} in files, or null */
    public static Marginal.Kind kindOf(String label) {
        for (Marginal.Kind k : Marginal.Kind.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }

    /** @return true for the {@code fixed} family */
    public boolean isFixedKind() {
        return kind == Marginal.Kind.FIXED;
    }

    /** @return true when a field is given (as a number or as the anchor) */
    public boolean has(String field) {
        return numbers.containsKey(field) || field.equals(anchoredField);
    }

    /** @return true for a truncated distribution */
    public boolean isTruncated() {
        return lower != Double.NEGATIVE_INFINITY || upper != Double.POSITIVE_INFINITY;
    }

    /** @return this spec with a numeric field replaced */
    public DistributionSpec withNumber(String field, double value) {
        final Map<String, Double> m = new LinkedHashMap<>(numbers);
        m.put(field, value);
        return new DistributionSpec(kind, m, anchoredField, anchorScale, label, lower, upper);
    }

    /** @return this spec with the anchor multiplied by {@code factor} */
    public DistributionSpec withAnchorScale(double factor) {
        return new DistributionSpec(kind, numbers, anchoredField, anchorScale * factor, label, lower, upper);
    }

    /**
     * Builds the distribution for an arm.
     *
     * @param anchor the arm's value of the parameter (used only when a field is {@code "preset"})
     * @throws IllegalArgumentException naming the offending field when a value is inadmissible
     */
    public Marginal resolve(double anchor) {
        final Map<String, Double> n = new LinkedHashMap<>(numbers);
        if (anchoredField != null) {
            n.put(anchoredField, anchor * anchorScale);
        }
        final Marginal m;
        switch (kind) {
            case FIXED:
                m = Marginal.fixed(n.get("value"));
                break;
            case NORMAL:
                m = Marginal.normal(n.get("mean"), n.get("sd"));
                break;
            case LOGNORMAL:
                m = n.containsKey("median")
                        ? Marginal.lognormalMedianCv(n.get("median"), n.get("cv"))
                        : Marginal.lognormal(n.get("log_mean"), n.get("log_sd"));
                break;
            case UNIFORM:
                m = Marginal.uniform(n.get("min"), n.get("max"));
                break;
            default:
                m = Marginal.logUniform(n.get("min"), n.get("max"));
                break;
        }
        return isTruncated() ? m.truncated(lower, upper) : m;
    }

    /** @return a compact description for messages, e.g. {@code lognormal(median preset, cv 0.3)} */
    public String describe() {
        final StringBuilder sb = new StringBuilder(kind.label()).append('(');
        boolean first = true;
        for (String f : fieldsOf(kind)) {
            if (!has(f)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(f).append(' ').append(f.equals(anchoredField) ? ANCHOR : Marginal.fmt(numbers.get(f)));
        }
        if (label != null) {
            sb.append(label);
        }
        sb.append(')');
        if (isTruncated()) {
            sb.append(" truncated to [").append(Marginal.fmt(lower)).append(", ").append(Marginal.fmt(upper)).append(']');
        }
        return sb.toString();
    }
}
