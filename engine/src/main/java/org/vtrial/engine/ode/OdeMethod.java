package org.vtrial.engine.ode;

import java.util.Locale;

import org.vtrial.engine.io.BadInputException;

/**
 * The integration methods a solve may use, by the name inputs give them ({@code "dp54"},
 * {@code "tsit5"}, {@code "dp853"}).
 */
public enum OdeMethod {

    /** Dormand–Prince 5(4), quartic dense output: the default. */
    DP54("dp54", "adaptive Dormand–Prince 5(4)"),

    /** Tsitouras 5(4) (DifferentialEquations.jl's Tsit5), quartic dense output. */
    TSIT5("tsit5", "adaptive Tsitouras 5(4)"),

    /** Dormand–Prince 8(5,3) (Hairer's DOP853), degree-7 dense output: fewer, longer steps. */
    DP853("dp853", "adaptive Dormand–Prince 8(5,3)");

    /**
     * The method of a solve that names none: Tsitouras 5(4). On the {@code cart} quickstart it takes 10%
     * fewer steps than Dormand–Prince 5(4) at the same tolerance and ends 4-5 times closer to the
     * reference solution (docs/PERFORMANCE.md, "Three integration methods").
     */
    public static final OdeMethod DEFAULT = TSIT5;

    private final String id;
    private final String description;

    OdeMethod(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the name inputs use ({@code "dp54"}, {@code "tsit5"}, {@code "dp853"}) */
    public String id() {
        return id;
    }

    /** @return a human-readable name, for reports */
    public String description() {
        return description;
    }

    /**
     * A new integrator of this method.
     *
     * @param capacity largest system dimension (&gt; 0)
     * @param settings step-size control settings
     * @return an integrator for use by one thread
     */
    public AdaptiveIntegrator create(int capacity, IntegratorSettings settings) {
        switch (this) {
            case DP54:
                return DormandPrince54.create(capacity, settings);
            case TSIT5:
                return Tsitouras54.create(capacity, settings);
            default:
                return DormandPrince853.create(capacity, settings);
        }
    }

    /**
     * The method an input names.
     *
     * @param name {@code "dp54"}, {@code "tsit5"} or {@code "dp853"} (case-insensitive)
     * @return the method
     * @throws IllegalArgumentException naming the value and the choices when unknown
     */
    public static OdeMethod of(String name) {
        if (name != null) {
            final String key = name.trim().toLowerCase(Locale.ROOT);
            for (OdeMethod m : values()) {
                if (m.id.equals(key)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown integration method '" + name + "' (choose dp54, tsit5 or dp853)");
    }

    /**
     * The method a command-line option names.
     *
     * @param option the option, for the message (e.g. {@code "--method"})
     * @param name   {@code "dp54"}, {@code "tsit5"} or {@code "dp853"} (case-insensitive)
     * @return the method
     * @throws BadInputException {@code "OPTION: unknown integration method ..."} when unknown
     */
    public static OdeMethod ofOption(String option, String name) throws BadInputException {
        try {
            return of(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }
}
