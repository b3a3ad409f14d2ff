package org.vtrial.engine.sim;

/**
 * One infusion.
 *
 * @param day   infusion day (day 0 is the first infusion by convention)
 * @param cells CAR T-cells infused (&gt; 0)
 */
public record Dose(double day, double cells) {

    /** Validates the dose. */
    public Dose {
        if (!Double.isFinite(day)) {
            throw new IllegalArgumentException("dose day must be finite, got " + day);
        }
        if (!(cells > 0) || !Double.isFinite(cells)) {
            throw new IllegalArgumentException("dose cells must be positive and finite, got " + cells);
        }
    }
}
