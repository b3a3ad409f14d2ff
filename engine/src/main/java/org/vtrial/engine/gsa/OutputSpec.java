package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.List;

/**
 * An analysed output: a column of the model's outputs, used as is (real, whole-number or 0/1
 * columns) or, for a labelled column, as the indicator of a set of labels (e.g. {@code response} =
 * {@code best_response} in {@code {CR, PR}}; no label counts as outside the set).
 *
 * @param name   output name (the endpoint in the sensitivity table)
 * @param column the model's column
 * @param in     labels counted as 1 for a labelled column; empty for any other column
 */
public record OutputSpec(String name, String column, List<String> in) implements Serializable {

    /** Freezes the labels. */
    public OutputSpec {
        in = List.copyOf(in);
    }
}
