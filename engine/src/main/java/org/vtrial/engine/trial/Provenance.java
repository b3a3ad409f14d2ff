package org.vtrial.engine.trial;

import java.util.List;

/**
 * Which population a cohort represents and where its values come from.
 *
 * @param population the trial population represented (disease, line of therapy, source trial)
 * @param references publications the values rest on
 * @param notes      free text: what is assumed, what is calibrated later
 */
public record Provenance(String population, List<String> references, String notes) {

    /** Freezes the references. */
    public Provenance {
        references = List.copyOf(references);
    }
}
