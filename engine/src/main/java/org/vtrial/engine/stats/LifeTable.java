package org.vtrial.engine.stats;

/**
 * Right-censored data with competing causes reduced to their distinct times, ascending: at each
 * time {@code t_i} the number at risk {@code n_i} (subjects whose time is {@code >= t_i}), the events
 * of each cause and the censorings at {@code t_i}. Subjects censored at {@code t_i} are at risk at
 * {@code t_i}: tied events are taken to happen before censorings, the usual convention (Kaplan &amp;
 * Meier 1958; Kalbfleisch &amp; Prentice 2002, §1.4).
 */
public final class LifeTable {

    private final long subjects;
    private final double[] time;
    private final long[] atRisk;
    private final long[] censored;
    private final long[] allEvents;
    /** events[c - 1][i]: events of cause c at time i. */
    private final long[][] events;

    private LifeTable(long subjects, double[] time, long[] atRisk, long[] censored, long[] allEvents,
                      long[][] events) {
        this.subjects = subjects;
        this.time = time;
        this.atRisk = atRisk;
        this.censored = censored;
        this.allEvents = allEvents;
        this.events = events;
    }

    /**
     * @param censoredTimes      censoring times
     * @param eventTimesByCause  event times of cause 1, 2, ...
     * @return their life table
     */
    public static LifeTable of(double[] censoredTimes, double[]... eventTimesByCause) {
        final EventSample s = EventSample.create(eventTimesByCause.length);
        for (double t : censoredTimes) {
            s.accept(t, EventSample.CENSORED);
        }
        for (int c = 0; c < eventTimesByCause.length; c++) {
            for (double t : eventTimesByCause[c]) {
                s.accept(t, c + 1);
            }
        }
        return of(s);
    }

    /** @return the life table of a sample */
    public static LifeTable of(EventSample sample) {
        final double[][] s = sample.sortedTimes();
        final int k = s.length;
        // Two merge passes over the sorted times: count distinct times, then fill exact-size arrays.
        final int distinct = merge(s, null, null, null, null, null);
        final double[] time = new double[distinct];
        final long[] atRisk = new long[distinct];
        final long[] censored = new long[distinct];
        final long[] all = new long[distinct];
        final long[][] events = new long[k - 1][distinct];
        merge(s, time, atRisk, censored, all, events);
        return new LifeTable(sample.size(), time, atRisk, censored, all, events);
    }

    private static int merge(double[][] s, double[] time, long[] atRisk, long[] censored, long[] all,
                             long[][] events) {
        final int k = s.length;
        final int[] p = new int[k];
        long remaining = 0;
        for (double[] a : s) {
            remaining += a.length;
        }
        int row = 0;
        while (true) {
            double t = Double.POSITIVE_INFINITY;
            boolean any = false;
            for (int c = 0; c < k; c++) {
                if (p[c] < s[c].length && (!any || s[c][p[c]] < t)) {
                    t = s[c][p[c]];
                    any = true;
                }
            }
            if (!any) {
                return row;
            }
            long removed = 0;
            long eventsHere = 0;
            for (int c = 0; c < k; c++) {
                int m = 0;
                while (p[c] < s[c].length && s[c][p[c]] == t) {
                    p[c]++;
                    m++;
                }
                removed += m;
                if (time != null) {
                    if (c == 0) {
                        censored[row] = m;
                    } else {
                        events[c - 1][row] = m;
                    }
                }
                if (c > 0) {
                    eventsHere += m;
                }
            }
            if (time != null) {
                time[row] = t;
                atRisk[row] = remaining;
                all[row] = eventsHere;
            }
            remaining -= removed;
            row++;
        }
    }

    /** @return number of subjects */
    public long subjects() {
        return subjects;
    }

    /** @return number of event causes */
    public int causes() {
        return events.length;
    }

    /** @return number of distinct times */
    public int size() {
        return time.length;
    }

    public double time(int i) {
        return time[i];
    }

    /** @return subjects whose time is {@code >= time(i)} */
    public long atRisk(int i) {
        return atRisk[i];
    }

    /** @return events of any cause at {@code time(i)} */
    public long events(int i) {
        return allEvents[i];
    }

    /** @return events of cause {@code cause} (1-based) at {@code time(i)} */
    public long events(int cause, int i) {
        return events[cause - 1][i];
    }

    /** @return censorings at {@code time(i)} */
    public long censored(int i) {
        return censored[i];
    }

    /** @return events of cause {@code cause} (1-based) over all times */
    public long totalEvents(int cause) {
        long n = 0;
        for (long e : events[cause - 1]) {
            n += e;
        }
        return n;
    }

    /** @return censored subjects over all times */
    public long totalCensored() {
        long n = 0;
        for (long c : censored) {
            n += c;
        }
        return n;
    }

    /** @return the last time of the table (event or censoring), NaN when empty */
    public double lastTime() {
        return time.length == 0 ? Double.NaN : time[time.length - 1];
    }

    /** @return the index of the last time {@code <= t}, or -1 when {@code t} precedes every time */
    public int indexAtOrBefore(double t) {
        int lo = 0;
        int hi = time.length - 1;
        int found = -1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            if (time[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
