package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.vtrial.report.TrialReport;
import org.vtrial.spark.AggregateJob;
import org.vtrial.spark.Sessions;
import org.vtrial.spark.SimulateJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vtrial run}: simulate, then aggregate, then write the report, in one Spark session. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a whole virtual trial: simulate every patient, aggregate the summary tables,",
            "print the per-arm table and write RUN/report.html (same options as 'simulate')."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRIAL.json", description = "trial file (see conf/)")
    Path trialFile;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final SimulateJob.Result sim = SimulateCommand.simulate(trialFile, options, spec.commandLine().getErr());
        SimulateCommand.summarize(sim, out);
        final SparkSession spark = Sessions.get(options.master);
        final AggregateJob.Result agg = AggregateJob.run(spark, sim.run());
        out.print(agg.table());
        out.flush();
        ReportCommand.print(TrialReport.write(spark, sim.run(), null), out);
        return 0;
    }
}
