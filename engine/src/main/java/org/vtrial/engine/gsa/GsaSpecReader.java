package org.vtrial.engine.gsa;

import org.vtrial.engine.sampling.Marginal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.PatientSimulator;

/**
 * Reads a sensitivity-analysis spec ({@code conf/gsa-*.json}) into a {@link GsaPlan}, reporting every
 * problem at once with file, line, column and JSON path. The format (all fields documented in
 * docs/SENSITIVITY.md):
 *
 * <pre>
 * {
 *   "name": "ishigami",                      analysis name: letters, digits, '.', '_', '-'
 *   "description": "...",                    optional
 *   "model": {"name": "ishigami", "settings": {"a": 7, "b": 0.1}, "fixed": {}},
 *      or   {"name": "cart", "preset": "4-1BB", "conditioning": "standard",
 *            "doses": [{"day": 0, "cells": 1e8}], "t_end": 730, "rtol": 1e-6, "method": "tsit5",
 *            "fixed": {"growth": "logistic"}, "endpoint_settings": {}},
 *   "parameters": [{"name": "x1", "distribution": {"type": "uniform", "min": -3.14, "max": 3.14}}, ...],
 *   "outputs": ["y", {"name": "response", "column": "best_response", "in": ["CR", "PR"]},
 *               {"name": "log_cmax", "column": "cmax", "transform": "log10"}],
 *   "method": {"type": "sobol", "N": 8192, "seed": 1, "bootstrap": 1000, "confidence": 0.95}
 *      or    {"type": "morris", "trajectories": 100, "levels": 4, "seed": 1, "bootstrap": 1000}
 * }
 * </pre>
 *
 * The model name is looked up among the analytic models ({@link AnalyticModels}), then the built-in
 * ODE models ({@link ModelRegistry}).
 */
public final class GsaSpecReader {

    /** Column names of the design table that outputs and parameters may not take. */
    public static final Set<String> RESERVED = Set.of("row", "base_index", "block", "block_parameter", "status");

    private static final Set<String> ROOT = fields("name", "description", "model", "parameters", "outputs", "method");
    private static final Set<String> ANALYTIC = fields("name", "settings", "fixed");
    private static final Set<String> ODE = fields("name", "preset", "conditioning", "doses", "t_end", "rtol", "method", "fixed",
            "endpoint_settings");
    private static final Set<String> PARAMETER = fields("name", "distribution");
    private static final Set<String> OUTPUT = fields("name", "column", "in", "transform");
    private static final Set<String> SOBOL = fields("type", "N", "seed", "bootstrap", "confidence");
    private static final Set<String> MORRIS = fields("type", "trajectories", "levels", "seed", "bootstrap", "confidence");

    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_BOOTSTRAP = 1000;
    /** Default interval level. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Default Morris levels. */
    public static final int DEFAULT_LEVELS = 4;
    /** Default relative tolerance of patient solves. */
    public static final double DEFAULT_RTOL = IntegratorSettings.DEFAULT_RELATIVE_TOLERANCE;

    private GsaSpecReader() {
    }

