package org.vtrial.engine.calibration;

/**
 * How the objective is minimised over the unit cube of the free values.
 *
 * <ul>
 * <li>{@code bobyqa}: Powell's BOBYQA (Hipparchus {@code BOBYQAOptimizer}), a bound-constrained
 * trust-region method on quadratic interpolation models with {@code 2k + 1} points; converged when
 * the trust region shrinks to {@code stoppingRadius}. Needs at least two free values.</li>
 * <li>{@code cmaes}: the covariance matrix adaptation evolution strategy (Hipparchus
 * {@code CMAESOptimizer}, bounded, {@code initialRadius} as the initial step in every coordinate,
 * {@code population} offspring per generation, random numbers from {@code seed}); converged when the
 * best points of two successive generations agree within {@code stoppingRadius} in every coordinate
 * (its built-in tolerances, 1e-11 and below, are out of reach on an objective that is piecewise
 * constant). When the budget runs out first it is not converged.</li>
 * </ul>
 *
 * @param method          bobyqa or cmaes
 * @param maxEvaluations  evaluation budget (simulated cohorts)
 * @param initialRadius   initial trust-region radius (bobyqa) or step size (cmaes), unit-cube units
 * @param stoppingRadius  final trust-region radius of bobyqa, agreement of successive best points of
 *                        cmaes, unit-cube units
 * @param population      offspring per generation of cmaes (0: the default 4 + 3 ln k)
 * @param seed            random numbers of cmaes
 * @param stopObjective   objective at or below which the search stops as converged (the figures are
 *                        matched well within their uncertainty), or NaN for none
 */
public record OptimizerSettings(Method method, int maxEvaluations, double initialRadius, double stoppingRadius,
                                int population, long seed, double stopObjective) {

    /** Optimisers. */
    public enum Method {
        BOBYQA("bobyqa"), CMAES("cmaes");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** @return the name used in calibration files */
        public String label() {
            return label;
        }

        /** @return the method of a label, or null */
        public static Method of(String label) {
            for (Method m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** Default evaluation budget. */
    public static final int DEFAULT_MAX_EVALUATIONS = 120;
    /** Default initial radius (a fifth of each value's range). */
    public static final double DEFAULT_INITIAL_RADIUS = 0.2;
    /** Default final radius of bobyqa. */
    public static final double DEFAULT_STOPPING_RADIUS = 1e-3;

    /** @return these settings with another budget */
    public OptimizerSettings withMaxEvaluations(int value) {
        return new OptimizerSettings(method, value, initialRadius, stoppingRadius, population, seed, stopObjective);
    }
}
