package org.vtrial.engine.stats;

/**
 * Cumulative incidence of competing causes by the Aalen–Johansen estimator (Aalen &amp; Johansen,
 * Scand J Stat 1978;5:141-150; Kalbfleisch &amp; Prentice 2002, §8.2): the probability of having had
 * an event of cause {@code c} by time {@code t},
 * {@code F_c(t) = sum_{t_i <= t} S(t_{i-1}) · d_{c,i} / n_i}, with {@code S} the Kaplan–Meier curve of
 * the combined event. The incidences of all causes sum to {@code 1 - S(t)}: unlike one minus a
 * cause-specific Kaplan–Meier curve, they do not treat the other causes as censoring.
 */
public final class AalenJohansen {

    private final LifeTable table;
    /** incidence[c - 1][i]: F_c(time(i)). */
    private final double[][] incidence;
    private final double[] survival;

    private AalenJohansen(LifeTable table) {
        this.table = table;
        final int m = table.size();
        incidence = new double[table.causes()][m];
        survival = new double[m];
        final double[] f = new double[table.causes()];
        double s = 1;
        for (int i = 0; i < m; i++) {
            final long n = table.atRisk(i);
            final long d = table.events(i);
            if (d > 0) {
                for (int c = 0; c < f.length; c++) {
                    f[c] += s * table.events(c + 1, i) / n;
                }
                s *= 1 - (double) d / n;
            }
            for (int c = 0; c < f.length; c++) {
                incidence[c][i] = f[c];
            }
            survival[i] = s;
        }
    }

    /** @return the estimator for the table's causes */
    public static AalenJohansen of(LifeTable table) {
        return new AalenJohansen(table);
    }

    public LifeTable table() {
        return table;
    }

    public int size() {
        return survival.length;
    }

    public double time(int i) {
        return table.time(i);
    }

    /** @return {@code F_cause(time(i))}, cause 1-based */
    public double incidence(int cause, int i) {
        return incidence[cause - 1][i];
    }

    /** @return the Kaplan–Meier event-free probability of the combined event at {@code time(i)} */
    public double survival(int i) {
        return survival[i];
    }

    /**
     * @return {@code F_cause(t)}: 0 before the first time; NaN after the last time of the table
     *         unless every subject has had an event
     */
    public double at(int cause, double t) {
        final int i = table.indexAtOrBefore(t);
        if (i < 0) {
            return 0;
        }
        if (t > table.lastTime() && survival[i] > 0) {
            return Double.NaN;
        }
        return incidence[cause - 1][i];
    }
}
