package org.vtrial.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.ParameterFile;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.ParameterBundle;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.Regimen;

import picocli.CommandLine.Option;

/**
 * Options that pick a model and set one patient's parameters, shared by the commands that solve
 * single patients. Precedence, lowest first: model defaults, {@code --preset}, {@code --conditioning},
 * {@code --params} file, {@code --set}.
 */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "model name (see 'vtrial patient --list-models')")
    String model;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "set a parameter (repeatable); a choice by its label, e.g. growth=logistic")
    List<String> sets = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE.json", description = "JSON object of parameter values")
    Path paramsFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "costimulation preset of the product (e.g. CD28, 4-1BB)")
    String preset;

    @Option(names = "--conditioning", paramLabel = "NAME", description = "conditioning regimen (e.g. none, standard, intensified)")
    String conditioning;

    @Option(names = "--dose", paramLabel = "DAY:CELLS", description = "an infusion (repeatable), e.g. --dose 0:1e8")
    List<String> doses = new ArrayList<>();

    Model resolveModel() {
        return ModelRegistry.get(model);
    }

    /** Builds the parameter vector, reporting every problem at once. */
    double[] parameters(Model m) throws BadInputException {
        final ParameterSpace space = m.parameters();
        final double[] p = space.defaults();
        final List<String> problems = new ArrayList<>();
        applyBundle(m, "preset", preset, p, problems);
        applyBundle(m, "conditioning", conditioning, p, problems);
        if (paramsFile != null) {
            try {
                ParameterFile.read(paramsFile, space, p);
            } catch (BadInputException e) {
                problems.addAll(e.problems());
            }
        }
        for (String s : sets) {
            final int eq = s.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + s + ": expected NAME=VALUE");
                continue;
            }
            final String name = s.substring(0, eq).trim();
            final int index = space.indexOf(name);
            if (index < 0) {
                problems.add("--set " + s + ": unknown parameter '" + name + "' of model " + m.name()
                        + "; known: " + String.join(", ", space.names()));
                continue;
            }
            try {
                p[index] = space.get(index).parse(s.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                problems.add("--set " + s + ": " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            for (String missing : space.missing(p)) {
                if (m.uses(space.indexOf(missing), p)) {
                    problems.add("missing required parameter '" + missing + "' of model " + m.name()
                            + " (give it with --set " + missing + "=VALUE or --params)");
                }
            }
            m.validate(p, problems);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return p;
    }

    private static void applyBundle(Model m, String kind, String name, double[] p, List<String> problems) {
        if (name == null) {
            return;
        }
        final List<String> known = new ArrayList<>();
        for (ParameterBundle b : m.bundles()) {
            if (b.kind().equals(kind)) {
                known.add(b.name());
                if (b.name().equals(name)) {
                    b.applyTo(m.parameters(), p);
                    return;
                }
            }
        }
        problems.add("--" + kind + " " + name + ": unknown " + kind + " of model " + m.name()
                + (known.isEmpty() ? " (it has none)" : "; known: " + String.join(", ", known)));
    }

    /** Builds the regimen from {@code --dose} options. */
    Regimen regimen(Model m) throws BadInputException {
        if (doses.isEmpty()) {
            return Regimen.none();
        }
        final List<String> problems = new ArrayList<>();
        if (!m.acceptsDoses()) {
            throw new BadInputException("--dose: model " + m.name() + " takes no infusions");
        }
        final List<Dose> list = new ArrayList<>();
        for (String d : doses) {
            final int colon = d.indexOf(':');
            if (colon <= 0) {
                problems.add("--dose " + d + ": expected DAY:CELLS, e.g. 0:1e8");
                continue;
            }
            try {
                list.add(new Dose(Double.parseDouble(d.substring(0, colon)), Double.parseDouble(d.substring(colon + 1))));
            } catch (NumberFormatException e) {
                problems.add("--dose " + d + ": DAY and CELLS must be numbers");
            } catch (IllegalArgumentException e) {
                problems.add("--dose " + d + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new Regimen(list);
    }
}
