package org.vtrial.engine.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.InputProblems;
import org.vtrial.engine.io.JsonTree;
import org.vtrial.engine.io.JsonTree.Node;
import org.vtrial.engine.io.Origin;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.sim.Dose;

/**
 * Reads and validates a cohort file (format: docs/INPUTS.md, schema: docs/schemas/cohort.schema.json).
 * Every problem of the file is reported at once, each with file, line, column and JSON path.
 */
public final class CohortLoader {

    /** Smallest eigenvalue a correlation matrix must keep to count as positive definite. */
    static final double MIN_EIGENVALUE = 1e-8;

    private CohortLoader() {
    }

    /**
     * Loads a cohort and checks it on its own (with the arm defaults it names).
     *
     * @throws BadInputException listing every problem
     */
    public static CohortSpec load(Path file) throws BadInputException {
        return load(file, ModelRegistry::get);
    }

    /**
     * Loads a cohort whose model is looked up in {@code models} instead of the built-in registry
     * (models outside the registry: tests, embedding).
     *
     * @param models returns the model of a name, or throws IllegalArgumentException naming the known ones
     * @throws BadInputException listing every problem
     */
    public static CohortSpec load(Path file, Function<String, Model> models) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        final Result r = read(file, models, problems);
        if (r != null) {
            // Distribution-level checks (ranges, truncation mass) of the entries that parsed, so that
            // one report lists them with the file's other problems.
            final ArmSpec arm = new ArmSpec(null, "", r.cohort.defaultPreset(), r.cohort.defaultConditioning(),
                    List.<Dose>of(), Map.of(), new Origin(file, 0, 0, "$"));
            PopulationBuilder.build(r.model, r.cohort, List.of(arm), 1, List.of(), 0L, true, true, problems);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return r.cohort;
    }

    /**
     * A cohort with its model.
     *
     * @param listed names of all parameters the file lists, valid or not (so that a trial does not
     *               report consequences of a cohort problem already reported)
     */
    record Result(CohortSpec cohort, Model model, Set<String> listed) {
    }

    /**
     * Reads a cohort into {@code problems} (shared with a trial's).
     *
     * @return the cohort and its model, or null when the model is unknown or the file unusable
     */
    static Result read(Path file, Function<String, Model> models, List<String> problems) {
        final InputProblems p = new InputProblems(file, problems);
        final Node root = JsonTree.read(file, p);
        if (root == null) {
            return null;
        }
        final JsonFields f = JsonFields.of(root, p, "a cohort");
        if (!f.valid()) {
            return null;
        }
        f.allow("$schema");
        final String name = f.string("name", true);
        if (name != null && !JsonFields.isName(name)) {
            p.add(root.get("name"), "a name takes letters, digits and _ - . + (at most 64), starting with a letter or digit");
        }
        final String description = f.string("description", false);
        final String modelName = f.string("model", true);
        Model model = null;
        if (modelName != null) {
            try {
                model = models.apply(modelName);
            } catch (IllegalArgumentException e) {
                p.add(root.get("model"), e.getMessage());
            }
        }
        final Provenance provenance = provenance(f.required("provenance"), p);

        String defaultPreset = null;
        String defaultConditioning = null;
        final Node defaults = f.get("arm_defaults");
        if (defaults != null) {
            final JsonFields df = JsonFields.of(defaults, p, "arm defaults");
            defaultPreset = df.string("preset", false);
            defaultConditioning = df.string("conditioning", false);
            if (model != null) {
                checkBundle(model, "preset", defaultPreset, defaults.get("preset"), p);
                checkBundle(model, "conditioning", defaultConditioning, defaults.get("conditioning"), p);
            }
            df.rejectUnknown("arm_defaults");
        }

        final List<CohortParameter> parameters = new ArrayList<>();
        final Node params = f.required("parameters");
        if (params != null) {
            final JsonFields pf = JsonFields.of(params, p, "the parameters' distributions");
            if (pf.valid()) {
                for (Map.Entry<String, Node> e : params.fields().entrySet()) {
                    pf.allow(e.getKey());
                    ParameterSpec spec = null;
                    if (model != null) {
                        final int i = model.parameters().indexOf(e.getKey());
                        if (i < 0) {
                            final String guess = JsonFields.closest(e.getKey(), model.parameters().names());
                            p.addAtKey(e.getValue(), "unknown parameter '" + e.getKey() + "' of model " + model.name()
                                    + (guess == null ? "" : "; did you mean '" + guess + "'?")
                                    + " (known: " + String.join(", ", model.parameters().names()) + ")");
                            continue;
                        }
                        spec = model.parameters().get(i);
                    }
                    final CohortParameter cp = parameter(file, e.getKey(), e.getValue(), spec, p);
                    if (cp != null) {
                        parameters.add(cp);
                    }
                }
            }
        }
        CorrelationSpec correlation = null;
        final Node corr = f.get("correlation");
        if (corr != null) {
            correlation = correlation(file, corr, params, parameters, p);
        }
        f.rejectUnknown("a cohort");
        if (model == null) {
            return null;
        }
        final CohortSpec cohort = new CohortSpec(file, name, description == null ? "" : description, modelName,
                provenance, parameters, correlation, defaultPreset, defaultConditioning);
        return new Result(cohort, model, params == null ? Set.of() : Set.copyOf(params.fields().keySet()));
    }

    private static Provenance provenance(Node node, InputProblems p) {
        if (node == null) {
            return new Provenance("", List.of(), "");
        }
        final JsonFields f = JsonFields.of(node, p, "the provenance");
        final String population = f.string("population", true);
        final List<String> refs = new ArrayList<>();
        final Node r = f.get("references");
        if (r != null) {
            final List<Node> items = JsonFields.array(r, p, "a list of references");
            if (items != null) {
                for (Node item : items) {
                    final String s = JsonFields.string(item, p);
                    if (s != null) {
                        refs.add(s);
                    }
                }
            }
        }
        final String notes = f.string("notes", false);
        f.rejectUnknown("the provenance");
        return new Provenance(population == null ? "" : population, refs, notes == null ? "" : notes);
    }

