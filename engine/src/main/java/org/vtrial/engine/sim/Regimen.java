package org.vtrial.engine.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A dosing regimen: one or more infusions, kept sorted by day. Models that take no doses ignore it.
 *
 * @param doses infusions in day order
 */
public record Regimen(List<Dose> doses) {

    private static final Regimen NONE = new Regimen(List.of());

    /** Sorts and freezes the doses. */
    public Regimen {
        final List<Dose> sorted = new ArrayList<>(doses);
        sorted.sort(Comparator.comparingDouble(Dose::day));
        doses = List.copyOf(sorted);
    }

    /** @return the empty regimen */
    public static Regimen none() {
        return NONE;
    }

    /** @return a single infusion */
    public static Regimen single(double day, double cells) {
        return new Regimen(List.of(new Dose(day, cells)));
    }

    /** @return number of infusions */
    public int size() {
        return doses.size();
    }

    /** @return total cells infused */
    public double totalCells() {
        double sum = 0;
        for (Dose d : doses) {
            sum += d.cells();
        }
        return sum;
    }

    /** @return day of infusion {@code i} */
    public double day(int i) {
        return doses.get(i).day();
    }

    /** @return cells of infusion {@code i} */
    public double cells(int i) {
        return doses.get(i).cells();
    }
}
