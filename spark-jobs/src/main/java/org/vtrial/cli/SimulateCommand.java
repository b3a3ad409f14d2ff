package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.trial.ArmSpec;
import org.vtrial.engine.trial.CohortParameter;
import org.vtrial.engine.trial.CohortSpec;
import org.vtrial.engine.trial.TrialSnapshot;
import org.vtrial.engine.trial.TrialSpec;
import org.vtrial.spark.Sessions;
import org.vtrial.spark.SimulateJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vtrial simulate}: runs a whole trial on Spark and publishes the run's patient rows. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate every virtual patient of a trial on Spark (embedded local[*] by default)",
            "and write one Parquet row per patient under RUN/patients/, with RUN/manifest.json."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRIAL.json", description = "trial file (see conf/)")
    Path trialFile;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        final SimulateJob.Result r = simulate(trialFile, options, spec.commandLine().getErr());
        summarize(r, spec.commandLine().getOut());
        return 0;
    }

    /** Validates everything first (nothing is simulated or written on bad input), then runs the job. */
    static SimulateJob.Result simulate(Path trialFile, RunOptions options, PrintWriter err) throws Exception {
        final String out = options.runDirectory(trialFile);
        final TrialSnapshot snapshot = TrialSnapshot.capture(trialFile, options.seed, options.patients, options.rtol,
                options.method);
        final TrialSpec trial = snapshot.trial();
        final SparkSession spark = Sessions.get(options.master);
        final SimulateJob.Options jobOptions = SimulateJob.Options.to(out)
                .withPartitions(options.partitions)
                .withPartitionSeconds(options.partitionSeconds)
                .withOverwrite(options.overwrite)
                .withTrajectories(trial.trajectorySample(), 1.0)
                .withProgress(!options.noProgress);
        err.printf(Locale.ROOT, "simulating %s: %d arms x %,d patients x %d replicates -> %s%n", trial.name(),
                trial.arms().size(), trial.patientsPerArm(), trial.replicates(), out);
        err.flush();
        return SimulateJob.run(spark, snapshot, jobOptions, manifest(trialFile, snapshot, trial));
    }

    static ObjectNode manifest(Path trialFile, TrialSnapshot snapshot, TrialSpec trial) {
        final ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("trial", trial.name());
        m.put("trial_file", trialFile.toString());
        m.put("inputs_sha256", snapshot.digest());
        m.put("description", trial.description());
        m.put("model", trial.model().name());
        m.put("cohort", trial.cohort().name());
        m.set("cohort_provenance", cohortProvenance(trial.cohort()));
        m.put("seed", trial.seed());
        m.put("horizon_days", trial.horizonDays());
        m.put("rtol", trial.relativeTolerance());
        m.put("method", trial.method().id());
        m.put("reference_arm", trial.arms().get(trial.referenceArm()).name());
        m.put("common_random_numbers", trial.commonRandomNumbers());
        // the thresholds the endpoints were computed with (response window, detection limit, CRS cut-offs)
        final ObjectNode settings = m.putObject("endpoint_settings");
        final List<ParameterSpec> specs = PatientSimulator.create(trial.model(), IntegratorSettings.defaults())
                .endpointSettings();
        final double[] values = trial.endpointSettings();
        for (int i = 0; i < specs.size(); i++) {
            settings.put(specs.get(i).name(), values[i]);
        }
        final ArrayNode arms = m.putArray("arms");
        for (ArmSpec a : trial.arms()) {
            final ObjectNode o = arms.addObject();
            o.put("name", a.name());
            o.put("description", a.description());
            o.put("product", a.preset());
            o.put("conditioning", a.conditioning());
            final ArrayNode doses = o.putArray("doses");
            for (Dose d : a.doses()) {
                doses.addObject().put("day", d.day()).put("cells", d.cells());
            }
            final ObjectNode ov = o.putObject("overrides");
            for (Map.Entry<String, Double> e : a.overrides().entrySet()) {
                ov.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /**
     * Who the virtual patients are and where their values come from, as the cohort file states it:
     * its file, description, population, references and notes, and per parameter its distribution
     * and source.
     */
    static ObjectNode cohortProvenance(CohortSpec cohort) {
        final ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("file", cohort.file() == null ? "" : cohort.file().toString());
        c.put("description", cohort.description());
        c.put("population", cohort.provenance().population());
        final ArrayNode refs = c.putArray("references");
        cohort.provenance().references().forEach(refs::add);
        c.put("notes", cohort.provenance().notes());
        final ArrayNode params = c.putArray("parameters");
        for (CohortParameter p : cohort.parameters()) {
            params.addObject().put("name", p.name()).put("distribution", p.distribution().describe())
                    .put("source", p.source());
        }
        if (cohort.correlation() != null) {
            final ArrayNode corr = c.putArray("correlated");
            cohort.correlation().parameters().forEach(corr::add);
        }
        return c;
    }

    static void summarize(SimulateJob.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "run %s: %,d patients in %.1f s (%,.0f patients/s, %d partitions; solver %.1f s of task time)%n",
                r.run(), r.patients(), r.wallSeconds(), r.patientsPerSecond(), r.partitions(), r.solverSeconds());
        r.countsByArmAndStatus().forEach((arm, byStatus) -> out.printf(Locale.ROOT, "  %-24s %s%n", arm, byStatus));
        out.flush();
    }
}
