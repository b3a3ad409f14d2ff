package org.vtrial.engine.stats;

import java.io.Serializable;

/**
 * Right-censored times with competing causes, accumulated for a {@link LifeTable}: each subject has
 * a time and either cause 0 (censored: event-free when last seen) or an event of cause
 * {@code 1..causes}. Holds 8 bytes per subject.
 */
public final class EventSample implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The cause code of a censored time. */
    public static final int CENSORED = 0;

    private final DoubleList[] byCause;

    private EventSample(int causes) {
        if (causes < 0 || causes > 64) {
            throw new IllegalArgumentException("number of causes must be in [0, 64], got " + causes);
        }
        byCause = new DoubleList[causes + 1];
        for (int c = 0; c <= causes; c++) {
            byCause[c] = new DoubleList();
        }
    }

    /** @return an empty sample for events of {@code causes} competing causes */
    public static EventSample create(int causes) {
        return new EventSample(causes);
    }

    /** @return the number of event causes */
    public int causes() {
        return byCause.length - 1;
    }

    /**
     * Adds one subject.
     *
     * @param time  event or censoring time (finite)
     * @param cause {@link #CENSORED}, or the event's cause in {@code 1..causes()}
     */
    public void accept(double time, int cause) {
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException("event time must be finite, got " + time);
        }
        if (cause < 0 || cause >= byCause.length) {
            throw new IllegalArgumentException("cause must be in [0, " + causes() + "], got " + cause);
        }
        // +0.0 turns -0.0 into 0.0: one time, one row.
        byCause[cause].add(time + 0.0);
    }

    /** Adds the other sample's subjects; returns this. */
    public EventSample combine(EventSample other) {
        if (other.byCause.length != byCause.length) {
            throw new IllegalArgumentException("cannot combine samples with " + causes() + " and "
                    + other.causes() + " causes");
        }
        for (int c = 0; c < byCause.length; c++) {
            byCause[c].addAll(other.byCause[c]);
        }
        return this;
    }

    /** @return number of subjects */
    public long size() {
        long n = 0;
        for (DoubleList l : byCause) {
            n += l.size();
        }
        return n;
    }

    /** @return sorted copies of the times of each cause, index 0 the censored ones */
    double[][] sortedTimes() {
        final double[][] s = new double[byCause.length][];
        for (int c = 0; c < byCause.length; c++) {
            s[c] = byCause[c].sortedCopy();
        }
        return s;
    }

    /** @return the life table of the subjects */
    public LifeTable table() {
        return LifeTable.of(this);
    }
}
