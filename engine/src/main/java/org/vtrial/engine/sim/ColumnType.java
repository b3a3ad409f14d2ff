package org.vtrial.engine.sim;

/**
 * Storage type of an output column. Values travel through the engine as {@code double}s in a row
 * buffer (no boxing, no allocation); the type says how a writer stores them.
 */
public enum ColumnType {
    /** A real number (NaN where undefined, e.g. time to response of a non-responder). */
    DOUBLE,
    /** A whole number (stored as an exact double). */
    INT,
    /** 0 or 1. */
    BOOLEAN,
    /** A label: the double is the index into {@link ColumnSpec#labels()}; NaN for none. */
    CATEGORY
}
