package org.vtrial.engine.trial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.io.Origin;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.Regimen;

/**
 * One arm of a trial: what its patients receive.
 *
 * @param name         arm name (letters, digits, {@code _ - . +})
 * @param description  free text (may be empty)
 * @param preset       product (costimulation) preset, or null for none
 * @param conditioning conditioning regimen, or null for none
 * @param doses        infusions; empty means the model's default regimen
 * @param overrides    parameter values for every patient of the arm (choices as label index),
 *                     winning over the cohort
 * @param origin       where the arm was given
 */
public record ArmSpec(String name, String description, String preset, String conditioning, List<Dose> doses,
                      Map<String, Double> overrides, Origin origin) {

    /** Freezes the lists. */
    public ArmSpec {
        doses = List.copyOf(doses);
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** @return the dosing regimen (empty: the model's default, e.g. one dose at day 0) */
    public Regimen regimen() {
        return doses.isEmpty() ? Regimen.none() : new Regimen(doses);
    }
}
