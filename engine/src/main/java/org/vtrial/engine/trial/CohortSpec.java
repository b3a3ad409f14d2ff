package org.vtrial.engine.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cohort file: who the virtual patients are. Names a model and gives, per parameter, a
 * distribution; parameters not listed keep the arm's value (model default, product preset,
 * conditioning). Read with {@link CohortLoader}.
 *
 * @param file                the cohort file
 * @param name                cohort name
 * @param description         one-paragraph description (may be empty)
 * @param model               model name
 * @param provenance          population represented and sources
 * @param parameters          per-parameter distributions, in file order
 * @param correlation         Gaussian copula over some sampled parameters, or null
 * @param defaultPreset       product preset for arms that name none, or null
 * @param defaultConditioning conditioning regimen for arms that name none, or null
 */
public record CohortSpec(Path file, String name, String description, String model, Provenance provenance,
                         List<CohortParameter> parameters, CorrelationSpec correlation, String defaultPreset,
                         String defaultConditioning) {

    /** Freezes the parameters. */
    public CohortSpec {
        parameters = List.copyOf(parameters);
    }

    /** @return the entry for {@code name}, or null when the cohort leaves it to the arm */
    public CohortParameter parameter(String name) {
        for (CohortParameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** @return names of the parameters that vary between patients (not fixed), in file order */
    public List<String> variedParameters() {
        final List<String> out = new ArrayList<>();
        for (CohortParameter p : parameters) {
            if (!p.distribution().kind().equals(org.vtrial.engine.sampling.Marginal.Kind.FIXED)) {
                out.add(p.name());
            }
        }
        return out;
    }
}
