package org.vtrial.engine.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.trial.CohortParameter;
import org.vtrial.engine.trial.CohortSpec;
import org.vtrial.engine.trial.DistributionSpec;

/**
 * Sets free values in a cohort: each fitted field of a parameter's distribution gets its number.
 * A field written {@code "preset"} becomes a number (the arm's value no longer applies to it).
 */
final class CohortEdit {

    private CohortEdit() {
    }

    /**
     * @param values one value per free value, in order
     * @return the cohort with the values set (the base is unchanged)
     */
    static CohortSpec apply(CohortSpec base, List<FreeValue> free, double[] values) {
        final Map<String, DistributionSpec> changed = new LinkedHashMap<>();
        for (int i = 0; i < free.size(); i++) {
            final FreeValue f = free.get(i);
            DistributionSpec d = changed.get(f.parameter());
            if (d == null) {
                d = base.parameter(f.parameter()).distribution();
            }
            changed.put(f.parameter(), set(d, f.field(), values[i]));
        }
        final List<CohortParameter> params = new ArrayList<>();
        for (CohortParameter p : base.parameters()) {
            final DistributionSpec d = changed.get(p.name());
            params.add(d == null ? p : new CohortParameter(p.name(), d, p.source(), p.origin()));
        }
        return new CohortSpec(base.file(), base.name(), base.description(), base.model(), base.provenance(), params,
                base.correlation(), base.defaultPreset(), base.defaultConditioning());
    }

    /** @return the distribution with {@code field} set to {@code v} (an anchored field becomes a number) */
    static DistributionSpec set(DistributionSpec d, String field, double v) {
        final Map<String, Double> numbers = new LinkedHashMap<>(d.numbers());
        numbers.put(field, v);
        final boolean anchored = field.equals(d.anchoredField());
        return new DistributionSpec(d.kind(), numbers, anchored ? null : d.anchoredField(),
                anchored ? 1.0 : d.anchorScale(), d.label(), d.lower(), d.upper());
    }
}
