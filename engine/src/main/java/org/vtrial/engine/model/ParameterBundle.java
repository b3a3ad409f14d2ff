package org.vtrial.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named set of parameter values applied together: a product's costimulation preset
 * ({@code kind = "preset"}, e.g. {@code CD28}) or a conditioning regimen
 * ({@code kind = "conditioning"}, e.g. {@code standard}).
 *
 * @param kind   bundle kind
 * @param name   bundle name
 * @param values parameter values by name (insertion order kept)
 * @param source where the values come from (citation)
 */
public record ParameterBundle(String kind, String name, Map<String, Double> values, String source) {

    /** Freezes the values. */
    public ParameterBundle {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Writes the bundle's values into a parameter vector.
     *
     * @throws IllegalArgumentException if the bundle names a parameter the space lacks
     */
    public void applyTo(ParameterSpace space, double[] p) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            p[space.require(e.getKey())] = e.getValue();
        }
    }
}
