package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.List;

/**
 * An analysed output: a column of the model's outputs, used as is (real, whole-number or 0/1
 * columns), as its decimal logarithm ({@code transform = "log10"}, for outputs spanning orders of
 * magnitude such as a peak cell count; a value {@code <= 0} has no logarithm and counts as
 * undefined), or, for a labelled column, as the indicator of a set of labels (e.g.
 * {@code response} = {@code best_response} in {@code {CR, PR}}; no label counts as outside the set).
 *
 * @param name      output name (the endpoint in the sensitivity table)
 * @param column    the model's column
 * @param in        labels counted as 1 for a labelled column; empty for any other column
 * @param transform {@code none} or {@code log10} (numeric columns only)
 */
public record OutputSpec(String name, String column, List<String> in, String transform) implements Serializable {

    /** Transform names. */
    public static final String NONE = "none";
    public static final String LOG10 = "log10";

    /** Freezes the labels; checks the transform. */
    public OutputSpec {
        in = List.copyOf(in);
        if (!NONE.equals(transform) && !LOG10.equals(transform)) {
            throw new IllegalArgumentException("unknown transform '" + transform + "'; known: none, log10");
        }
    }

    /** An output without transform. */
    public OutputSpec(String name, String column, List<String> in) {
        this(name, column, in, NONE);
    }
}
