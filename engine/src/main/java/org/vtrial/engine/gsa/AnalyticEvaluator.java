package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Evaluates an {@link AnalyticModel}: the varied parameters fill their inputs, the others keep
 * fixed values. A point with a non-finite output is {@code NON_FINITE}.
 */
public final class AnalyticEvaluator implements DesignEvaluator {

    private final AnalyticModel model;
    private final int[] varied;
    private final double[] input;
    private final double[] raw;
    private final OutputSelector selector;
    private final List<ColumnSpec> outputs;
    private final int count;
    private long nanos;

    private AnalyticEvaluator(AnalyticModel model, int[] varied, double[] fixed, OutputSelector selector) {
        this.model = model;
        this.varied = varied;
        this.input = fixed.clone();
        this.raw = new double[model.outputs().size()];
        this.selector = selector;
        this.outputs = selector.outputs();
        this.count = outputs.size();
    }

    /**
     * @param model   the model
     * @param varied  names of the varied inputs, in analysis order
     * @param fixed   input values of the inputs that do not vary, by input name (every other input)
     * @param outputs analysed outputs
     * @throws IllegalArgumentException naming unknown, duplicate or missing inputs and unknown outputs
     */
    public static Factory factory(AnalyticModel model, List<String> varied, java.util.Map<String, Double> fixed,
                                  List<OutputSpec> outputs) {
        final List<String> inputs = model.inputs();
        final int[] index = new int[varied.size()];
        final double[] base = new double[inputs.size()];
        java.util.Arrays.fill(base, Double.NaN);
        final List<String> problems = new ArrayList<>();
        for (int j = 0; j < varied.size(); j++) {
            index[j] = inputs.indexOf(varied.get(j));
            if (index[j] < 0) {
                problems.add("model " + model.name() + " has no input '" + varied.get(j) + "'; inputs: " + inputs);
            }
        }
        for (java.util.Map.Entry<String, Double> e : fixed.entrySet()) {
            final int i = inputs.indexOf(e.getKey());
            if (i < 0) {
                problems.add("model " + model.name() + " has no input '" + e.getKey() + "'; inputs: " + inputs);
            } else if (varied.contains(e.getKey())) {
                problems.add("input '" + e.getKey() + "' is both varied and fixed");
            } else {
                base[i] = e.getValue();
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (Double.isNaN(base[i]) && !varied.contains(inputs.get(i))) {
                problems.add("input '" + inputs.get(i) + "' of model " + model.name()
                        + " is neither varied nor fixed: vary it or give it a fixed value");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        final List<ColumnSpec> columns = new ArrayList<>();
        for (String o : model.outputs()) {
            columns.add(ColumnSpec.real(o, "-", "output " + o + " of " + model.name()));
        }
        final OutputSelector selector = new OutputSelector(columns, outputs);
        return () -> new AnalyticEvaluator(model, index, base, selector);
    }

    @Override
    public List<ColumnSpec> outputs() {
        return outputs;
    }

    @Override
    public SolveStatus evaluate(double[] x, double[] y) {
        final long t0 = System.nanoTime();
        for (int j = 0; j < varied.length; j++) {
            input[varied[j]] = x[j];
        }
        model.evaluate(input, raw);
        selector.select(raw, y);
        SolveStatus status = SolveStatus.OK;
        for (int o = 0; o < count; o++) {
            if (!Double.isFinite(y[o])) {
                status = SolveStatus.NON_FINITE;
            }
        }
        if (status != SolveStatus.OK) {
            java.util.Arrays.fill(y, 0, count, Double.NaN);
        }
        nanos += System.nanoTime() - t0;
        return status;
    }

    @Override
    public long nanos() {
        return nanos;
    }
}
