package org.vtrial.engine.gsa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The analytic (verification) models by name, one line each. A model is built from named settings,
 * each a number or a list of numbers ({@code a = 7} of Ishigami, the coefficients {@code a} of the
 * G-function).
 */
public final class AnalyticModels {

    /**
     * A registered model.
     *
     * @param name        registry name
     * @param description one line
     * @param settings    setting name to its meaning and default
     * @param factory     builds the model from settings (every declared setting present)
     */
    public record Entry(String name, String description, Map<String, Setting> settings,
                        Function<Map<String, double[]>, AnalyticModel> factory) {
    }

    /**
     * A setting of an analytic model.
     *
     * @param description meaning
     * @param list        true for a list of numbers, false for one number
     * @param defaults    default value(s)
     */
    public record Setting(String description, boolean list, double[] defaults) {
    }

    private static final Map<String, Entry> ENTRIES = build();

    private AnalyticModels() {
    }

    private static Map<String, Entry> build() {
        final Map<String, Entry> m = new LinkedHashMap<>();
        register(m, new Entry("ishigami", "Ishigami function sin x1 + a sin^2 x2 + b x3^4 sin x1 (Ishigami & Homma 1990)",
                settings("a", new Setting("coefficient of sin^2 x2", false, new double[] {7}),
                        "b", new Setting("coefficient of x3^4 sin x1", false, new double[] {0.1})),
                s -> new Ishigami(s.get("a")[0], s.get("b")[0])));
        register(m, new Entry("g-function", "Sobol' G-function prod (|4 x_i - 2| + a_i) / (1 + a_i) (Sobol' 1993)",
                settings("a", new Setting("coefficients a_i >= 0, one per input x1..xk",
                        true, new double[] {0, 1, 4.5, 9, 99, 99, 99, 99})),
                s -> new GFunction(s.get("a"))));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Setting> settings(Object... nameThenSetting) {
        final Map<String, Setting> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSetting.length; i += 2) {
            m.put((String) nameThenSetting[i], (Setting) nameThenSetting[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void register(Map<String, Entry> m, Entry e) {
        if (m.put(e.name(), e) != null) {
            throw new IllegalStateException("duplicate analytic model " + e.name());
        }
    }

    /** @return registered names, in registration order */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** @return the entry of {@code name}, or null */
    public static Entry find(String name) {
        return ENTRIES.get(name);
    }

    /**
     * Builds a model with the given settings, defaults for the others.
     *
     * @throws IllegalArgumentException for an unknown model or setting, or inadmissible values
     */
    public static AnalyticModel create(String name, Map<String, double[]> given) {
        final Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown analytic model '" + name + "'; known: " + String.join(", ", names()));
        }
        final Map<String, double[]> s = new LinkedHashMap<>();
        e.settings().forEach((k, v) -> s.put(k, v.defaults().clone()));
        for (Map.Entry<String, double[]> g : given.entrySet()) {
            if (!e.settings().containsKey(g.getKey())) {
                throw new IllegalArgumentException("analytic model " + name + " has no setting '" + g.getKey()
                        + "'; known: " + String.join(", ", e.settings().keySet()));
            }
            s.put(g.getKey(), g.getValue().clone());
        }
        return e.factory().apply(s);
    }
}
