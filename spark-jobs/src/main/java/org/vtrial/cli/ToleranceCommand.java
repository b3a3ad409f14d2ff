package org.vtrial.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vtrial.engine.io.StrictJson;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.trial.ToleranceStudy;
import org.vtrial.engine.trial.TrialLoader;
import org.vtrial.engine.trial.TrialSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial tolerance TRIAL.json}: how the trial's endpoints converge as the solver's relative
 * tolerance tightens and what each tolerance costs ({@link ToleranceStudy}), on the trial's own
 * patients, in this JVM (no Spark): the evidence for choosing a trial's {@code rtol}.
 */
@Command(name = "tolerance", mixinStandardHelpOptions = true,
        description = {"Study the solver's relative tolerance (and method) on a trial's own",
            "patients: per method and rtol, steps, evaluations and CPU time per patient, and each",
            "endpoint's worst difference from a much tighter dp853 solve (relative for",
            "amounts, days for times, patients changed for categories).",
            "Runs in this JVM, one thread; writes nothing."})
public final class ToleranceCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRIAL.json", description = "trial file (see conf/)")
    Path trialFile;

    @Option(names = "--patients", paramLabel = "N",
            description = "patients of each arm, the first ones (default 100, or all of a smaller trial)")
    Integer patients;

    @Option(names = "--rtols", split = ",", paramLabel = "TOL",
            description = "tolerances to study (default 1e-3,1e-4,1e-5,1e-6,1e-7,1e-8)")
    List<Double> tolerances;

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "integration methods to study side by side: dp54, tsit5, dp853 (default: the trial's)")
    List<String> methods;

    @Option(names = "--reference", paramLabel = "TOL",
            description = "reference tolerance, tighter than every studied one (default 1e-11)")
    double reference = ToleranceStudy.DEFAULT_REFERENCE;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "timing rounds, alternated over the tolerances (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--json", paramLabel = "FILE.json",
            description = "also write the study as JSON (per tolerance: steps, evaluations, CPU time, each endpoint's figure)")
    Path json;

    @Override
    public Integer call() throws Exception {
        BenchCommand.requireFolder("--json", json);
        final TrialSpec trial = TrialLoader.load(trialFile);
        final List<OdeMethod> chosen = new ArrayList<>();
        if (methods == null) {
            chosen.add(trial.method());
        } else {
            for (String m : methods) {
                chosen.add(OdeMethod.ofOption("--methods", m));
            }
        }
        final ToleranceStudy.Result result = ToleranceStudy.run(trial, chosen,
                tolerances == null ? ToleranceStudy.DEFAULT_TOLERANCES : tolerances, reference,
                patients != null ? patients : (int) Math.min(100, trial.patientsPerArm()), rounds);
        spec.commandLine().getOut().print(result.table());
        if (json != null) {
            Files.writeString(json, StrictJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result.toJson()) + "\n");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
