package org.vtrial.engine.gsa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.SolveStatus;

/**
 * A resolved, validated sensitivity analysis: the varied parameters with their distributions, the
 * design, the evaluator of the model and the estimator settings. Small and serializable: this is
 * what travels to executors, where each thread builds a {@link Kernel}. Read from a spec file by
 * {@link GsaSpecReader}, or built in code.
 */
public final class GsaPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The analysis method. */
    public enum Method {
        /** Sobol' indices on a Saltelli design. */
        SOBOL,
        /** Morris elementary effects on trajectories. */
        MORRIS;

        /** @return the spec name */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String name;
    private final String description;
    private final String model;
    private final List<String> parameters;
    private final List<Marginal> marginals;
    private final List<String> outputs;
    private final Method method;
    private final Design design;
    private final Bootstrap bootstrap;
    private final DesignEvaluator.Factory evaluator;

    /**
     * @param name        analysis name
     * @param description one line
     * @param model       model name (for reports)
     * @param parameters  varied parameter names, in design order
     * @param marginals   their distributions
     * @param design      a {@link SaltelliDesign} (Sobol) or {@link MorrisDesign} (Morris) over them
     * @param bootstrap   interval settings
     * @param evaluator   the model's evaluator recipe
     */
    public GsaPlan(String name, String description, String model, List<String> parameters, List<Marginal> marginals,
                   Design design, Bootstrap bootstrap, DesignEvaluator.Factory evaluator) {
        if (parameters.size() != marginals.size() || parameters.size() != design.dimension()) {
            throw new IllegalArgumentException("parameters, distributions and design dimension differ: "
                    + parameters.size() + ", " + marginals.size() + ", " + design.dimension());
        }
        this.name = name;
        this.description = description;
        this.model = model;
        this.parameters = List.copyOf(parameters);
        this.marginals = List.copyOf(marginals);
        this.method = design instanceof SaltelliDesign ? Method.SOBOL : Method.MORRIS;
        if (!(design instanceof SaltelliDesign) && !(design instanceof MorrisDesign)) {
            throw new IllegalArgumentException("unsupported design " + design);
        }
        this.design = design;
        this.bootstrap = bootstrap;
        this.evaluator = evaluator;
        final List<String> out = new ArrayList<>();
        for (ColumnSpec c : evaluator.create().outputs()) {
            out.add(c.name());
        }
        this.outputs = List.copyOf(out);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String model() {
        return model;
    }

    /** @return varied parameter names, in design order */
    public List<String> parameters() {
        return parameters;
    }

    /** @return their distributions */
    public List<Marginal> marginals() {
        return marginals;
    }

    /** @return analysed output names */
    public List<String> outputs() {
        return outputs;
    }

    public Method method() {
        return method;
    }

    public Design design() {
        return design;
    }

    public Bootstrap bootstrap() {
        return bootstrap;
    }

    public DesignEvaluator.Factory evaluator() {
        return evaluator;
    }

    /** @return a new kernel for one thread */
    public Kernel newKernel() {
        return new Kernel(this);
    }

    /**
     * Evaluates every point in a plain loop (the reference backend; tests and small analyses).
     *
     * @return the evaluated design
     */
    public DesignOutputs evaluateInProcess() {
        final Kernel kernel = newKernel();
        final DesignOutputs out = new DesignOutputs(design, outputs.size());
        for (int base = 0; base < design.bases(); base++) {
            for (int block = 0; block < design.blocks(); block++) {
                out.put(base, block, kernel.compute(base, block), kernel.outputs());
            }
        }
        return out;
    }

    /**
     * Runs the estimators of the plan's method on every output.
     *
     * @throws IllegalArgumentException when the design is not complete
     */
    public SensitivityReport analyse(DesignOutputs evaluated) {
        if (!evaluated.complete()) {
            throw new IllegalArgumentException("design incomplete: " + evaluated.supplied() + " of "
                    + design.rows() + " points supplied");
        }
        final List<OutputAnalysis> analyses = new ArrayList<>();
        for (int o = 0; o < outputs.size(); o++) {
            analyses.add(method == Method.SOBOL
                    ? SobolEstimator.analyse(evaluated, o, outputs.get(o), parameters, bootstrap)
                    : MorrisEstimator.analyse(evaluated, o, outputs.get(o), parameters, bootstrap));
        }
        final long[] counts = evaluated.statusCounts();
        final Map<String, Long> byStatus = new LinkedHashMap<>();
        for (SolveStatus s : SolveStatus.values()) {
            if (counts[s.ordinal()] > 0) {
                byStatus.put(s.name(), counts[s.ordinal()]);
            }
        }
        return new SensitivityReport(name, method, design.rows(), byStatus, analyses, bootstrap);
    }

    /**
     * Computes design points for one thread: the design's unit-cube point, mapped through each
     * parameter's inverse CDF, evaluated. Allocation-free per point.
     */
    public static final class Kernel {
        private final Design.Points points;
        private final Marginal[] marginals;
        private final DesignEvaluator evaluator;
        private final double[] u;
        private final double[] x;
        private final double[] y;

        private Kernel(GsaPlan plan) {
            this.points = plan.design.points();
            this.marginals = plan.marginals.toArray(new Marginal[0]);
            this.evaluator = plan.evaluator.create();
            this.u = new double[marginals.length];
            this.x = new double[marginals.length];
            this.y = new double[plan.outputs.size()];
        }

        /** Computes point {@code (base, block)}; read the results from the accessors. */
        public SolveStatus compute(int base, int block) {
            points.point(base, block, u);
            for (int j = 0; j < marginals.length; j++) {
                x[j] = marginals[j].quantile(u[j]);
            }
            return evaluator.evaluate(x, y);
        }

        /** @return the unit-cube coordinates of the last point (read only) */
        public double[] probabilities() {
            return u;
        }

        /** @return the parameter values of the last point (read only) */
        public double[] parameters() {
            return x;
        }

        /** @return the outputs of the last point (read only) */
        public double[] outputs() {
            return y;
        }

        /** @return the evaluator's declared outputs */
        public List<ColumnSpec> outputColumns() {
            return evaluator.outputs();
        }

        /** @return nanoseconds spent in the evaluator */
        public long nanos() {
            return evaluator.nanos();
        }
    }
}
