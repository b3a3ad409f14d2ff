package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code vtrial models}: the built-in models with their states, parameters and bundles. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the built-in models: states, parameters (unit, default, meaning) and presets.")
public final class ModelsCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        listModels(spec.commandLine().getOut());
    }

    static void listModels(PrintWriter out) {
        for (String name : ModelRegistry.names()) {
            final Model m = ModelRegistry.get(name);
            out.printf(Locale.ROOT, "%s: %s%n  states:", name, m.description());
            for (StateSpec st : m.states()) {
                out.printf(Locale.ROOT, " %s", st.name());
            }
            out.printf(Locale.ROOT, "%n  parameters:%n");
            for (ParameterSpec ps : m.parameters().all()) {
                out.printf(Locale.ROOT, "    %-18s %-14s %s%s%n", ps.name(), ps.unit(),
                        ps.isRequired() ? "(required) " : "(default " + ps.format(ps.defaultValue()) + ") ",
                        ps.description() + (ps.isChoice() ? " " + ps.choices() : ""));
            }
            for (ParameterBundle b : m.bundles()) {
                out.printf(Locale.ROOT, "  %s %s: %s%n", b.kind(), b.name(), b.values());
            }
        }
    }
}
