package org.vtrial.engine.model;

import java.util.List;
import java.util.Locale;

/**
 * A declared model parameter: its name (as in MODELS.md, cohort files, Parquet columns and the
 * command line), unit, default, admissible range and meaning.
 *
 * <p>Every parameter is carried as a {@code double} in the model's parameter vector. A named choice
 * (such as {@code growth}) is stored as the index of its label in {@link #choices()}.
 *
 * @param name         parameter name
 * @param unit         unit, or {@code "-"} for dimensionless and choices
 * @param defaultValue default value, or NaN when the model has none (the value is then required)
 * @param min          smallest admissible value (inclusive)
 * @param max          largest admissible value (inclusive)
 * @param description  one-line meaning
 * @param choices      labels of a named choice, empty for a real parameter
 */
public record ParameterSpec(String name, String unit, double defaultValue, double min, double max,
                            String description, List<String> choices) {

    /** Validates the declaration. */
    public ParameterSpec {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad parameter name: " + name);
        }
        choices = List.copyOf(choices);
        if (!(min <= max)) {
            throw new IllegalArgumentException(name + ": min > max");
        }
        if (!Double.isNaN(defaultValue) && !(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
    }

    /** A real parameter with a default. */
    public static ParameterSpec real(String name, String unit, double defaultValue, double min, double max,
                                     String description) {
        return new ParameterSpec(name, unit, defaultValue, min, max, description, List.of());
    }

    /** A real parameter without default: it must be given. */
    public static ParameterSpec required(String name, String unit, double min, double max, String description) {
        return new ParameterSpec(name, unit, Double.NaN, min, max, description, List.of());
    }

    /** A named choice; the default is given by label. */
    public static ParameterSpec choice(String name, String defaultLabel, List<String> labels, String description) {
        final int index = labels.indexOf(defaultLabel);
        if (index < 0) {
            throw new IllegalArgumentException(name + ": default " + defaultLabel + " not among " + labels);
        }
        return new ParameterSpec(name, "-", index, 0, labels.size() - 1, description, labels);
    }

    /** @return true for a named choice */
    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** @return true when the model gives no default */
    public boolean isRequired() {
        return Double.isNaN(defaultValue);
    }

    /**
     * Parses a value given as text (a number, or a choice label).
     *
     * @throws IllegalArgumentException with a message naming the parameter
     */
    public double parse(String text) {
        final String s = text.trim();
        if (isChoice()) {
            final int index = choices.indexOf(s);
            if (index < 0) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' is not one of " + choices);
            }
            return index;
        }
        final double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' is not a number");
        }
        return checked(value);
    }

    /**
     * Checks a numeric value against the declaration.
     *
     * @return the value
     * @throws IllegalArgumentException naming the parameter when it is not finite, not an admissible
     *                                  choice index, or outside {@code [min, max]}
     */
    public double checked(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + name + "': value must be finite, got " + value);
        }
        if (isChoice() && (value != Math.rint(value))) {
            throw new IllegalArgumentException("parameter '" + name + "': choice index must be whole, got " + value);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter '" + name + "': " + format(value) + " outside ["
                    + format(min) + ", " + format(max) + "]");
        }
        return value;
    }

    /** @return the value as text: the label of a choice, the number otherwise */
    public String format(double value) {
        if (isChoice() && value == Math.rint(value) && value >= 0 && value < choices.size()) {
            return choices.get((int) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
