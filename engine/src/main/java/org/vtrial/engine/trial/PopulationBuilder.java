package org.vtrial.engine.trial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vtrial.engine.io.Origin;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.sampling.GaussianCopula;
import org.vtrial.engine.sampling.Marginal;
import org.vtrial.engine.sampling.PhiloxStream;
import org.vtrial.engine.sampling.Population;
import org.vtrial.engine.sampling.RandomStreams;

/**
 * Ties a cohort to a trial's arms and replicates: computes each arm's base vector (model defaults,
 * product preset, conditioning, cohort fixed values, arm overrides), draws each replicate's
 * population-level values, builds every distribution and checks what can only be checked then:
 * {@code "preset"} locations, truncations keeping enough probability mass, distributions staying
 * within the parameters' admissible ranges, required parameters given, the model's own relations.
 */
final class PopulationBuilder {

    /** Smallest probability mass a truncation may keep. */
    static final double MIN_TRUNCATION_MASS = 1e-6;

    private PopulationBuilder() {
    }

    /**
     * @param standalone true when checking a cohort alone: problems that arms could still fix
     *                   (a required parameter without value, a "preset" location without value)
     *                   are not reported
     * @return the population, or null when problems were reported
     */
    static Population build(Model model, CohortSpec cohort, List<ArmSpec> armList, int replicates,
                            List<UncertaintySpec> uncertainty, long seed, boolean commonRandomNumbers,
                            boolean standalone, List<String> problems) {
        return build(model, cohort, Set.of(), armList, replicates, uncertainty, seed, commonRandomNumbers, standalone,
                problems);
    }

