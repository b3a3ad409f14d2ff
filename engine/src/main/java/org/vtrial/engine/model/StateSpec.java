package org.vtrial.engine.model;

/**
 * A declared state variable.
 *
 * @param name        state name, as in MODELS.md (CSV headers, Parquet trajectory columns)
 * @param unit        unit
 * @param description meaning
 */
public record StateSpec(String name, String unit, String description) {
}
