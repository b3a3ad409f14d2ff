package org.vtrial.engine.ode;

/**
 * State events: functions {@code g_i(t, y)} whose sign changes are located inside a step by root
 * finding on the dense output, then acted upon.
 *
 * <p>A crossing counts only in the declared direction: {@code -1} for {@code g} falling through 0
 * (from {@code g > 0} to {@code g <= 0}), {@code +1} for rising (from {@code g < 0} to
 * {@code g >= 0}), {@code 0} for either. A crossing and a return within one step is not seen,
 * which is why events are defined on monotone quantities (such as a population crossing a level
 * from above).
 */
public interface EventFunctions {

    /** No events. */
    EventFunctions NONE = new EventFunctions() {
        @Override public int eventCount() { return 0; }
        @Override public double g(int index, double t, double[] y, double[] p) { return 1; }
        @Override public int direction(int index) { return 0; }
        @Override public EventAction apply(int index, double t, double[] y, double[] p) {
            return EventAction.CONTINUE;
        }
    };

    /** @return number of event functions (at most {@link AdaptiveIntegrator#MAX_EVENTS}) */
    int eventCount();

    /**
     * @return value of event function {@code index} at {@code (t, y)}
     */
    double g(int index, double t, double[] y, double[] p);

    /**
     * Writes every event function's value at {@code (t, y)}: {@code out[i] = g(i, t, y, p)} for
     * {@code i < eventCount()}. The integrator calls this once per accepted step; a model with many
     * events may override it with straight-line code that returns exactly the same values.
     */
    default void values(double t, double[] y, double[] p, double[] out) {
        final int m = eventCount();
        for (int i = 0; i < m; i++) {
            out[i] = g(i, t, y, p);
        }
    }

    /** @return crossing direction that triggers event {@code index}: -1, +1 or 0 */
    int direction(int index);

    /**
     * Acts on a located event. May modify {@code y} in place (then return
     * {@link EventAction#RESET_STATE}).
     *
     * @return what the integrator does next
     */
    EventAction apply(int index, double t, double[] y, double[] p);
}