    private static CohortParameter parameter(Path file, String name, Node node, ParameterSpec spec, InputProblems p) {
        final JsonFields f = JsonFields.of(node, p, "a distribution of '" + name + "'");
        if (!f.valid()) {
            return null;
        }
        final DistributionSpec d = DistributionReader.read(f, p, spec, true);
        final String source = f.string("source", true);
        f.rejectUnknown("a cohort parameter");
        if (d == null || source == null) {
            return null;
        }
        return new CohortParameter(name, d, source, Origin.of(file, node));
    }

    private static CorrelationSpec correlation(Path file, Node node, Node params, List<CohortParameter> parameters,
                                               InputProblems p) {
        final int before = p.list().size();
        final JsonFields f = JsonFields.of(node, p, "a correlation");
        if (!f.valid()) {
            return null;
        }
        final Node namesNode = f.required("parameters");
        final Node matrixNode = f.required("matrix");
        f.rejectUnknown("the correlation");
        final List<String> names = new ArrayList<>();
        if (namesNode != null) {
            final List<Node> items = JsonFields.array(namesNode, p, "a list of parameter names");
            if (items != null) {
                if (items.size() < 2) {
                    p.add(namesNode, "a correlation needs at least two parameters, got " + items.size());
                }
                final Map<String, Node> seen = new HashMap<>();
                for (Node item : items) {
                    final String s = JsonFields.string(item, p);
                    if (s == null) {
                        continue;
                    }
                    if (seen.put(s, item) != null) {
                        p.add(item, "parameter '" + s + "' appears twice");
                        continue;
                    }
                    CohortParameter cp = null;
                    for (CohortParameter c : parameters) {
                        if (c.name().equals(s)) {
                            cp = c;
                        }
                    }
                    if (cp == null) {
                        final boolean listed = params != null && params.get(s) != null;
                        if (!listed) {
                            p.add(item, "'" + s + "' is not a parameter of this cohort: only parameters given a"
                                    + " distribution in \"parameters\" can be correlated");
                        }
                    } else if (cp.distribution().isFixedKind()) {
                        p.add(item, "'" + s + "' is fixed: only parameters that vary between patients can be correlated");
                    }
                    names.add(s);
                }
            }
        }
        double[][] matrix = null;
        if (matrixNode != null) {
            matrix = matrix(matrixNode, names.size(), p);
        }
        if (p.list().size() > before || matrix == null) {
            return null;
        }
        return new CorrelationSpec(names, matrix, Origin.of(file, node));
    }

    private static double[][] matrix(Node node, int k, InputProblems p) {
        final int before = p.list().size();
        final List<Node> rows = JsonFields.array(node, p, "a square matrix (an array of rows)");
        if (rows == null) {
            return null;
        }
        if (rows.size() != k) {
            p.add(node, "the matrix has " + rows.size() + " rows; it needs one per parameter (" + k + ")");
            return null;
        }
        final double[][] m = new double[k][k];
        final Node[][] at = new Node[k][k];
        for (int i = 0; i < k; i++) {
            final List<Node> row = JsonFields.array(rows.get(i), p, "a matrix row");
            if (row == null) {
                continue;
            }
            if (row.size() != k) {
                p.add(rows.get(i), "row " + i + " has " + row.size() + " entries; the matrix is " + k + "x" + k);
                continue;
            }
            for (int j = 0; j < k; j++) {
                at[i][j] = row.get(j);
                final Double v = JsonFields.number(row.get(j), p);
                if (v == null) {
                    continue;
                }
                m[i][j] = v;
                if (i == j && v != 1.0) {
                    p.add(row.get(j), "diagonal entries of a correlation matrix are 1, got " + row.get(j).text());
                } else if (i != j && !(v >= -1 && v <= 1)) {
                    p.add(row.get(j), "a correlation lies in [-1, 1], got " + row.get(j).text());
                }
            }
        }
        if (p.list().size() > before) {
            return null;
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (m[i][j] != m[j][i]) {
                    p.add(at[j][i], "the matrix is not symmetric: [" + j + "][" + i + "] = " + at[j][i].text()
                            + " but [" + i + "][" + j + "] = " + at[i][j].text() + " (at " + at[i][j].where() + ")");
                }
            }
        }
        if (p.list().size() > before) {
            return null;
        }
        final double[] eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, true)).getEigenvalues();
        double smallest = Double.POSITIVE_INFINITY;
        for (double e : eigen) {
            smallest = Math.min(smallest, e);
        }
        if (!(smallest > MIN_EIGENVALUE)) {
            p.add(node, String.format(java.util.Locale.ROOT, "the correlation matrix is not positive definite (smallest"
                    + " eigenvalue %.3g): the correlations are mutually inconsistent", smallest));
            return null;
        }
        return m;
    }

    /** Checks that a named bundle exists; reports the known names otherwise. */
    static void checkBundle(Model model, String kind, String name, Node at, InputProblems p) {
        if (name == null) {
            return;
        }
        final List<String> known = new ArrayList<>();
        for (ParameterBundle b : model.bundles()) {
            if (b.kind().equals(kind)) {
                if (b.name().equals(name)) {
                    return;
                }
                known.add(b.name());
            }
        }
        p.add(at, "unknown " + kind + " '" + name + "' of model " + model.name()
                + (known.isEmpty() ? " (it has none)" : "; known: " + String.join(", ", known)));
    }
}
