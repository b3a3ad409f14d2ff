package org.vtrial.engine.sim;

import org.vtrial.engine.ode.DenseStep;
import org.vtrial.engine.ode.StepObserver;

/**
 * Emits the state on a fixed time grid {@code t0, t0 + every, ...} up to the horizon, from the
 * dense output. Right-continuous: at a time where the state jumps (an infusion, an extinction) the
 * value after the jump is emitted.
 */
public final class GridObserver implements StepObserver {

    /** Receives one grid row; {@code y} is valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void row(double t, double[] y);
    }

    private final double[] buffer;
    private final Sink sink;
    private double start;
    private double every;
    private double end;
    private long next;

    /**
     * @param capacity largest state dimension
     * @param sink     receives the rows
     */
    public GridObserver(int capacity, Sink sink) {
        this.buffer = new double[capacity];
        this.sink = sink;
    }

    /** Starts a new grid. */
    public void reset(double gridStart, double gridEvery, double gridEnd) {
        if (!(gridEvery > 0)) {
            throw new IllegalArgumentException("grid interval must be positive, got " + gridEvery);
        }
        this.start = gridStart;
        this.every = gridEvery;
        this.end = gridEnd;
        this.next = 0;
    }

    private double time(long k) {
        return start + k * every;
    }

    @Override
    public void onStep(DenseStep step) {
        double tk = time(next);
        while (tk < step.end() && tk <= end + 1e-9 * every) {
            if (tk >= step.start()) {
                step.interpolate(tk, buffer);
                sink.row(tk, buffer);
            }
            next++;
            tk = time(next);
        }
    }

    /**
     * Emits the grid points left at the final state (those at the final time).
     *
     * @param tFinal time the solve ended at
     * @param y      final state
     */
    public void finish(double tFinal, double[] y) {
        double tk = time(next);
        while (tk <= tFinal + 1e-9 * every && tk <= end + 1e-9 * every) {
            sink.row(tk, y);
            next++;
            tk = time(next);
        }
    }
}