    /**
     * As {@link #build(Model, CohortSpec, List, int, List, long, boolean, boolean, List)}, for a
     * cohort some of whose entries had problems of their own.
     *
     * @param invalid parameters the cohort file lists but whose entries were rejected (reported
     *                already): not reported again as lacking a value
     */
    static Population build(Model model, CohortSpec cohort, Set<String> invalid, List<ArmSpec> armList,
                            int replicates, List<UncertaintySpec> uncertainty, long seed,
                            boolean commonRandomNumbers, boolean standalone, List<String> problems) {
        final int before = problems.size();
        final ParameterSpace space = model.parameters();

        // Sampled coordinates: the cohort's non-fixed parameters, in model parameter order.
        final List<CohortParameter> sampled = new ArrayList<>();
        final List<CohortParameter> fixed = new ArrayList<>();
        for (ParameterSpec s : space.all()) {
            final CohortParameter cp = cohort.parameter(s.name());
            if (cp != null) {
                (cp.distribution().isFixedKind() ? fixed : sampled).add(cp);
            }
        }
        final int d = sampled.size();
        final int[] index = new int[d];
        for (int j = 0; j < d; j++) {
            index[j] = space.indexOf(sampled.get(j).name());
        }

        // Population-level values of each replicate.
        final int entries = uncertainty.size();
        final double[][] draws = new double[replicates][entries];
        if (entries > 0) {
            final Marginal[] u = new Marginal[entries];
            for (int e = 0; e < entries; e++) {
                u[e] = uncertainty.get(e).distribution().resolve(Double.NaN);
            }
            final PhiloxStream stream = new PhiloxStream();
            for (int r = 0; r < replicates; r++) {
                RandomStreams.positionReplicate(stream, seed, RandomStreams.REPLICATE_UNCERTAINTY, r);
                for (int e = 0; e < entries; e++) {
                    draws[r][e] = u[e].inverse(stream.nextOpenUniform());
                }
            }
        }
        final Set<String> reported = new HashSet<>();

        // Arms: anchors (defaults < preset < conditioning), then per replicate the base vector
        // (+ cohort fixed values, which uncertainty may redraw, + arm overrides).
        final int arms = armList.size();
        final double[][] anchors = new double[arms][];
        final boolean[][] overridden = new boolean[arms][d];
        for (int a = 0; a < arms; a++) {
            final ArmSpec arm = armList.get(a);
            final double[] p = space.defaults();
            applyBundle(model, "preset", arm.preset(), p);
            applyBundle(model, "conditioning", arm.conditioning(), p);
            anchors[a] = p;
            for (String name : arm.overrides().keySet()) {
                final int i = space.indexOf(name);
                for (int j = 0; j < d; j++) {
                    if (index[j] == i) {
                        overridden[a][j] = true;
                    }
                }
            }
        }
        boolean fixedUncertain = false;
        for (UncertaintySpec us : uncertainty) {
            for (CohortParameter cp : fixed) {
                fixedUncertain |= cp.name().equals(us.parameter());
            }
        }
        final double[][][] base = new double[replicates][][];
        for (int r = 0; r < replicates; r++) {
            if (r > 0 && !fixedUncertain) {
                base[r] = base[0];
                continue;
            }
            base[r] = new double[arms][];
            for (int a = 0; a < arms; a++) {
                final double[] p = anchors[a].clone();
                for (CohortParameter cp : fixed) {
                    double v = cp.distribution().numbers().get("value");
                    for (int e = 0; e < entries; e++) {
                        final UncertaintySpec us = uncertainty.get(e);
                        if (us.parameter().equals(cp.name())) {
                            v = us.factor() ? v * draws[r][e] : draws[r][e];
                        }
                    }
                    final int i = space.indexOf(cp.name());
                    try {
                        p[i] = space.get(i).checked(v);
                    } catch (IllegalArgumentException ex) {
                        report(problems, reported, cp.origin(), "fixed", "",
                                context(armList.get(a), r, fixedUncertain, draws[r], uncertainty) + ex.getMessage());
                    }
                }
                for (Map.Entry<String, Double> e : armList.get(a).overrides().entrySet()) {
                    p[space.indexOf(e.getKey())] = e.getValue();
                }
                base[r][a] = p;
            }
        }

        // Distributions per replicate and arm; without uncertainty all replicates share replicate 0's.
        final Marginal[][][] marginals = new Marginal[replicates][][];
        final Set<Integer> unresolved = new HashSet<>();
        for (int r = 0; r < replicates; r++) {
            if (r > 0 && entries == 0) {
                marginals[r] = marginals[0];
                continue;
            }
            marginals[r] = new Marginal[arms][d];
            for (int a = 0; a < arms; a++) {
                for (int j = 0; j < d; j++) {
                    final CohortParameter cp = sampled.get(j);
                    DistributionSpec spec = cp.distribution();
                    for (int e = 0; e < entries; e++) {
                        final UncertaintySpec us = uncertainty.get(e);
                        if (us.parameter().equals(cp.name())) {
                            spec = applyUncertainty(spec, us, draws[r][e]);
                        }
                    }
                    final String context = context(armList.get(a), r, entries > 0, draws[r], uncertainty);
                    final Marginal m = resolve(cp, spec, anchors[a][index[j]], space.get(index[j]),
                            armList.get(a), overridden[a][j], standalone, context, reported, problems);
                    if (m == null) {
                        unresolved.add(j);
                    }
                    marginals[r][a][j] = m;
                }
            }
        }

        // Copula.
        GaussianCopula copula = null;
        final CorrelationSpec corr = cohort.correlation();
        if (corr != null) {
            final int[] members = new int[corr.parameters().size()];
            for (int i = 0; i < members.length; i++) {
                members[i] = -1;
                for (int j = 0; j < d; j++) {
                    if (sampled.get(j).name().equals(corr.parameters().get(i))) {
                        members[i] = j;
                    }
                }
            }
            if (Arrays.stream(members).allMatch(m -> m >= 0)) {
                try {
                    copula = GaussianCopula.of(members, corr.matrix());
                } catch (IllegalArgumentException ex) {
                    problems.add(corr.origin().format(ex.getMessage()));
                }
            }
        }

        // Required parameters and the model's relations, at the cohort's medians (only when every
        // distribution resolved: otherwise the medians are unknown).
        if (problems.size() == before && unresolved.isEmpty()) {
            for (int a = 0; a < arms; a++) {
                final double[] rep = base[0][a].clone();
                for (int j = 0; j < d; j++) {
                    if (!overridden[a][j]) {
                        rep[index[j]] = marginals[0][a][j].median();
                    }
                }
                final String where = armWhere(armList.get(a));
                if (!standalone) {
                    for (int i = 0; i < rep.length; i++) {
                        if (Double.isNaN(rep[i]) && model.uses(i, rep) && !invalid.contains(space.get(i).name())) {
                            problems.add(armList.get(a).origin().format(where + "parameter '" + space.get(i).name()
                                    + "' of model " + model.name() + " has no value (the model gives no default):"
                                    + " give it in the cohort's parameters or in the arm's overrides"));
                        }
                    }
                }
                if (problems.size() == before) {
                    final List<String> relations = new ArrayList<>();
                    model.validate(rep, relations);
                    for (String msg : relations) {
                        problems.add(armList.get(a).origin().format(where + "at the cohort's median values: " + msg));
                    }
                }
            }
        }
        if (problems.size() > before || !unresolved.isEmpty()) {
            return null;
        }
        return new Population(model, seed, commonRandomNumbers, index, base, overridden, marginals, copula, draws);
    }

    private static DistributionSpec applyUncertainty(DistributionSpec spec, UncertaintySpec us, double draw) {
        if (us.factor()) {
            if (us.field().equals(spec.anchoredField())) {
                return spec.withAnchorScale(draw);
            }
            return spec.withNumber(us.field(), spec.numbers().get(us.field()) * draw);
        }
        return spec.withNumber(us.field(), draw);
    }

