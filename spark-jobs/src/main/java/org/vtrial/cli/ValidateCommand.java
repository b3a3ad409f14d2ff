package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vtrial.engine.calibration.CalibrationLoader;
import org.vtrial.engine.calibration.CalibrationSpec;
import org.vtrial.engine.gsa.GsaPlan;
import org.vtrial.engine.gsa.GsaSpecReader;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.trial.CohortLoader;
import org.vtrial.engine.trial.CohortSpec;
import org.vtrial.engine.trial.InputFiles;
import org.vtrial.engine.trial.TrialLoader;
import org.vtrial.engine.trial.TrialSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial validate FILE...}: loads cohort and trial files exactly as a run would and prints
 * OK per good file, or every problem of every file ({@code FILE:LINE:COLUMN: JSON.PATH: message})
 * with exit code 2. Reads only; writes nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check cohort, trial, calibration and sensitivity-analysis (gsa) files (a trial with its cohort,",
            "a calibration with its trial). Prints OK per file, or every problem",
            "as FILE:LINE:COLUMN: JSON.PATH: message and exits with 2. Writes nothing."})
public final class ValidateCommand implements Callable<Integer> {

    /** How to read a file. */
    enum Kind { auto, cohort, trial, calibration, gsa }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "cohort or trial files (JSON)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "auto",
            description = "cohort, trial, calibration, gsa (sensitivity analysis), or auto: told by the file's fields"
                    + " (default ${DEFAULT-VALUE})")
    Kind kind;

    @Override
    public Integer call() throws BadInputException {
        final PrintWriter out = spec.commandLine().getOut();
        final List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (kind == Kind.gsa || kind == Kind.auto && GsaSpecReader.isSpec(file)) {
                try {
                    final GsaPlan plan = GsaSpecReader.read(file);
                    out.printf(Locale.ROOT, "OK %s: sensitivity analysis '%s', %s of %s, %d parameter(s), %d output(s),"
                            + " %d points%n", file, plan.name(), plan.method().label(), plan.model(),
                            plan.parameters().size(), plan.outputs().size(), plan.design().rows());
                } catch (BadInputException e) {
                    problems.addAll(e.problems());
                }
                continue;
            }
            InputFiles.Kind k;
            if (kind == Kind.cohort) {
                k = InputFiles.Kind.COHORT;
            } else if (kind == Kind.trial) {
                k = InputFiles.Kind.TRIAL;
            } else if (kind == Kind.calibration) {
                k = InputFiles.Kind.CALIBRATION;
            } else {
                final List<String> syntax = new ArrayList<>();
                k = InputFiles.kindOf(file, syntax);
                if (k == InputFiles.Kind.UNKNOWN) {
                    if (syntax.isEmpty()) {
                        problems.add(file + ": cannot tell a cohort from a trial: a cohort has \"model\" and"
                                + " \"parameters\", a trial \"cohort\" and \"arms\", a calibration \"trial\" and \"targets\""
                            + " (or give --kind)");
                    } else {
                        problems.addAll(syntax);
                    }
                    continue;
                }
            }
            try {
                if (k == InputFiles.Kind.COHORT) {
                    final CohortSpec c = CohortLoader.load(file);
                    out.printf(Locale.ROOT, "OK %s: cohort '%s' of model %s, %d parameter(s) varying between patients%n",
                            file, c.name(), c.model(), c.variedParameters().size());
                } else if (k == InputFiles.Kind.CALIBRATION) {
                    final CalibrationSpec c = CalibrationLoader.load(file);
                    out.printf(Locale.ROOT, "OK %s: calibration '%s' of cohort %s against trial %s, %d value(s) to fit,"
                            + " %d target(s)%n", file, c.name(), c.trial().cohort().file(), c.trial().file(), c.free().size(),
                            c.targets().size());
                } else {
                    final TrialSpec t = TrialLoader.load(file);
                    out.printf(Locale.ROOT, "OK %s: trial '%s', %d arm(s) x %d patients, %d replicate(s), cohort %s (model %s,"
                            + " sampled: %s)%n", file, t.name(), t.arms().size(), t.patientsPerArm(), t.replicates(),
                            t.cohort().file(), t.model().name(), String.join(", ", t.sampledParameters()));
                }
            } catch (BadInputException e) {
                problems.addAll(e.problems());
            }
        }
        out.flush();
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return 0;
    }
}
