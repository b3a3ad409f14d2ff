package org.vtrial.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered parameter declarations of a model: position {@code i} is index {@code i} of the
 * model's parameter vector.
 */
public final class ParameterSpace {

    private final List<ParameterSpec> specs;
    private final Map<String, Integer> indexByName;

    private ParameterSpace(List<ParameterSpec> specs) {
        this.specs = List.copyOf(specs);
        final Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            if (map.put(specs.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate parameter " + specs.get(i).name());
            }
        }
        this.indexByName = Collections.unmodifiableMap(map);
    }

    /** @return a parameter space over these declarations, in this order */
    public static ParameterSpace of(ParameterSpec... specs) {
        return new ParameterSpace(List.of(specs));
    }

    /** @return a parameter space over these declarations, in this order */
    public static ParameterSpace of(List<ParameterSpec> specs) {
        return new ParameterSpace(specs);
    }

    /** @return number of parameters */
    public int size() {
        return specs.size();
    }

    /** @return declaration at {@code index} */
    public ParameterSpec get(int index) {
        return specs.get(index);
    }

    /** @return all declarations in order */
    public List<ParameterSpec> all() {
        return specs;
    }

    /** @return names in order */
    public List<String> names() {
        final List<String> names = new ArrayList<>(specs.size());
        for (ParameterSpec s : specs) {
            names.add(s.name());
        }
        return names;
    }

    /** @return index of {@code name}, or -1 when the model has no such parameter */
    public int indexOf(String name) {
        final Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /**
     * @return index of {@code name}
     * @throws IllegalArgumentException naming the parameter and listing the known ones
     */
    public int require(String name) {
        final int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + String.join(", ", names()));
        }
        return i;
    }

    /** @return a new vector of the defaults (NaN where a value is required) */
    public double[] defaults() {
        final double[] p = new double[specs.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = specs.get(i).defaultValue();
        }
        return p;
    }

    /** @return names of the required parameters still NaN in {@code p} */
    public List<String> missing(double[] p) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (Double.isNaN(p[i])) {
                out.add(specs.get(i).name());
            }
        }
        return out;
    }
}