    private static Set<String> fields(String... names) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    /**
     * Tells a sensitivity-analysis spec from other JSON inputs (cohorts, trials) by its fields: a
     * spec is an object with {@code "method"} or {@code "outputs"}, which those files do not have.
     *
     * @return false also for a file that cannot be read or parsed (its reader reports why)
     */
    public static boolean isSpec(Path file) {
        try {
            final com.fasterxml.jackson.databind.JsonNode root = StrictJson.mapper().readTree(file.toFile());
            return root != null && root.isObject() && (root.has("method") || root.has("outputs"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads and resolves a spec file.
     *
     * @throws BadInputException listing every problem found
     */
    public static GsaPlan read(Path file) throws BadInputException {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses and resolves a spec given as text.
     *
     * @param file name used in messages
     * @throws BadInputException listing every problem found
     */
    public static GsaPlan parse(String file, String text) throws BadInputException {
        final JsonInput in = JsonInput.parse(file, text);
        if (!in.problems().isEmpty()) {
            throw new BadInputException(in.problems());
        }
        final JsonInput.Node root = in.root();
        if (!root.object(true)) {
            throw new BadInputException(in.problems());
        }
        root.only(ROOT);
        final String name = root.field("name").string(true);
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            root.field("name").problem("'" + name + "' is not a valid name (letters, digits, '.', '_', '-')");
        }
        final String description = root.field("description").string(false);
        final List<Varied> varied = parameters(root.field("parameters"));
        final List<Out> outputs = outputs(root.field("outputs"), varied);
        final MethodSpec method = method(root.field("method"), varied.size(), outputs.size());
        final JsonInput.Node model = root.field("model");
        DesignEvaluator.Factory factory = null;
        String modelName = null;
        if (model.object(true)) {
            modelName = model.field("name").string(true);
            if (modelName != null) {
                if (AnalyticModels.find(modelName) != null) {
                    factory = analytic(model, modelName, varied, outputs);
                } else if (ModelRegistry.names().contains(modelName)) {
                    factory = patient(model, ModelRegistry.get(modelName), varied, outputs);
                } else {
                    model.field("name").problem("unknown model '" + modelName + "'; analytic: "
                            + String.join(", ", AnalyticModels.names()) + "; built-in: "
                            + String.join(", ", ModelRegistry.names()));
                }
            }
        }
        if (!in.problems().isEmpty() || factory == null || method == null) {
            throw new BadInputException(in.problems().isEmpty() ? List.of(file + ": incomplete spec") : in.problems());
        }
        final List<String> names = new ArrayList<>();
        final List<Marginal> marginals = new ArrayList<>();
        for (Varied v : varied) {
            names.add(v.name);
            marginals.add(v.marginal);
        }
        final Design design = method.morris
                ? MorrisDesign.of((int) method.size, method.levels, varied.size(), method.seed)
                : SaltelliDesign.of(method.size, varied.size());
        return new GsaPlan(name, description == null ? "" : description, modelName, names, marginals, design,
                new Bootstrap(method.bootstrap, method.confidence, method.seed), factory);
    }

    /** A varied parameter as read (marginal null when its distribution is bad: that was reported). */
    private static final class Varied {
        final String name;
        final Marginal marginal;
        final JsonInput.Node node;

        Varied(String name, Marginal marginal, JsonInput.Node node) {
            this.name = name;
            this.marginal = marginal;
            this.node = node;
        }
    }

    /** An output as read. */
    private static final class Out {
        final OutputSpec spec;
        final JsonInput.Node node;

        Out(OutputSpec spec, JsonInput.Node node) {
            this.spec = spec;
            this.node = node;
        }
    }

    /** The method as read. */
    private static final class MethodSpec {
        boolean morris;
        long size;
        int levels = DEFAULT_LEVELS;
        long seed;
        int bootstrap = DEFAULT_BOOTSTRAP;
        double confidence = DEFAULT_CONFIDENCE;
    }

    private static List<Varied> parameters(JsonInput.Node list) {
        final List<Varied> out = new ArrayList<>();
        if (!list.array(true)) {
            return out;
        }
        if (list.size() == 0) {
            list.problem("at least one parameter must vary");
        }
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            final JsonInput.Node p = list.element(i);
            if (!p.object(true)) {
                continue;
            }
            p.only(PARAMETER);
            final String name = p.field("name").string(true);
            if (name != null && !seen.add(name)) {
                p.field("name").problem("parameter '" + name + "' is listed twice");
            }
            if (name != null && RESERVED.contains(name)) {
                p.field("name").problem("'" + name + "' is a reserved column name of the design table");
            }
            // kept even without a valid distribution (that problem is reported), so that the
            // parameter's name is still checked against the model
            final Marginal m = distribution(p.field("distribution"));
            if (name != null) {
                out.add(new Varied(name, m, p));
            }
        }
        return out;
    }

    private static Marginal distribution(JsonInput.Node d) {
        if (!d.object(true)) {
            return null;
        }
        final String type = d.field("type").string(true);
        if (type == null) {
            return null;
        }
        final Marginal.Kind kind = Marginal.Kind.of(type);
        if (kind == null) {
            d.field("type").problem("unknown distribution '" + type + "'; known: uniform, log-uniform, normal, lognormal");
            return null;
        }
        try {
            switch (kind) {
                case UNIFORM:
                case LOG_UNIFORM: {
                    d.only(fields("type", "min", "max"));
                    final double min = d.field("min").number(true);
                    final double max = d.field("max").number(true);
                    if (Double.isNaN(min) || Double.isNaN(max)) {
                        return null;
                    }
                    return kind == Marginal.Kind.UNIFORM ? Marginal.uniform(min, max) : Marginal.logUniform(min, max);
                }
                case NORMAL: {
                    d.only(fields("type", "mean", "sd"));
                    final double mean = d.field("mean").number(true);
                    final double sd = d.field("sd").number(true);
                    return Double.isNaN(mean) || Double.isNaN(sd) ? null : Marginal.normal(mean, sd);
                }
                default: {
                    d.only(fields("type", "log_mean", "log_sd", "median", "cv"));
                    final boolean byMedian = d.field("median").present() || d.field("cv").present();
                    final boolean byLog = d.field("log_mean").present() || d.field("log_sd").present();
                    if (byMedian == byLog) {
                        d.problem("lognormal: give either log_mean and log_sd, or median and cv");
                        return null;
                    }
                    if (byLog) {
                        final double mu = d.field("log_mean").number(true);
                        final double s = d.field("log_sd").number(true);
                        return Double.isNaN(mu) || Double.isNaN(s) ? null : Marginal.lognormal(mu, s);
                    }
                    final double median = d.field("median").number(true);
                    final double cv = d.field("cv").number(true);
                    if (Double.isNaN(median) || Double.isNaN(cv)) {
                        return null;
                    }
                    if (!(median > 0) || !(cv > 0)) {
                        d.problem("lognormal: median and cv must be positive, got median=" + median + ", cv=" + cv);
                        return null;
                    }
                    // CV of a lognormal: sqrt(exp(s^2) - 1)
                    return Marginal.lognormal(Math.log(median), Math.sqrt(Math.log1p(cv * cv)));
                }
            }
        } catch (IllegalArgumentException e) {
            d.problem(e.getMessage());
            return null;
        }
    }

    private static List<Out> outputs(JsonInput.Node list, List<Varied> varied) {
        final List<Out> out = new ArrayList<>();
        if (!list.array(true)) {
            return out;
        }
        if (list.size() == 0) {
            list.problem("at least one output must be analysed");
        }
        final Set<String> seen = new HashSet<>();
        final Set<String> parameters = new HashSet<>();
        for (Varied v : varied) {
            parameters.add(v.name);
        }
        for (int i = 0; i < list.size(); i++) {
            final JsonInput.Node o = list.element(i);
            final String column;
            String name;
            final List<String> labels = new ArrayList<>();
            String transform = OutputSpec.NONE;
            if (o.present() && o.value.isTextual()) {
                column = o.value.textValue();
                name = column;
            } else if (o.object(true)) {
                o.only(OUTPUT);
                column = o.field("column").string(true);
                name = o.field("name").string(false);
                if (name == null) {
                    name = column;
                }
                final String t = o.field("transform").string(false);
                if (t != null) {
                    if (t.equals(OutputSpec.NONE) || t.equals(OutputSpec.LOG10)) {
                        transform = t;
                    } else {
                        o.field("transform").problem("unknown transform '" + t + "'; known: none, log10");
                    }
                }
                final JsonInput.Node in = o.field("in");
                if (in.array(false)) {
                    if (in.size() == 0) {
                        in.problem("give at least one label");
                    }
                    for (int j = 0; j < in.size(); j++) {
                        final String label = in.element(j).string(true);
                        if (label != null) {
                            labels.add(label);
                        }
                    }
                }
            } else {
                continue;
            }
            if (name == null || column == null) {
                continue;
            }
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                o.problem("output name '" + name + "' must start with a letter and contain only letters, digits, '_'");
                continue;
            }
            if (!seen.add(name)) {
                o.problem("output '" + name + "' is listed twice");
            }
            if (RESERVED.contains(name) || parameters.contains(name)) {
                o.problem("output name '" + name + "' clashes with a " + (RESERVED.contains(name)
                        ? "reserved column of the design table" : "varied parameter") + "; rename it with \"name\"");
            }
            out.add(new Out(new OutputSpec(name, column, labels, transform), o));
        }
        return out;
    }

    private static MethodSpec method(JsonInput.Node m, int k, int outputs) {
        if (!m.object(true)) {
            return null;
        }
        final String type = m.field("type").string(true);
        if (type == null) {
            return null;
        }
        final MethodSpec s = new MethodSpec();
        if (type.equals("sobol")) {
            m.only(SOBOL);
            final Long n = m.field("N").integer(true);
            if (n != null) {
                final String problem = SaltelliDesign.checkN(n);
                if (problem != null) {
                    m.field("N").problem(problem);
                }
                s.size = n;
            }
            if (k > 0 && 2 * k > 21201) {
                m.problem("a Sobol design supports at most 10600 parameters, got " + k);
            }
            if (n != null && n > 0 && n * (k + 2) * Math.max(1, outputs) >= Integer.MAX_VALUE - 8) {
                m.field("N").problem("N (k + 2) points times " + outputs + " outputs = " + n * (k + 2) * Math.max(1, outputs)
                        + " values: more than the driver holds in one analysis (2^31); use a smaller N");
            }
        } else if (type.equals("morris")) {
            s.morris = true;
            m.only(MORRIS);
            final Long r = m.field("trajectories").integer(true);
            final Long p = m.field("levels").integer(false);
            if (p != null) {
                s.levels = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, p));
            }
            if (r != null) {
                s.size = r;
                final String problem = MorrisDesign.check(r, s.levels);
                if (problem != null) {
                    (problem.startsWith("levels") ? m.field("levels") : m.field("trajectories")).problem(problem);
                } else if (r * k > 50_000_000L) {
                    m.field("trajectories").problem(r + " trajectories of " + k + " parameters: r * k must stay "
                            + "below 5e7");
                }
            }
        } else {
            m.field("type").problem("unknown method '" + type + "'; known: sobol, morris");
            return null;
        }
        final Long seed = m.field("seed").integer(true);
        if (seed != null) {
            s.seed = seed;
        }
        final Long b = m.field("bootstrap").integer(false);
        if (b != null) {
            s.bootstrap = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, b));
        }
        final JsonInput.Node c = m.field("confidence");
        if (c.present()) {
            s.confidence = c.number(true);
        }
        final String problem = Bootstrap.check(b == null ? s.bootstrap : b, s.confidence);
        if (problem != null) {
            (problem.startsWith("bootstrap") ? m.field("bootstrap") : m.field("confidence")).problem(problem);
        }
        return s;
    }

    private static DesignEvaluator.Factory analytic(JsonInput.Node model, String name, List<Varied> varied,
                                                    List<Out> outputs) {
        model.only(ANALYTIC);
        final int problemsBefore = model.problemCount();
        final AnalyticModels.Entry entry = AnalyticModels.find(name);
        final Map<String, double[]> settings = new LinkedHashMap<>();
        final JsonInput.Node s = model.field("settings");
        boolean settingsOk = true;
        if (s.object(false)) {
            final java.util.Iterator<String> it = s.value.fieldNames();
            while (it.hasNext()) {
                final String key = it.next();
                final JsonInput.Node v = s.field(key);
                final AnalyticModels.Setting setting = entry.settings().get(key);
                if (setting == null) {
                    v.problem("unknown setting of " + name + "; known: " + String.join(", ", entry.settings().keySet()));
                    settingsOk = false;
                    continue;
                }
                final double[] values = numbers(v, setting.list());
                if (values == null) {
                    settingsOk = false;
                } else {
                    settings.put(key, values);
                }
            }
        }
        AnalyticModel m = null;
        if (settingsOk) {
            try {
                m = AnalyticModels.create(name, settings);
            } catch (IllegalArgumentException e) {
                s.problem(e.getMessage());
            }
        }
        if (m == null) {
            return null;
        }
        final List<String> inputs = m.inputs();
        final Map<String, Double> fixed = new LinkedHashMap<>();
        final JsonInput.Node f = model.field("fixed");
        final Set<String> variedNames = new HashSet<>();
        for (Varied v : varied) {
            variedNames.add(v.name);
            if (!inputs.contains(v.name)) {
                v.node.field("name").problem("model " + name + " has no input '" + v.name + "'; inputs: "
                        + String.join(", ", inputs));
            }
        }
        if (f.object(false)) {
            final java.util.Iterator<String> it = f.value.fieldNames();
            while (it.hasNext()) {
                final String key = it.next();
                final JsonInput.Node v = f.field(key);
                if (!inputs.contains(key)) {
                    v.problem("model " + name + " has no input '" + key + "'; inputs: " + String.join(", ", inputs));
                } else if (variedNames.contains(key)) {
                    v.problem("input '" + key + "' is both varied and fixed");
                } else {
                    final double x = v.number(true);
                    if (!Double.isNaN(x)) {
                        fixed.put(key, x);
                    }
                }
            }
        }
        for (String input : inputs) {
            if (!variedNames.contains(input) && !fixed.containsKey(input) && !(f.present() && f.field(input).present())) {
                model.problem("input '" + input + "' of " + name + " is neither varied nor fixed: list it in "
                        + "parameters or give it in model.fixed");
            }
        }
        final List<ColumnSpec> columns = new ArrayList<>();
        for (String o : m.outputs()) {
            columns.add(ColumnSpec.real(o, "-", "output " + o));
        }
        final List<OutputSpec> specs = checkOutputs(columns, outputs);
        if (specs == null || model.problemCount() != problemsBefore) {
            return null;
        }
        try {
            return AnalyticEvaluator.factory(m, varied.stream().map(v -> v.name).toList(), fixed, specs);
        } catch (IllegalArgumentException e) {
            model.problem(e.getMessage());
            return null;
        }
    }

    private static double[] numbers(JsonInput.Node v, boolean list) {
        if (!list) {
            final double x = v.number(true);
            return Double.isNaN(x) ? null : new double[] {x};
        }
        if (!v.array(true)) {
            return null;
        }
        final double[] out = new double[v.size()];
        boolean ok = true;
        for (int i = 0; i < out.length; i++) {
            out[i] = v.element(i).number(true);
            ok &= !Double.isNaN(out[i]);
        }
        return ok ? out : null;
    }

    /** Checks each output against the model's columns, reporting at the output; null on a problem. */
    private static List<OutputSpec> checkOutputs(List<ColumnSpec> columns, List<Out> outputs) {
        final List<OutputSpec> specs = new ArrayList<>();
        boolean ok = true;
        for (Out o : outputs) {
            try {
                new OutputSelector(columns, List.of(o.spec));
                specs.add(o.spec);
            } catch (IllegalArgumentException e) {
                o.node.problem(e.getMessage());
                ok = false;
            }
        }
        return ok ? specs : null;
    }

    private static DesignEvaluator.Factory patient(JsonInput.Node node, Model model, List<Varied> varied,
                                                   List<Out> outputs) {
        node.only(ODE);
        final ParameterSpace space = model.parameters();
        final double[] base = space.defaults();
        final int problemsBefore = node.problemCount();
        bundle(node.field("preset"), model, "preset", base);
        bundle(node.field("conditioning"), model, "conditioning", base);
        final Set<String> variedNames = new HashSet<>();
        final int[] index = new int[varied.size()];
        for (int j = 0; j < varied.size(); j++) {
            final Varied v = varied.get(j);
            variedNames.add(v.name);
            index[j] = space.indexOf(v.name);
            if (index[j] < 0) {
                v.node.field("name").problem("model " + model.name() + " has no parameter '" + v.name + "'; known: "
                        + String.join(", ", space.names()));
                continue;
            }
            final ParameterSpec spec = space.get(index[j]);
            if (spec.isChoice()) {
                v.node.field("name").problem("'" + v.name + "' is a named choice " + spec.choices()
                        + ": it cannot vary continuously; set it in model.fixed");
                continue;
            }
            // a bounded distribution must stay inside the admissible range; the normal kinds may
            // leave it, and such points are reported as INVALID_PARAMETERS and dropped
            final Marginal m = v.marginal;
            if (m != null && (m.kind() == Marginal.Kind.UNIFORM || m.kind() == Marginal.Kind.LOG_UNIFORM)
                    && (m.lowest() < spec.min() || m.highest() > spec.max())) {
                v.node.field("distribution").problem("support [" + m.lowest() + ", " + m.highest()
                        + "] leaves the admissible range [" + spec.min() + ", " + spec.max() + "] of '" + v.name + "'");
            }
        }
        final JsonInput.Node f = node.field("fixed");
        if (f.object(false)) {
            final java.util.Iterator<String> it = f.value.fieldNames();
            while (it.hasNext()) {
                final String key = it.next();
                final JsonInput.Node v = f.field(key);
                final int i = space.indexOf(key);
                if (i < 0) {
                    v.problem("model " + model.name() + " has no parameter '" + key + "'; known: "
                            + String.join(", ", space.names()));
                    continue;
                }
                if (variedNames.contains(key)) {
                    v.problem("parameter '" + key + "' is both varied and fixed");
                    continue;
                }
                final ParameterSpec spec = space.get(i);
                try {
                    if (spec.isChoice()) {
                        final String label = v.string(true);
                        if (label != null) {
                            base[i] = spec.parse(label);
                        }
                    } else {
                        final double x = v.number(true);
                        if (!Double.isNaN(x)) {
                            base[i] = spec.checked(x);
                        }
                    }
                } catch (IllegalArgumentException e) {
                    v.problem(e.getMessage());
                }
            }
        }
        for (int i = 0; i < space.size(); i++) {
            if (Double.isNaN(base[i]) && !variedNames.contains(space.get(i).name()) && model.uses(i, base)) {
                node.problem("parameter '" + space.get(i).name() + "' of " + model.name()
                        + " has no default: vary it or give it in model.fixed");
            }
        }
        final List<Dose> doses = new ArrayList<>();
        final JsonInput.Node d = node.field("doses");
        if (d.array(false)) {
            if (!model.acceptsDoses()) {
                d.problem("model " + model.name() + " takes no infusions");
            }
            for (int i = 0; i < d.size(); i++) {
                final JsonInput.Node dose = d.element(i);
                if (!dose.object(true)) {
                    continue;
                }
                dose.only(fields("day", "cells"));
                final double day = dose.field("day").number(true);
                final double cells = dose.field("cells").number(true);
                if (!Double.isNaN(day) && !Double.isNaN(cells)) {
                    try {
                        doses.add(new Dose(day, cells));
                    } catch (IllegalArgumentException e) {
                        dose.problem(e.getMessage());
                    }
                }
            }
        }
        final double tEnd = node.field("t_end").number(true);
        if (!Double.isNaN(tEnd) && !(tEnd > 0)) {
            node.field("t_end").problem("horizon must be a positive number of days, got " + tEnd);
        }
        double rtol = DEFAULT_RTOL;
        if (node.field("rtol").present()) {
            rtol = node.field("rtol").number(true);
            final String problem = IntegratorSettings.relativeToleranceProblem(rtol);
            if (problem != null) {
                node.field("rtol").problem(problem);
            }
        }
        OdeMethod method = OdeMethod.DEFAULT;
        if (node.field("method").present()) {
            final String name = node.field("method").string(true);
            if (name != null) {
                try {
                    method = OdeMethod.of(name);
                } catch (IllegalArgumentException e) {
                    node.field("method").problem(e.getMessage());
                }
            }
        }
        final PatientSimulator probe = PatientSimulator.create(model, IntegratorSettings.of(DEFAULT_RTOL),
                Math.max(1, model.states().size()));
        final double[] settings = probe.defaultEndpointSettings();
        final List<ParameterSpec> settingSpecs = probe.endpointSettings();
        final JsonInput.Node es = node.field("endpoint_settings");
        if (es.object(false)) {
            final java.util.Iterator<String> it = es.value.fieldNames();
            while (it.hasNext()) {
                final String key = it.next();
                final JsonInput.Node v = es.field(key);
                int i = -1;
                for (int j = 0; j < settingSpecs.size(); j++) {
                    if (settingSpecs.get(j).name().equals(key)) {
                        i = j;
                    }
                }
                if (i < 0) {
                    v.problem("model " + model.name() + " has no endpoint setting '" + key + "'; known: "
                            + settingSpecs.stream().map(ParameterSpec::name).toList());
                    continue;
                }
                final double x = v.number(true);
                if (!Double.isNaN(x)) {
                    try {
                        settings[i] = settingSpecs.get(i).checked(x);
                    } catch (IllegalArgumentException e) {
                        v.problem(e.getMessage());
                    }
                }
            }
        }
        final List<OutputSpec> specs = checkOutputs(PatientEvaluator.columns(model, base), outputs);
        if (specs == null || node.problemCount() != problemsBefore || Double.isNaN(tEnd) || !(tEnd > 0)
                || IntegratorSettings.relativeToleranceProblem(rtol) != null) {
            return null;
        }
        for (int j : index) {
            if (j < 0) {
                return null;
            }
        }
        return PatientEvaluator.factory(model.name(), base, index, doses, tEnd, rtol, method, settings, specs);
    }

    private static void bundle(JsonInput.Node node, Model model, String kind, double[] p) {
        final String name = node.string(false);
        if (name == null) {
            return;
        }
        final List<String> known = new ArrayList<>();
        for (ParameterBundle b : model.bundles()) {
            if (b.kind().equals(kind)) {
                known.add(b.name());
                if (b.name().equals(name)) {
                    b.applyTo(model.parameters(), p);
                    return;
                }
            }
        }
        node.problem("unknown " + kind + " '" + name + "' of model " + model.name()
                + (known.isEmpty() ? " (it has none)" : "; known: " + String.join(", ", known)));
    }
}
