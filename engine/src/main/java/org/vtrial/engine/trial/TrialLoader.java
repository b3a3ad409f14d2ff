package org.vtrial.engine.trial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree;
import org.vtrial.engine.io.JsonTree.Kind;
import org.vtrial.engine.io.JsonTree.Node;
import org.vtrial.engine.io.Origin;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sampling.Marginal;
import org.vtrial.engine.sampling.Population;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.PatientSimulator;

/**
 * Reads and validates a trial file and the cohort it references (format: docs/INPUTS.md, schema:
 * docs/schemas/trial.schema.json). Every problem of both files is reported in one
 * {@link BadInputException}, each with file, line, column and JSON path. Loading only reads: a run
 * that loads its trial first simulates and writes nothing when the input is bad.
 *
 * <p>The cohort path is resolved against the trial file's folder (an absolute path is taken as is).
 */
public final class TrialLoader {

    private static final List<String> POSITIVE_FIELDS = List.of("sd", "cv", "log_sd", "median");

    private TrialLoader() {
    }

    /**
     * Loads a trial.
     *
     * @throws BadInputException listing every problem of the trial and its cohort
     */
    public static TrialSpec load(Path file) throws BadInputException {
        return load(file, ModelRegistry::get);
    }

    /**
     * Loads a trial whose cohort's model is looked up in {@code models} instead of the built-in
     * registry (models outside the registry: tests, embedding).
     *
     * @param models returns the model of a name, or throws IllegalArgumentException naming the known ones
     * @throws BadInputException listing every problem of the trial and its cohort
     */
    public static TrialSpec load(Path file, Function<String, Model> models) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        final List<String> cohortProblems = new ArrayList<>();
        final InputProblems p = new InputProblems(file, problems);
        final Node root = JsonTree.read(file, p);
        if (root == null) {
            throw new BadInputException(problems);
        }
        final JsonFields f = JsonFields.of(root, p, "a trial");
        if (!f.valid()) {
            throw new BadInputException(problems);
        }
        f.allow("$schema");
        final String name = f.string("name", true);
        if (name != null && !JsonFields.isName(name)) {
            p.add(root.get("name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
        }
        final String description = f.string("description", false);

        // The cohort, and with it the model.
        CohortLoader.Result cohort = null;
        final String cohortText = f.string("cohort", true);
        if (cohortText != null) {
            final Path parent = file.getParent();
            final Path cohortFile = (parent == null ? Path.of(cohortText) : parent.resolve(cohortText)).normalize();
            if (!Files.isRegularFile(cohortFile)) {
                p.add(root.get("cohort"), "cohort file not found: " + cohortFile
                        + " (a relative path is resolved against the trial file's folder)");
            } else {
                cohort = CohortLoader.read(cohortFile, models, cohortProblems);
            }
        }
        final Model model = cohort == null ? null : cohort.model();

        final Long seed = f.integer("seed", true, Long.MIN_VALUE, Long.MAX_VALUE);
        final Long patients = f.integer("patients_per_arm", true, 1, TrialSpec.MAX_PATIENTS_PER_ARM);
        final Double horizon = f.number("horizon_days", true);
        if (horizon != null && !(horizon > 0 && horizon <= TrialSpec.MAX_HORIZON_DAYS)) {
            p.add(root.get("horizon_days"), "the horizon must be in (0, " + Marginal.fmt(TrialSpec.MAX_HORIZON_DAYS)
                    + "] days, got " + Marginal.fmt(horizon));
        }
        final Double rtol = f.number("rtol", false);
        if (rtol != null && IntegratorSettings.relativeToleranceProblem(rtol) != null) {
            p.add(root.get("rtol"), IntegratorSettings.relativeToleranceProblem(rtol));
        }
        final String methodName = f.string("method", false);
        OdeMethod method = OdeMethod.DEFAULT;
        if (methodName != null) {
            try {
                method = OdeMethod.of(methodName);
            } catch (IllegalArgumentException e) {
                p.add(root.get("method"), e.getMessage());
            }
        }
        final Boolean crn = f.bool("common_random_numbers", false);
        final Long trajectories = f.integer("trajectory_sample", false, 0, TrialSpec.MAX_TRAJECTORY_SAMPLE);
        if (trajectories != null && patients != null && trajectories > patients) {
            p.add(root.get("trajectory_sample"), "trajectory_sample (" + trajectories + ") exceeds patients_per_arm ("
                    + patients + ")");
        }

        double[] settings = new double[0];
        if (model != null) {
            settings = endpointSettings(model, f.get("endpoint_settings"), p);
        } else {
            f.get("endpoint_settings");
        }

        final List<ArmSpec> arms = arms(file, f.required("arms"), model, cohort == null ? null : cohort.cohort(),
                horizon, p);
        int reference = 0;
        final String referenceName = f.string("reference_arm", false);
        if (referenceName != null && arms != null) {
            reference = -1;
            for (int i = 0; i < arms.size(); i++) {
                if (arms.get(i).name().equals(referenceName)) {
                    reference = i;
                }
            }
            if (reference < 0) {
                final List<String> names = new ArrayList<>();
                for (ArmSpec a : arms) {
                    names.add(a.name());
                }
                p.add(root.get("reference_arm"), "no arm is called '" + referenceName + "' (arms: " + String.join(", ", names) + ")");
            }
        }

        int replicates = 1;
        List<UncertaintySpec> uncertainty = List.of();
        final Node rep = f.get("replicates");
        if (rep != null) {
            final JsonFields rf = JsonFields.of(rep, p, "the replicates");
            final Long count = rf.integer("count", true, 1, TrialSpec.MAX_REPLICATES);
            if (count != null) {
                replicates = count.intValue();
            }
            final Node list = rf.get("uncertainty");
            if (list != null) {
                uncertainty = uncertainty(file, list, cohort, p);
            }
            rf.rejectUnknown("the replicates");
        }
        f.rejectUnknown("a trial");

        problems.addAll(cohortProblems);
        final boolean shared = crn == null || crn;
        Population population = null;
        if (cohort != null && arms != null && uncertainty != null && seed != null) {
            // Also with problems elsewhere: the distribution-level checks of what parsed join the report.
            final Set<String> invalid = new HashSet<>(cohort.listed());
            for (CohortParameter cp : cohort.cohort().parameters()) {
                invalid.remove(cp.name());
            }
            population = PopulationBuilder.build(model, cohort.cohort(), invalid, arms, replicates, uncertainty, seed,
                    shared, false, problems);
        }
        if (!problems.isEmpty() || population == null) {
            throw new BadInputException(problems.isEmpty() ? List.of(file + ": cannot load the trial") : problems);
        }
        return new TrialSpec(file, name, description == null ? "" : description, cohort.cohort(), model, seed, patients,
                horizon, rtol == null ? IntegratorSettings.DEFAULT_RELATIVE_TOLERANCE : rtol, method, settings, arms,
                reference,
                replicates, uncertainty,
                trajectories == null ? 0 : trajectories.intValue(), shared, population);
    }

    private static double[] endpointSettings(Model model, Node node, InputProblems p) {
        final PatientSimulator sim = PatientSimulator.create(model, IntegratorSettings.defaults());
        final List<ParameterSpec> specs = sim.endpointSettings();
        final double[] values = sim.defaultEndpointSettings();
        if (node == null) {
            return values;
        }
        final JsonFields f = JsonFields.of(node, p, "endpoint settings");
        if (!f.valid()) {
            return values;
        }
        final List<String> names = new ArrayList<>();
        for (ParameterSpec s : specs) {
            names.add(s.name());
        }
        for (Map.Entry<String, Node> e : node.fields().entrySet()) {
            f.allow(e.getKey());
            final int i = names.indexOf(e.getKey());
            if (i < 0) {
                final String guess = JsonFields.closest(e.getKey(), names);
                p.addAtKey(e.getValue(), "unknown endpoint setting '" + e.getKey() + "' of model " + model.name()
                        + (guess == null ? "" : "; did you mean '" + guess + "'?")
                        + (names.isEmpty() ? " (it has none)" : " (known: " + String.join(", ", names) + ")"));
                continue;
            }
            final Double v = value(specs.get(i), e.getValue(), p);
            if (v != null) {
                values[i] = v;
            }
        }
        return values;
    }

    /** @return a parameter or setting value (a label for a choice), range-checked, or null after reporting */
    private static Double value(ParameterSpec spec, Node v, InputProblems p) {
        if (spec.isChoice()) {
            if (v.kind() != Kind.STRING) {
                p.add(v, "expected one of " + spec.choices() + " as a string, got " + v.describe());
                return null;
            }
            try {
                return spec.parse(v.text());
            } catch (IllegalArgumentException e) {
                p.add(v, e.getMessage());
                return null;
            }
        }
        final Double d = JsonFields.number(v, p);
        if (d == null) {
            return null;
        }
        try {
            return spec.checked(d);
        } catch (IllegalArgumentException e) {
            p.add(v, e.getMessage());
            return null;
        }
    }

    private static List<ArmSpec> arms(Path file, Node node, Model model, CohortSpec cohort, Double horizon,
                                      InputProblems p) {
        if (node == null) {
            return null;
        }
        final List<Node> items = JsonFields.array(node, p, "a list of arms");
        if (items == null) {
            return null;
        }
        if (items.isEmpty() || items.size() > TrialSpec.MAX_ARMS) {
            p.add(node, "a trial has 1 to " + TrialSpec.MAX_ARMS + " arms, got " + items.size());
            return null;
        }
        final int before = p.list().size();
        final List<ArmSpec> arms = new ArrayList<>();
        final Map<String, Node> names = new HashMap<>();
        for (Node item : items) {
            final JsonFields f = JsonFields.of(item, p, "an arm");
            if (!f.valid()) {
                continue;
            }
            final String name = f.string("name", true);
            if (name != null) {
                if (!JsonFields.isName(name)) {
                    p.add(item.get("name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
                } else if (names.containsKey(name)) {
                    p.add(item.get("name"), "arm name '" + name + "' is used twice (first at " + names.get(name).where() + ")");
                } else {
                    names.put(name, item.get("name"));
                }
            }
            final String description = f.string("description", false);
            String preset = f.string("preset", false);
            String conditioning = f.string("conditioning", false);
            if (model != null) {
                CohortLoader.checkBundle(model, "preset", preset, item.get("preset"), p);
                CohortLoader.checkBundle(model, "conditioning", conditioning, item.get("conditioning"), p);
            }
            if (cohort != null) {
                preset = preset == null ? cohort.defaultPreset() : preset;
                conditioning = conditioning == null ? cohort.defaultConditioning() : conditioning;
            }
            final List<Dose> doses = doses(f.get("doses"), model, horizon, p);
            final Map<String, Double> overrides = overrides(f.get("overrides"), model, p);
            f.rejectUnknown("an arm");
            arms.add(new ArmSpec(name, description == null ? "" : description, preset, conditioning,
                    doses == null ? List.of() : doses, overrides, Origin.of(file, item)));
        }
        return p.list().size() > before ? null : arms;
    }

    private static List<Dose> doses(Node node, Model model, Double horizon, InputProblems p) {
        if (node == null) {
            return List.of();
        }
        final List<Node> items = JsonFields.array(node, p, "a list of doses");
        if (items == null) {
            return null;
        }
        if (model != null && !model.acceptsDoses() && !items.isEmpty()) {
            p.add(node, "model " + model.name() + " takes no infusions: leave out \"doses\"");
            return null;
        }
        if (items.isEmpty()) {
            p.add(node, "an empty list of doses: give at least one dose, or leave out \"doses\" for the model's default regimen");
            return null;
        }
        final List<Dose> doses = new ArrayList<>();
        for (Node item : items) {
            final JsonFields f = JsonFields.of(item, p, "a dose {\"day\": ..., \"cells\": ...}");
            if (!f.valid()) {
                continue;
            }
            final Double day = f.number("day", true);
            final Double cells = f.number("cells", true);
            f.rejectUnknown("a dose");
            boolean ok = day != null && cells != null;
            if (day != null && (day < 0 || horizon != null && day >= horizon)) {
                p.add(item.get("day"), "a dose day lies in [0, horizon_days)" + (horizon == null ? "" : " = [0, "
                        + Marginal.fmt(horizon) + ")") + ", got " + Marginal.fmt(day));
                ok = false;
            }
            if (cells != null && !(cells > 0)) {
                p.add(item.get("cells"), "a dose has a positive number of cells, got " + Marginal.fmt(cells));
                ok = false;
            }
            if (ok) {
                doses.add(new Dose(day, cells));
            }
        }
        return doses;
    }

    private static Map<String, Double> overrides(Node node, Model model, InputProblems p) {
        final Map<String, Double> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        final JsonFields f = JsonFields.of(node, p, "parameter overrides");
        if (!f.valid()) {
            return out;
        }
        for (Map.Entry<String, Node> e : node.fields().entrySet()) {
            f.allow(e.getKey());
            if (model == null) {
                continue;
            }
            final int i = model.parameters().indexOf(e.getKey());
            if (i < 0) {
                final String guess = JsonFields.closest(e.getKey(), model.parameters().names());
                p.addAtKey(e.getValue(), "unknown parameter '" + e.getKey() + "' of model " + model.name()
                        + (guess == null ? "" : "; did you mean '" + guess + "'?")
                        + " (known: " + String.join(", ", model.parameters().names()) + ")");
                continue;
            }
            final Double v = value(model.parameters().get(i), e.getValue(), p);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static List<UncertaintySpec> uncertainty(Path file, Node node, CohortLoader.Result cohortResult,
                                                     InputProblems p) {
        final CohortSpec cohort = cohortResult == null ? null : cohortResult.cohort();
        final List<Node> items = JsonFields.array(node, p, "a list of uncertainty entries");
        if (items == null) {
            return null;
        }
        final int before = p.list().size();
        final List<UncertaintySpec> out = new ArrayList<>();
        final Map<String, Node> seen = new HashMap<>();
        for (Node item : items) {
            final JsonFields f = JsonFields.of(item, p, "an uncertainty entry");
            if (!f.valid()) {
                continue;
            }
            final String parameter = f.string("parameter", true);
            final String field = f.string("field", true);
            final String source = f.string("source", true);
            final Node valueNode = f.get("value");
            final Node factorNode = f.get("factor");
            f.rejectUnknown("an uncertainty entry");
            if ((valueNode == null) == (factorNode == null)) {
                p.add(item, "give exactly one of \"value\" (a distribution replacing the field) and \"factor\""
                        + " (a distribution multiplying it)");
                continue;
            }
            final boolean factor = factorNode != null;
            final Node distNode = factor ? factorNode : valueNode;
            final JsonFields df = JsonFields.of(distNode, p, "an uncertainty distribution");
            DistributionSpec dist = null;
            if (df.valid()) {
                dist = DistributionReader.read(df, p, null, false);
                df.rejectUnknown("an uncertainty distribution");
            }
            if (parameter == null || field == null || dist == null || source == null) {
                continue;
            }
            if (cohort != null) {
                final CohortParameter cp = cohort.parameter(parameter);
                if (cp == null && cohortResult.listed().contains(parameter)) {
                    // The cohort lists it but its distribution has problems, reported there.
                    continue;
                }
                if (cp == null) {
                    p.add(item.get("parameter"), "'" + parameter + "' has no distribution in the cohort ("
                            + cohort.file() + "): uncertainty applies to the cohort's parameters");
                    continue;
                }
                final DistributionSpec target = cp.distribution();
                if (DistributionReader.TRUNCATION.contains(field)) {
                    p.add(item.get("field"), "truncation bounds are inclusion criteria, not population-level values:"
                            + " they cannot be uncertain");
                    continue;
                }
                if (!target.has(field)) {
                    final List<String> fields = new ArrayList<>();
                    for (String s : DistributionSpec.fieldsOf(target.kind())) {
                        if (target.has(s)) {
                            fields.add(s);
                        }
                    }
                    p.add(item.get("field"), "the cohort's distribution of '" + parameter + "' (" + target.describe()
                            + ") has no field '" + field + "' (its fields: " + String.join(", ", fields) + ")");
                    continue;
                }
                if (target.label() != null) {
                    p.add(item.get("field"), "'" + parameter + "' is a named choice: it cannot be uncertain");
                    continue;
                }
                if (field.equals(target.anchoredField()) && !factor) {
                    p.add(item, "the cohort takes " + field + " of '" + parameter + "' from the arm (\"preset\"):"
                            + " give its uncertainty as a \"factor\"");
                    continue;
                }
                final Marginal m = dist.resolve(Double.NaN);
                if ((factor || POSITIVE_FIELDS.contains(field)) && !(m.lowest() > 0)) {
                    p.add(distNode, (factor ? "a factor" : field) + " must stay positive, but " + m
                            + " can produce " + Marginal.fmt(m.lowest()) + "; use a positive distribution or truncate it"
                            + " with \"lower\"");
                    continue;
                }
            }
            final String key = parameter + "." + field;
            if (seen.containsKey(key)) {
                p.add(item, "a second uncertainty entry for " + key + " (first at " + seen.get(key).where() + ")");
                continue;
            }
            seen.put(key, item);
            out.add(new UncertaintySpec(parameter, field, factor, dist, source, Origin.of(file, item)));
        }
        return p.list().size() > before ? null : out;
    }
}