    private static Marginal resolve(CohortParameter cp, DistributionSpec spec, double anchor, ParameterSpec ps,
                                    ArmSpec arm, boolean overridden, boolean standalone, String context,
                                    Set<String> reported, List<String> problems) {
        final Origin at = cp.origin();
        if (spec.anchoredField() != null && Double.isNaN(anchor)) {
            if (!standalone && !overridden) {
                report(problems, reported, at, "no-anchor", arm.name(), context + spec.anchoredField() + " \"preset\" takes the arm's value of '"
                        + cp.name() + "', but the model has no default for it and neither the product preset nor the"
                        + " conditioning sets it");
            }
            return null;
        }
        final Marginal m;
        try {
            m = spec.resolve(anchor);
        } catch (IllegalArgumentException ex) {
            report(problems, reported, at, "resolve", arm.name(), context + spec.describe() + " with "
                    + (spec.anchoredField() != null ? spec.anchoredField() + " = " + Marginal.fmt(anchor * spec.anchorScale()) + ": " : "")
                    + ex.getMessage());
            return null;
        }
        if (m.truncationMass() < MIN_TRUNCATION_MASS) {
            report(problems, reported, at, "mass", arm.name(), context + "truncation to [" + Marginal.fmt(spec.lower()) + ", "
                    + Marginal.fmt(spec.upper()) + "] keeps a probability mass of " + massText(m.truncationMass())
                    + " of " + untruncated(spec, anchor) + " (at least " + Marginal.fmt(MIN_TRUNCATION_MASS)
                    + " is required): almost no patient of this distribution meets the inclusion criteria");
            return null;
        }
        final double lo = m.lowest();
        final double hi = m.highest();
        if (lo < ps.min() || hi > ps.max()) {
            final boolean below = lo < ps.min();
            report(problems, reported, at, "range", arm.name(), context + m + " can produce " + (below ? "values down to " + Marginal.fmt(lo)
                    : "values up to " + Marginal.fmt(hi)) + ", outside the admissible range of '" + cp.name() + "' ["
                    + Marginal.fmt(ps.min()) + ", " + Marginal.fmt(ps.max()) + "]; truncate it with \""
                    + (below ? "lower" : "upper") + "\" (inclusion criteria) or narrow it");
            return null;
        }
        return m;
    }

    private static String untruncated(DistributionSpec spec, double anchor) {
        try {
            final DistributionSpec open = new DistributionSpec(spec.kind(), spec.numbers(), spec.anchoredField(),
                    spec.anchorScale(), spec.label(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            return open.resolve(anchor).toString();
        } catch (IllegalArgumentException e) {
            return spec.describe();
        }
    }

    private static String massText(double mass) {
        return mass == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.2g", mass);
    }

    /** Reports a problem once per (place, kind): the same violation in many replicates is one line. */
    private static void report(List<String> problems, Set<String> reported, Origin at, String kind, String armKey,
                               String message) {
        if (reported.add(at.path() + "|" + kind + "|" + armKey)) {
            problems.add(at.format(message));
        }
    }

    private static String context(ArmSpec arm, int replicate, boolean uncertain, double[] draws,
                                  List<UncertaintySpec> uncertainty) {
        final StringBuilder sb = new StringBuilder(armWhere(arm));
        if (uncertain) {
            sb.append("in replicate ").append(replicate).append(" (drawn:");
            for (int e = 0; e < draws.length; e++) {
                final UncertaintySpec us = uncertainty.get(e);
                sb.append(' ').append(us.parameter()).append('.').append(us.field())
                        .append(us.factor() ? " x" : " = ").append(Marginal.fmt(draws[e]));
            }
            sb.append("), ");
        }
        return sb.toString();
    }

    private static String armWhere(ArmSpec arm) {
        if (arm.name() == null) {
            return "";
        }
        return "in arm '" + arm.name() + "'" + describeArm(arm) + ", ";
    }

    private static String describeArm(ArmSpec arm) {
        final List<String> parts = new ArrayList<>();
        if (arm.preset() != null) {
            parts.add("preset " + arm.preset());
        }
        if (arm.conditioning() != null) {
            parts.add("conditioning " + arm.conditioning());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Applies a named bundle of the model (names validated by the caller; unknown names are skipped). */
    static void applyBundle(Model model, String kind, String name, double[] p) {
        if (name == null) {
            return;
        }
        for (ParameterBundle b : model.bundles()) {
            if (b.kind().equals(kind) && b.name().equals(name)) {
                b.applyTo(model.parameters(), p);
                return;
            }
        }
    }
}
