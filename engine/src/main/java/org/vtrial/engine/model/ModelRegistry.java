package org.vtrial.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.model.builtin.FisherKppModel;
import org.vtrial.engine.model.builtin.PredatorPreyModel;
import org.vtrial.engine.model.builtin.TumorControlModel;

/** The built-in models by name: one line per model. */
public final class ModelRegistry {

    private static final Map<String, Model> MODELS = build();

    private ModelRegistry() {
    }

    private static Map<String, Model> build() {
        final Map<String, Model> m = new LinkedHashMap<>();
        register(m, new PredatorPreyModel());
        register(m, new TumorControlModel());
        register(m, new FisherKppModel());
        register(m, new CartModel());
        return Collections.unmodifiableMap(m);
    }

    private static void register(Map<String, Model> m, Model model) {
        if (m.put(model.name(), model) != null) {
            throw new IllegalStateException("duplicate model " + model.name());
        }
    }

    /** @return names of all built-in models, in registration order */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /**
     * @return the model called {@code name}
     * @throws IllegalArgumentException naming the unknown model and listing the known ones
     */
    public static Model get(String name) {
        final Model model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
        }
        return model;
    }
}
